export * from './checks';
export * from './monitoring';
export * from './sqs';
export * from './lambda';
export * from './apigateway';
export * from './remediation';
