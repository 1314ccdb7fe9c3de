// The SNS rule classes, for users who instantiate or configure a rule themselves. The catalogue is the function in index.ts.
export * from './alarm-topic-key';
export * from './encrypted';
export * from './policy-open-access';
export * from './service-publisher-key';
export * from './subscription-queue-key';
export * from './subscription-queue-policy';
export * from './subscription-redrive-policy';
export * from './tls-only';
