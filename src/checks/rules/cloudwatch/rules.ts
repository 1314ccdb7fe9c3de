// The CloudWatch alarm rule classes, for users who instantiate or configure a rule themselves. The catalogue is the function in index.ts.
export * from './actions-enabled';
export * from './alarm-action';
export * from './alarm-topic-subscribed';
export * from './paging-composite-recovers';
