export * from './rule';
export * from './resource';
export * from './stack-index';
export * from './values';
export * from './finding';
export * from './report-model';
export * from './checks';
export * from './app-view';
