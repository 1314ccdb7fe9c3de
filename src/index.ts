export * from './checks';
export * from './monitoring';
