import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { l1Function, l2Function, newStack } from './fixtures';
import { Compliance } from '../../../../src';
import { LambdaAsyncFailureDestinationRule } from '../../../../src/checks/rules/lambda/lambda-async-failure-destination';
import { LambdaAsyncInvokeConfigRule } from '../../../../src/checks/rules/lambda/lambda-async-invoke-config';
import { complianceOf, findings } from '../../rule-harness';

describe('WA-LambdaAsyncFailureDestination', () => {
  const rule = new LambdaAsyncFailureDestinationRule();

  test('L2 function subscribed to SNS with an onFailure destination is compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn', { onFailure: new destinations.SqsDestination(new sqs.Queue(stack, 'Failed')) });
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.LambdaSubscription(fn));
    expect(complianceOf(rule, stack, 'Fn/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function on an EventBridge rule with a deadLetterQueue is compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn', { deadLetterQueue: new sqs.Queue(stack, 'Dlq') });
    new events.Rule(stack, 'Schedule', {
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(fn)],
    });
    expect(complianceOf(rule, stack, 'Fn/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function with S3 notifications and no destination is non-compliant, naming the invoker', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    new s3.Bucket(stack, 'Bucket').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
    const found = findings(rule, stack).filter((f) => f.constructPath.includes('Fn/Resource'));
    expect(found).toHaveLength(1);
    expect(found[0].result.message).toMatch(/invoked asynchronously by s3.amazonaws.com \(permission .*\).*onFailure/);
  });

  test('L2 function with configureAsyncInvoke but no onFailure is still non-compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    fn.configureAsyncInvoke({ retryAttempts: 1 });
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.LambdaSubscription(fn));
    expect(complianceOf(rule, stack, 'Fn/Resource')).toBe(Compliance.NON_COMPLIANT);
  });

  test('functions behind API Gateway or an SQS event source, or never invoked, are not applicable', () => {
    const stack = newStack();
    const api = l2Function(stack, 'ApiFn');
    new apigateway.LambdaRestApi(stack, 'Api', { handler: api });
    l2Function(stack, 'Worker').addEventSource(new SqsEventSource(new sqs.Queue(stack, 'Jobs')));
    l2Function(stack, 'Idle');
    expect(complianceOf(rule, stack, 'ApiFn/Resource')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Worker/Resource')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Idle/Resource')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1: an SNS subscription and an events permission; an EventInvokeConfig on the alias counts', () => {
    const stack = newStack();
    const bare = l1Function(stack, 'Bare');
    new sns.CfnSubscription(stack, 'Sub', {
      protocol: 'lambda',
      endpoint: bare.attrArn,
      topicArn: 'arn:aws:sns:us-east-1:123456789012:t',
    });
    const covered = l1Function(stack, 'Covered');
    const version = new lambda.CfnVersion(stack, 'V1', { functionName: covered.ref });
    const alias = new lambda.CfnAlias(stack, 'Live', {
      functionName: covered.ref,
      functionVersion: version.attrVersion,
      name: 'live',
    });
    new lambda.CfnPermission(stack, 'Events', {
      action: 'lambda:InvokeFunction',
      functionName: alias.ref,
      principal: 'events.amazonaws.com',
    });
    new lambda.CfnEventInvokeConfig(stack, 'Config', {
      functionName: covered.ref,
      qualifier: 'live',
      destinationConfig: { onFailure: { destination: 'arn:aws:sqs:us-east-1:123456789012:failed' } },
    });
    expect(complianceOf(rule, stack, 'TestStack/Bare')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/SNS subscription Sub/);
    expect(complianceOf(rule, stack, 'TestStack/Covered')).toBe(Compliance.COMPLIANT);
  });

  // An event invoke config configures only asynchronous invocation, so it marks the function as invoked
  // asynchronously even when the invoker is in another stack or outside the app.
  test('a function with an event invoke config and no invoker in the stack is checked', () => {
    const stack = newStack();
    const bare = l1Function(stack, 'Bare');
    new lambda.CfnEventInvokeConfig(stack, 'BareConfig', {
      functionName: bare.ref,
      qualifier: '$LATEST',
      maximumRetryAttempts: 0,
    });
    const covered = l1Function(stack, 'Covered');
    new lambda.CfnEventInvokeConfig(stack, 'CoveredConfig', {
      functionName: covered.ref,
      qualifier: '$LATEST',
      destinationConfig: { onFailure: { destination: 'arn:aws:sqs:us-east-1:123456789012:failed' } },
    });
    const withDlq = l1Function(stack, 'WithDlq', {
      deadLetterConfig: { targetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
    });
    new lambda.CfnEventInvokeConfig(stack, 'DlqConfig', { functionName: withDlq.ref, qualifier: '$LATEST' });
    l2Function(stack, 'L2').configureAsyncInvoke({ retryAttempts: 0 });
    expect(complianceOf(rule, stack, 'TestStack/Bare')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /invoker outside the stack \(event invoke config BareConfig\)/,
    );
    expect(complianceOf(rule, stack, 'TestStack/Covered')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/WithDlq')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'L2/Resource')).toBe(Compliance.NON_COMPLIANT);
  });

  test('a permission whose principal is a parameter is unknown', () => {
    const stack = newStack();
    const principal = new CfnParameter(stack, 'Principal');
    const fn = l1Function(stack, 'Fn');
    new lambda.CfnPermission(stack, 'Param', {
      action: 'lambda:InvokeFunction',
      functionName: fn.ref,
      principal: principal.valueAsString,
    });
    expect(complianceOf(rule, stack, 'TestStack/Fn')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaAsyncInvokeConfig', () => {
  const rule = new LambdaAsyncInvokeConfigRule();

  test('L2 retryAttempts and maxEventAge are compliant; retryAttempts alone is not', () => {
    const stack = newStack();
    l2Function(stack, 'Both', { retryAttempts: 0, maxEventAge: Duration.minutes(10) });
    l2Function(stack, 'RetriesOnly', { retryAttempts: 1 });
    expect(complianceOf(rule, stack, 'Both')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'RetriesOnly')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /leaves MaximumEventAgeInSeconds at the default.*maxEventAge/,
    );
  });

  test('L1 configs: missing both is non-compliant; a parameter is unknown', () => {
    const stack = newStack();
    const retries = new CfnParameter(stack, 'Retries', { type: 'Number' });
    new lambda.CfnEventInvokeConfig(stack, 'Bare', { functionName: 'fn', qualifier: '$LATEST' });
    new lambda.CfnEventInvokeConfig(stack, 'Param', {
      functionName: 'fn',
      qualifier: 'live',
      maximumRetryAttempts: retries.valueAsNumber,
      maximumEventAgeInSeconds: 600,
    });
    expect(complianceOf(rule, stack, 'Bare')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });

  test('L1 config with both settings is compliant', () => {
    const stack = newStack();
    new lambda.CfnEventInvokeConfig(stack, 'Explicit', {
      functionName: 'fn',
      qualifier: '$LATEST',
      maximumRetryAttempts: 0,
      maximumEventAgeInSeconds: 300,
    });
    expect(complianceOf(rule, stack, 'Explicit')).toBe(Compliance.COMPLIANT);
  });
});
