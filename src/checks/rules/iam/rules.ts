// The IAM rule classes, for users who instantiate or configure a rule themselves. The catalogue is `iamRules()`
// in index.ts.
export * from './iam-administrator-access';
export * from './iam-wildcard-actions';
export * from './iam-wildcard-resources';
