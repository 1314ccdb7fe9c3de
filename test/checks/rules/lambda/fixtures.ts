import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** A fresh stack in a fresh app, with a fixed account and region so ARNs render. */
export function newStack(): Stack {
  return new Stack(new App(), 'TestStack', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** An L2 function with inline code; props override the defaults. */
export function l2Function(scope: Construct, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    ...props,
  });
}

/** An L1 function with an imported role; props override the defaults. */
export function l1Function(
  scope: Construct,
  id: string,
  props: Partial<lambda.CfnFunctionProps> = {},
): lambda.CfnFunction {
  return new lambda.CfnFunction(scope, id, {
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    role: 'arn:aws:iam::123456789012:role/existing-role',
    code: { zipFile: 'exports.handler = async () => {};' },
    ...props,
  });
}
