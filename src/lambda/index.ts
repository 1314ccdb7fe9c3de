export * from './function-options';
export * from './function';
export * from './nodejs-function';
export * from './powertools-layer';
