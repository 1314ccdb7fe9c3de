// The CloudWatch Logs rule classes, for users who instantiate or configure a rule themselves. The catalogue is the function in index.ts.
export * from './encrypted';
export * from './kms-key-access';
export * from './metric-filter-alarm';
export * from './retention';
