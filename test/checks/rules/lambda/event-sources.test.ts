import { CfnParameter, Duration, Fn } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  DynamoEventSource,
  KinesisEventSource,
  ManagedKafkaEventSource,
  SqsDlq,
  SqsEventSource,
} from 'aws-cdk-lib/aws-lambda-event-sources';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { l1Function, l2Function, newStack } from './fixtures';
import { Compliance, Severity } from '../../../../src';
import { LambdaProvisionedConcurrencyScalingRule } from '../../../../src/checks/rules/lambda/lambda-provisioned-concurrency-scaling';
import { LambdaSqsBatchingWindowRule } from '../../../../src/checks/rules/lambda/lambda-sqs-batching-window';
import { LambdaSqsMaxConcurrencyRule } from '../../../../src/checks/rules/lambda/lambda-sqs-max-concurrency';
import { LambdaSqsReportBatchItemFailuresRule } from '../../../../src/checks/rules/lambda/lambda-sqs-report-batch-item-failures';
import { LambdaSqsVisibilityBelowTimeoutRule } from '../../../../src/checks/rules/lambda/lambda-sqs-visibility-below-timeout';
import { LambdaSqsVisibilityTimeoutRule } from '../../../../src/checks/rules/lambda/lambda-sqs-visibility-timeout';
import { LambdaStreamFailureDestinationRule } from '../../../../src/checks/rules/lambda/lambda-stream-failure-destination';
import { LambdaStreamRetryLimitsRule } from '../../../../src/checks/rules/lambda/lambda-stream-retry-limits';
import { complianceOf, evaluateRule, findings } from '../../rule-harness';

const ESM = 'AWS::Lambda::EventSourceMapping';

describe('WA-LambdaStreamFailureDestination and WA-LambdaStreamRetryLimits', () => {
  const destination = new LambdaStreamFailureDestinationRule();
  const limits = new LambdaStreamRetryLimitsRule();

  test('L2 Kinesis source with onFailure, bisect, retries and max age is compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    fn.addEventSource(
      new KinesisEventSource(new kinesis.Stream(stack, 'Stream'), {
        startingPosition: lambda.StartingPosition.LATEST,
        onFailure: new SqsDlq(new sqs.Queue(stack, 'Failed')),
        bisectBatchOnError: true,
        retryAttempts: 3,
        maxRecordAge: Duration.hours(1),
      }),
    );
    expect(complianceOf(destination, stack, 'KinesisEventSource')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(limits, stack, 'KinesisEventSource')).toBe(Compliance.COMPLIANT);
  });

  test('L2 DynamoDB stream source on the defaults is non-compliant for both', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    l2Function(stack, 'Fn').addEventSource(
      new DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST }),
    );
    expect(findings(destination, stack)[0].result.message).toMatch(
      /DynamoDB stream event source mapping .* no on-failure destination.*onFailure/,
    );
    expect(findings(limits, stack)[0].result.message).toMatch(
      /does not bisect.*retries forever.*keeps records until they expire/,
    );
  });

  test('SQS mappings are not applicable to the stream rules', () => {
    const stack = newStack();
    l2Function(stack, 'Fn').addEventSource(new SqsEventSource(new sqs.Queue(stack, 'Jobs')));
    expect(evaluateRule(destination, stack).map((o) => o.result.compliance)).toEqual([Compliance.NOT_APPLICABLE]);
    expect(evaluateRule(limits, stack).map((o) => o.result.compliance)).toEqual([Compliance.NOT_APPLICABLE]);
  });

  // Amazon MSK and self-managed Kafka mappings support an on-failure destination too (SNS, SQS, S3, Kafka):
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-eventsourcemapping-onfailure.html
  test('L2 Amazon MSK source without onFailure is non-compliant, with onFailure compliant', () => {
    const stack = newStack();
    const clusterArn = 'arn:aws:kafka:us-east-1:123456789012:cluster/c/abcd1234-ab12-cd34-ef56-abcdef123456-1';
    l2Function(stack, 'Bare').addEventSource(
      new ManagedKafkaEventSource({ clusterArn, topic: 'orders', startingPosition: lambda.StartingPosition.LATEST }),
    );
    l2Function(stack, 'WithDestination').addEventSource(
      new ManagedKafkaEventSource({
        clusterArn,
        topic: 'orders',
        startingPosition: lambda.StartingPosition.LATEST,
        onFailure: new SqsDlq(new sqs.Queue(stack, 'Failed')),
      }),
    );
    expect(complianceOf(destination, stack, 'Bare/KafkaEventSource')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(destination, stack)[0].result.message).toMatch(
      /Kafka event source mapping .* no on-failure destination/,
    );
    expect(complianceOf(destination, stack, 'WithDestination/KafkaEventSource')).toBe(Compliance.COMPLIANT);
    // Retry limits stay with the stream sources.
    expect(complianceOf(limits, stack, 'Bare/KafkaEventSource')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1 mappings on an in-stack MSK cluster and on self-managed Kafka brokers are checked; other self-managed sources are not', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const cluster = new msk.CfnCluster(stack, 'Cluster', {
      clusterName: 'c',
      kafkaVersion: '3.6.0',
      numberOfBrokerNodes: 2,
      brokerNodeGroupInfo: { clientSubnets: ['subnet-1', 'subnet-2'], instanceType: 'kafka.t3.small' },
    });
    new lambda.CfnEventSourceMapping(stack, 'Msk', {
      functionName: fn.ref,
      eventSourceArn: cluster.ref,
      topics: ['orders'],
      startingPosition: 'LATEST',
    });
    new lambda.CfnEventSourceMapping(stack, 'SelfManaged', {
      functionName: fn.ref,
      selfManagedEventSource: { endpoints: { kafkaBootstrapServers: ['broker-1.example.com:9092'] } },
      topics: ['orders'],
      startingPosition: 'LATEST',
    });
    new lambda.CfnEventSourceMapping(stack, 'KafkaWithDestination', {
      functionName: fn.ref,
      selfManagedEventSource: { endpoints: { kafkaBootstrapServers: ['broker-1.example.com:9092'] } },
      topics: ['orders'],
      startingPosition: 'LATEST',
      destinationConfig: { onFailure: { destination: 'arn:aws:s3:::failed-batches' } },
    });
    new lambda.CfnEventSourceMapping(stack, 'OtherSelfManaged', {
      functionName: fn.ref,
      selfManagedEventSource: { endpoints: {} },
    });
    expect(complianceOf(destination, stack, '/Msk')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(destination, stack, '/SelfManaged')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(destination, stack, '/KafkaWithDestination')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(destination, stack, '/OtherSelfManaged')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1 mappings on literal stream ARNs: -1 retries is non-compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    new lambda.CfnEventSourceMapping(stack, 'Infinite', {
      functionName: fn.ref,
      eventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s',
      startingPosition: 'LATEST',
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: -1,
      maximumRecordAgeInSeconds: 3600,
      destinationConfig: { onFailure: { destination: 'arn:aws:sqs:us-east-1:123456789012:failed' } },
    });
    new lambda.CfnEventSourceMapping(stack, 'Table', {
      functionName: fn.ref,
      eventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000',
      startingPosition: 'LATEST',
    });
    expect(complianceOf(limits, stack, 'Infinite')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(destination, stack, 'Infinite')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(destination, stack, 'Table')).toBe(Compliance.NON_COMPLIANT);
  });

  test('an imported (Fn::ImportValue) source or a parameter setting is unknown', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const retries = new CfnParameter(stack, 'Retries', { type: 'Number' });
    new lambda.CfnEventSourceMapping(stack, 'Imported', {
      functionName: fn.ref,
      eventSourceArn: Fn.importValue('StreamArn'),
      startingPosition: 'LATEST',
    });
    new lambda.CfnEventSourceMapping(stack, 'Param', {
      functionName: fn.ref,
      eventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s',
      startingPosition: 'LATEST',
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: retries.valueAsNumber,
      maximumRecordAgeInSeconds: 60,
    });
    expect(complianceOf(destination, stack, 'Imported')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(limits, stack, 'Imported')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(limits, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaSqsReportBatchItemFailures', () => {
  const rule = new LambdaSqsReportBatchItemFailuresRule();

  test('L2 SQS source with reportBatchItemFailures is compliant, without it non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Reports').addEventSource(
      new SqsEventSource(new sqs.Queue(stack, 'A'), { reportBatchItemFailures: true }),
    );
    l2Function(stack, 'Silent').addEventSource(new SqsEventSource(new sqs.Queue(stack, 'B')));
    expect(complianceOf(rule, stack, 'Reports/')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Silent/')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/batch size 10.*reportBatchItemFailures: true/);
  });

  test('L1: batch size 1 is not applicable; an imported queue ARN is still recognised as SQS', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    new lambda.CfnEventSourceMapping(stack, 'One', {
      functionName: fn.ref,
      eventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:q',
      batchSize: 1,
    });
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:other');
    new lambda.CfnEventSourceMapping(stack, 'Many', {
      functionName: fn.ref,
      eventSourceArn: imported.queueArn,
      batchSize: 5,
    });
    expect(complianceOf(rule, stack, 'One')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Many')).toBe(Compliance.NON_COMPLIANT);
  });

  test('L1 mapping on an in-stack queue with ReportBatchItemFailures is compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const queue = new sqs.CfnQueue(stack, 'Q');
    new lambda.CfnEventSourceMapping(stack, 'Reports', {
      functionName: fn.ref,
      eventSourceArn: queue.attrArn,
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(complianceOf(rule, stack, 'Reports')).toBe(Compliance.COMPLIANT);
  });

  test('Fn::If response types or a parameter batch size are unknown', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const batch = new CfnParameter(stack, 'Batch', { type: 'Number' });
    new lambda.CfnEventSourceMapping(stack, 'Cond', {
      functionName: fn.ref,
      eventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:q',
      functionResponseTypes: [Fn.conditionIf('Partial', 'ReportBatchItemFailures', Fn.ref('AWS::NoValue')).toString()],
    });
    new lambda.CfnEventSourceMapping(stack, 'Param', {
      functionName: fn.ref,
      eventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:q',
      batchSize: batch.valueAsNumber,
    });
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaSqsBatchingWindow', () => {
  const rule = new LambdaSqsBatchingWindowRule();

  test('L2 SQS source with batch 100 and a batching window is compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn').addEventSource(
      new SqsEventSource(new sqs.Queue(stack, 'Q'), { batchSize: 100, maxBatchingWindow: Duration.seconds(5) }),
    );
    expect(evaluateRule(rule, stack).map((o) => o.result.compliance)).toEqual([Compliance.COMPLIANT]);
  });

  test('L2 addEventSourceMapping with batch 100 and no window is non-compliant', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Q');
    l2Function(stack, 'Fn').addEventSourceMapping('Big', { eventSourceArn: queue.queueArn, batchSize: 100 });
    expect(findings(rule, stack)[0].result.message).toMatch(
      /batch size 100 without a batching window.*maxBatchingWindow/,
    );
  });

  test('L1: batch 10 without a window is compliant; a parameter window is unknown', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const window = new CfnParameter(stack, 'Window', { type: 'Number' });
    const arn = 'arn:aws:sqs:us-east-1:123456789012:q';
    new lambda.CfnEventSourceMapping(stack, 'Ten', { functionName: fn.ref, eventSourceArn: arn, batchSize: 10 });
    new lambda.CfnEventSourceMapping(stack, 'Big', { functionName: fn.ref, eventSourceArn: arn, batchSize: 50 });
    new lambda.CfnEventSourceMapping(stack, 'Param', {
      functionName: fn.ref,
      eventSourceArn: arn,
      batchSize: 50,
      maximumBatchingWindowInSeconds: window.valueAsNumber,
    });
    expect(complianceOf(rule, stack, 'Ten')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Big')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaSqsMaxConcurrency', () => {
  const rule = new LambdaSqsMaxConcurrencyRule();

  test('L2: maxConcurrency within reserved concurrency is compliant, above it non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Within', { reservedConcurrentExecutions: 10 }).addEventSource(
      new SqsEventSource(new sqs.Queue(stack, 'A'), { maxConcurrency: 10 }),
    );
    l2Function(stack, 'Above', { reservedConcurrentExecutions: 5 }).addEventSource(
      new SqsEventSource(new sqs.Queue(stack, 'B'), { maxConcurrency: 20 }),
    );
    expect(complianceOf(rule, stack, 'Within/')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Above/')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /allows 20 concurrent invocations .* reserves only 5.*`maxConcurrency` to at most 5/,
    );
  });

  test('L1: no reserved concurrency is compliant; a function outside the stack or a parameter is unknown', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const reserved = new CfnParameter(stack, 'Reserved', { type: 'Number' });
    const paramFn = l1Function(stack, 'ParamFn', { reservedConcurrentExecutions: reserved.valueAsNumber });
    const arn = 'arn:aws:sqs:us-east-1:123456789012:q';
    new lambda.CfnEventSourceMapping(stack, 'Unreserved', {
      functionName: fn.ref,
      eventSourceArn: arn,
      scalingConfig: { maximumConcurrency: 50 },
    });
    new lambda.CfnEventSourceMapping(stack, 'Elsewhere', {
      functionName: 'other-fn',
      eventSourceArn: arn,
      scalingConfig: { maximumConcurrency: 50 },
    });
    new lambda.CfnEventSourceMapping(stack, 'ParamMapping', {
      functionName: paramFn.ref,
      eventSourceArn: arn,
      scalingConfig: { maximumConcurrency: 50 },
    });
    expect(complianceOf(rule, stack, 'Unreserved')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Elsewhere')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'ParamMapping')).toBe(Compliance.UNKNOWN);
  });

  test('L1: maximum concurrency above the function reserve is non-compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn', { reservedConcurrentExecutions: 2 });
    const queue = new sqs.CfnQueue(stack, 'Q');
    new lambda.CfnEventSourceMapping(stack, 'TooMany', {
      functionName: fn.attrArn,
      eventSourceArn: queue.attrArn,
      scalingConfig: { maximumConcurrency: 5 },
    });
    expect(complianceOf(rule, stack, 'TooMany')).toBe(Compliance.NON_COMPLIANT);
  });
});

describe('WA-LambdaSqsVisibilityTimeout', () => {
  const rule = new LambdaSqsVisibilityTimeoutRule();

  test('L2: 6 x timeout + window is compliant', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Q', { visibilityTimeout: Duration.seconds(65) });
    l2Function(stack, 'Fn', { timeout: Duration.seconds(10) }).addEventSource(
      new SqsEventSource(queue, { maxBatchingWindow: Duration.seconds(5) }),
    );
    expect(evaluateRule(rule, stack).map((o) => o.result.compliance)).toEqual([Compliance.COMPLIANT]);
  });

  test('L2: the default 30 s queue with a 10 s function is non-compliant, with the number to set', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', { timeout: Duration.seconds(10) }).addEventSource(
      new SqsEventSource(new sqs.Queue(stack, 'Q')),
    );
    const message = findings(rule, stack)[0].result.message;
    expect(message).toMatch(
      /visibility timeout of 30 s .*\(timeout 10 s\).*, so messages become visible again.*at least 60 s/,
    );
  });

  test('L1: visibility below the function timeout is an error of WA-LambdaSqsVisibilityBelowTimeout, not this warning', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn', { timeout: 60 });
    const queue = new sqs.CfnQueue(stack, 'Q', { visibilityTimeout: 30 });
    new lambda.CfnEventSourceMapping(stack, 'Mapping', { functionName: fn.ref, eventSourceArn: queue.attrArn });
    expect(complianceOf(rule, stack, 'Mapping')).toBe(Compliance.NOT_APPLICABLE);
    const below = new LambdaSqsVisibilityBelowTimeoutRule();
    expect(below.severity).toBe(Severity.ERROR);
    expect(findings(below, stack)[0].result.message).toMatch(
      /visibility timeout of 30 s, below the 60 s timeout.*Lambda rejects the mapping and the deployment fails.*at least 60 s \(AWS recommends 360 s\)/,
    );
  });

  test('WA-LambdaSqsVisibilityBelowTimeout: a visibility equal to the function timeout is accepted by Lambda', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn', { timeout: 30 });
    const queue = new sqs.CfnQueue(stack, 'Q', { visibilityTimeout: 30 });
    new lambda.CfnEventSourceMapping(stack, 'Mapping', { functionName: fn.ref, eventSourceArn: queue.attrArn });
    expect(complianceOf(new LambdaSqsVisibilityBelowTimeoutRule(), stack, 'Mapping')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Mapping')).toBe(Compliance.NON_COMPLIANT);
  });

  test('WA-LambdaSqsVisibilityBelowTimeout: L2 queue with the default 30 s under a 60 s function, and unknowns', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', { timeout: Duration.seconds(60) }).addEventSource(
      new SqsEventSource(new sqs.Queue(stack, 'Q')),
    );
    const below = new LambdaSqsVisibilityBelowTimeoutRule();
    expect(evaluateRule(below, stack).map((o) => o.result.compliance)).toEqual([Compliance.NON_COMPLIANT]);
    const other = newStack();
    const timeout = new CfnParameter(other, 'Timeout', { type: 'Number' });
    const fn = l1Function(other, 'Fn', { timeout: timeout.valueAsNumber });
    const queue = new sqs.CfnQueue(other, 'Q');
    new lambda.CfnEventSourceMapping(other, 'Mapping', { functionName: fn.ref, eventSourceArn: queue.attrArn });
    expect(complianceOf(below, other, 'Mapping')).toBe(Compliance.UNKNOWN);
  });

  test('L1: defaults (30 s queue, 3 s function) are compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const queue = new sqs.CfnQueue(stack, 'Q');
    new lambda.CfnEventSourceMapping(stack, 'Mapping', { functionName: fn.ref, eventSourceArn: queue.attrArn });
    expect(complianceOf(rule, stack, 'Mapping')).toBe(Compliance.COMPLIANT);
  });

  test('an imported queue, an imported function or a parameter timeout is unknown', () => {
    const stack = newStack();
    const timeout = new CfnParameter(stack, 'Timeout', { type: 'Number' });
    const fn = l1Function(stack, 'Fn', { timeout: timeout.valueAsNumber });
    const queue = new sqs.CfnQueue(stack, 'Q');
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:other');
    new lambda.CfnEventSourceMapping(stack, 'ImportedQueue', {
      functionName: fn.ref,
      eventSourceArn: imported.queueArn,
    });
    new lambda.CfnEventSourceMapping(stack, 'ImportedFn', { functionName: 'other-fn', eventSourceArn: queue.attrArn });
    new lambda.CfnEventSourceMapping(stack, 'ParamTimeout', { functionName: fn.ref, eventSourceArn: queue.attrArn });
    expect(complianceOf(rule, stack, 'ImportedQueue')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'ImportedFn')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'ParamTimeout')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaProvisionedConcurrencyScaling', () => {
  const rule = new LambdaProvisionedConcurrencyScalingRule();

  test('L2 alias with provisioned concurrency and addAutoScaling is compliant, without it non-compliant', () => {
    const stack = newStack();
    const scaled = l2Function(stack, 'Scaled');
    const live = new lambda.Alias(stack, 'ScaledLive', {
      aliasName: 'live',
      version: scaled.currentVersion,
      provisionedConcurrentExecutions: 2,
    });
    live.addAutoScaling({ minCapacity: 1, maxCapacity: 10 }).scaleOnUtilization({ utilizationTarget: 0.7 });
    const fixed = l2Function(stack, 'Fixed');
    new lambda.Alias(stack, 'FixedLive', {
      aliasName: 'live',
      version: fixed.currentVersion,
      provisionedConcurrentExecutions: 5,
    });
    expect(complianceOf(rule, stack, 'ScaledLive')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'FixedLive')).toBe(Compliance.NON_COMPLIANT);
    const message = findings(rule, stack)[0].result.message;
    expect(message).toMatch(/Alias FixedLive.* keeps 5 provisioned concurrent executions without auto scaling/);
  });

  test('L1 alias with a literal scalable target is compliant; without provisioned concurrency not applicable', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn', { functionName: 'orders' });
    const version = new lambda.CfnVersion(stack, 'V1', { functionName: fn.ref });
    new lambda.CfnAlias(stack, 'Live', {
      functionName: fn.ref,
      functionVersion: version.attrVersion,
      name: 'live',
      provisionedConcurrencyConfig: { provisionedConcurrentExecutions: 3 },
    });
    new lambda.CfnAlias(stack, 'Plain', { functionName: fn.ref, functionVersion: version.attrVersion, name: 'plain' });
    new appscaling.CfnScalableTarget(stack, 'Target', {
      serviceNamespace: 'lambda',
      resourceId: 'function:orders:live',
      scalableDimension: 'lambda:function:ProvisionedConcurrency',
      minCapacity: 1,
      maxCapacity: 5,
    });
    expect(complianceOf(rule, stack, 'TestStack/Live')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Plain')).toBe(Compliance.NOT_APPLICABLE);
    expect(evaluateRule(rule, stack).filter((o) => o.logicalId === 'V1')[0].result.compliance).toBe(
      Compliance.NOT_APPLICABLE,
    );
  });

  test('a parameter for the provisioned concurrency is unknown', () => {
    const stack = newStack();
    const count = new CfnParameter(stack, 'Count', { type: 'Number' });
    const fn = l1Function(stack, 'Fn');
    const version = new lambda.CfnVersion(stack, 'V1', { functionName: fn.ref });
    new lambda.CfnAlias(stack, 'Live', {
      functionName: fn.ref,
      functionVersion: version.attrVersion,
      name: 'live',
      provisionedConcurrencyConfig: { provisionedConcurrentExecutions: count.valueAsNumber },
    });
    expect(complianceOf(rule, stack, 'TestStack/Live')).toBe(Compliance.UNKNOWN);
  });
});

test('every event source mapping rule evaluates only event source mappings', () => {
  for (const rule of [
    new LambdaStreamFailureDestinationRule(),
    new LambdaStreamRetryLimitsRule(),
    new LambdaSqsReportBatchItemFailuresRule(),
    new LambdaSqsBatchingWindowRule(),
    new LambdaSqsMaxConcurrencyRule(),
    new LambdaSqsVisibilityTimeoutRule(),
    new LambdaSqsVisibilityBelowTimeoutRule(),
  ]) {
    expect(rule.resourceTypes).toEqual([ESM]);
  }
});
