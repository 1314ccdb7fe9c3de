// The SQS rule classes, for users who instantiate or configure a rule themselves. The catalogue is the function in index.ts.
export * from './age-alarm';
export * from './dead-letter-alarm';
export * from './dead-letter-queue-type';
export * from './dead-letter-retention';
export * from './encrypted-at-rest';
export * from './max-receive-count';
export * from './policy-open-access';
export * from './redrive-policy';
export * from './tls-only';
export * from './unused-queue';
