export * from './evaluator';
export * from './policy-index';
export * from './requests';
export * from './symbolic';
