import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { l2Function, newStack } from './fixtures';
import { CheckedResource, Compliance, StackIndex } from '../../../../src';
import { lambdaRules } from '../../../../src/checks/rules/lambda';
import { LambdaTracingRule } from '../../../../src/checks/rules/lambda/lambda-tracing';
import { evaluateRule } from '../../rule-harness';

// Functions aws-cdk-lib creates for itself cannot be configured by the app: configuration rules skip them.
test('the logRetention, bucket-notification and auto-delete functions of aws-cdk-lib get no configuration finding', () => {
  const stack = newStack();
  const fn = l2Function(stack, 'Fn', { logRetention: logs.RetentionDays.ONE_DAY });
  new s3.Bucket(stack, 'Bucket', {
    autoDeleteObjects: true,
    removalPolicy: RemovalPolicy.DESTROY,
  }).addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
  const internal = lambdaRules()
    .filter((rule) => rule.id !== 'WA-LambdaRuntimeSupport')
    .flatMap((rule) => evaluateRule(rule, stack).map((o) => ({ rule: rule.id, ...o })))
    .filter((o) => /LogRetention|BucketNotificationsHandler|CustomResourceProvider/.test(o.constructPath));
  for (const kind of ['LogRetention', 'BucketNotificationsHandler', 'CustomResourceProvider']) {
    expect(internal.some((o) => o.constructPath.includes(kind))).toBe(true);
  }
  expect(internal.filter((o) => o.result.compliance === Compliance.NON_COMPLIANT)).toEqual([]);
  // The user's own function is still checked.
  expect(
    evaluateRule(new LambdaTracingRule(), stack).find((o) => o.constructPath === 'TestStack/Fn/Resource')?.result
      .compliance,
  ).toBe(Compliance.NON_COMPLIANT);
});

test('in a plain template, CDK framework functions are recognised by logical id', () => {
  const rule = new LambdaTracingRule();
  const evaluate = (logicalId: string) => {
    const resource = new CheckedResource({
      logicalId,
      resourceType: 'AWS::Lambda::Function',
      constructPath: `template.json/${logicalId}`,
      stackName: 'template.json',
    });
    return rule.evaluate(resource, { index: StackIndex.fromResources([resource]) }).compliance;
  };
  expect(evaluate('LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD5A2B9F')).toBe(Compliance.NOT_APPLICABLE);
  expect(evaluate('CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F')).toBe(Compliance.NOT_APPLICABLE);
  expect(evaluate('LogRetentionHandler')).toBe(Compliance.NON_COMPLIANT);
});
