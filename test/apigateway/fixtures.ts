import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** A small traced function to integrate with; its own cdk-nag findings are not what these tests are about. */
export function backendFunction(stack: Stack, id: string, timeout?: Duration): lambda.Function {
  const fn = new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
    memorySize: 256,
    timeout,
    tracing: lambda.Tracing.ACTIVE,
  });
  Validations.of(fn).acknowledge(
    ...[
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions::AwsSolutions-L1',
      'Serverless::Serverless-LambdaDLQ',
      'Serverless::Serverless-LambdaLatestVersion',
      'Serverless::Serverless-LambdaDefaultMemorySize',
      'Serverless::Serverless-LambdaDefaultTimeout',
    ].map((ruleId) => ({ id: ruleId, reason: 'Test fixture: the API is under test, not this function.' })),
  );
  return fn;
}

/** The literal text of a dashboard body (its `Fn::Join` parts without the tokens). */
export function dashboardText(body: any): string {
  return body['Fn::Join'][1].filter((part: unknown) => typeof part === 'string').join('');
}
