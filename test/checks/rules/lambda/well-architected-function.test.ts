import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { newStack } from './fixtures';
import { Compliance, WellArchitectedFunction } from '../../../../src';
import { lambdaRules } from '../../../../src/checks/rules/lambda';
import { LambdaRuntimeSupportRule } from '../../../../src/checks/rules/lambda/lambda-runtime-support';
import { evaluateRule } from '../../rule-harness';

// The construct and the checks are two halves of one product: WellArchitectedFunction's defaults must satisfy
// every Lambda rule, for a synchronous (API Gateway) and an asynchronous (S3) function.
test('WellArchitectedFunction with its defaults has no Lambda finding', () => {
  const stack = newStack();
  const code = lambda.Code.fromInline('exports.handler = async () => {};');
  const api = new WellArchitectedFunction(stack, 'ApiHandler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code,
  });
  new apigateway.LambdaRestApi(stack, 'Api', { handler: api });
  const onUpload = new WellArchitectedFunction(stack, 'OnUpload', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code,
  });
  new s3.Bucket(stack, 'Uploads').addEventNotification(
    s3.EventType.OBJECT_CREATED,
    new s3n.LambdaDestination(onUpload),
  );

  const rules = lambdaRules().map((rule) =>
    rule.id === 'WA-LambdaRuntimeSupport'
      ? new LambdaRuntimeSupportRule({ evaluationDate: new Date('2026-01-01T00:00:00Z') })
      : rule,
  );
  const outcomes = rules.flatMap((rule) =>
    evaluateRule(rule, stack)
      .filter((o) => o.constructPath.includes('ApiHandler/') || o.constructPath.includes('OnUpload/'))
      .map((o) => ({ rule: rule.id, ...o })),
  );
  const problems = outcomes
    .filter((o) => o.result.compliance === Compliance.NON_COMPLIANT)
    .map((o) => `${o.rule} ${o.constructPath}: ${o.result.message}`);
  expect(problems).toEqual([]);
  // The async function is recognised as such and satisfied by the construct's on-failure queue.
  const asyncOutcome = outcomes.find(
    (o) => o.rule === 'WA-LambdaAsyncFailureDestination' && o.constructPath.includes('OnUpload/'),
  );
  expect(asyncOutcome?.result.compliance).toBe(Compliance.COMPLIANT);
  expect(outcomes.filter((o) => o.result.compliance === Compliance.COMPLIANT).length).toBeGreaterThan(30);
});
