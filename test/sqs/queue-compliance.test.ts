import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { WellArchitectedQueue } from '../../src';
import { cfnLintErrors, NagFindings, nagFindings, openCheckMessages } from '../support/compliance';

/** Build a stack in an app that runs cdk-nag's Serverless and AWS Solutions packs, synthesize, read the report. */
function nagReport(build: (stack: Stack) => void): NagFindings {
  const app = new App();
  build(new Stack(app, 'Service'));
  return nagFindings(app);
}

/**
 * A consumer function for the tests. It stands for the user's function, not ours: what cdk-nag finds on it alone
 * (its execution role, its own asynchronous dead-letter queue) is acknowledged here, on it.
 */
function consumerFunction(stack: Stack): lambda.Function {
  const fn = new lambda.Function(stack, 'Consumer', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
    timeout: Duration.seconds(10),
    memorySize: 256,
    tracing: lambda.Tracing.ACTIVE,
  });
  Validations.of(fn).acknowledge(
    {
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'Test fixture: the basic execution role of a plain function.',
    },
    { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: 'Test fixture: X-Ray tracing needs Resource *.' },
    { id: 'Serverless::Serverless-LambdaDLQ', reason: 'Test fixture: invoked synchronously by SQS, never async.' },
  );
  return fn;
}

/** The CloudFormation template of a stack built alone, with no validation plugins. */
function templateOf(build: (stack: Stack) => void): object {
  const stack = new Stack(new App(), 'Service');
  build(stack);
  return Template.fromStack(stack).toJSON();
}

const scenarios: Record<string, (stack: Stack) => void> = {
  'a default queue': (stack) => {
    new WellArchitectedQueue(stack, 'Queue');
  },
  'a queue with a consumer': (stack) => {
    new WellArchitectedQueue(stack, 'Queue').addConsumer(consumerFunction(stack));
  },
  'a named FIFO queue with a consumer': (stack) => {
    new WellArchitectedQueue(stack, 'Queue', { fifo: true, queueName: 'orders.fifo' }).addConsumer(
      consumerFunction(stack),
      { batchSize: 10 },
    );
  },
  'a queue encrypted with a customer managed key, with a consumer': (stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new WellArchitectedQueue(stack, 'Queue', { encryptionMasterKey: key }).addConsumer(consumerFunction(stack), {
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(5),
      maxConcurrency: 5,
    });
  },
};

describe.each(Object.entries(scenarios))('%s', (_name, build) => {
  test('has no unacknowledged cdk-nag Serverless or AWS Solutions finding', () => {
    expect(nagReport(build).open).toEqual([]);
  });

  test("has no finding of this library's own checks on the queues or the event source mapping", () => {
    const app = new App();
    const stack = new Stack(app, 'Service');
    build(stack);
    expect(
      openCheckMessages(app, stack, (path) => path.startsWith('/Service/Queue') || path.includes('SqsEventSource')),
    ).toEqual([]);
  });

  test('has no cfn-lint error', () => {
    expect(cfnLintErrors(templateOf(build))).toEqual([]);
  });
});

test('the construct acknowledges exactly two cdk-nag rules, each where it cannot apply', () => {
  const report = nagReport(scenarios['a queue with a consumer']);
  const ours = report.acknowledged.filter(
    (finding) => !finding.includes('Service/Consumer/Resource') && !finding.includes('Service/Consumer/ServiceRole'),
  );
  expect(ours).toEqual([
    'Serverless-LambdaEventSourceMappingDestination Service/Consumer/SqsEventSource:ServiceQueue3669BAC4/Resource',
    'Serverless-SQSRedrivePolicy Service/Queue/DeadLetterQueue/Resource',
  ]);
});

test('a redrive allow policy that refers to an unnamed source queue would be a circular dependency', () => {
  // Guards the reason the dead-letter queue names its source only when the source has a queueName.
  const stack = new Stack(new App(), 'Service');
  const queue = new WellArchitectedQueue(stack, 'Queue');
  const deadLetterQueue = queue.deadLetterQueue!.queue.node.defaultChild as sqs.CfnQueue;
  deadLetterQueue.redriveAllowPolicy = { redrivePermission: 'byQueue', sourceQueueArns: [queue.queueArn] };
  expect(() => Template.fromStack(stack)).toThrow(/dependency cycle/);
});

test('the cfn-lint check reports errors when there are some', () => {
  const invalid = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 10 } } } };
  expect(cfnLintErrors(invalid)).toEqual([expect.stringMatching(/^E\d+: /)]);
});
