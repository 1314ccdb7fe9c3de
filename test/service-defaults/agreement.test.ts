/**
 * The numbers of src/service-defaults are declared once; these tests hold the constructs, WellArchitectedDefaults
 * (src/remediation) and the rules to them, so a change of one number moves all three or fails here.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Compliance, Rule } from '../../src';
import { LambdaSqsVisibilityTimeoutRule } from '../../src/checks/rules/lambda/lambda-sqs-visibility-timeout';
import { SqsDeadLetterRetentionRule } from '../../src/checks/rules/sqs/dead-letter-retention';
import { SqsMaxReceiveCountRule } from '../../src/checks/rules/sqs/max-receive-count';
import { WellArchitectedFunction } from '../../src/lambda';
import { WellArchitectedDefaults } from '../../src/remediation';
import { LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../../src/service-defaults/lambda';
import { LOG_RETENTION } from '../../src/service-defaults/logs';
import {
  DEAD_LETTER_QUEUE_RETENTION_SECONDS,
  MAX_RECEIVE_COUNT,
  SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
  VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR,
} from '../../src/service-defaults/sqs';
import { WellArchitectedQueue } from '../../src/sqs';
import { evaluateRule } from '../checks/rule-harness';

function newStack(): Stack {
  return new Stack(new App(), 'Service', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function plainFunction(stack: Stack, id: string, timeout?: Duration): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
    timeout,
  });
}

function queueProperties(stack: Stack, queue: sqs.IQueue): any {
  return Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(queue.node.defaultChild as sqs.CfnQueue)]
    .Properties;
}

/** The compliance of a rule on the resource of `construct`. */
function complianceOn(rule: Rule, stack: Stack, construct: { node: { path: string } }): Compliance {
  const outcome = evaluateRule(rule, stack).find(
    (o) => o.constructPath.replace(/^\//, '') === `${construct.node.path}/Resource`,
  );
  expect(outcome).toBeDefined();
  return outcome!.result.compliance;
}

describe('dead-letter queue retention and maxReceiveCount', () => {
  test('WellArchitectedQueue, the function on-failure queue and the remediation use the declared numbers', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Orders');
    const fn = new WellArchitectedFunction(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
      asyncInvocation: true,
    });
    const legacy = new sqs.Queue(stack, 'Legacy');
    WellArchitectedDefaults.applyTo(stack.node.root);

    expect(queueProperties(stack, queue.deadLetterQueue!.queue).MessageRetentionPeriod).toBe(
      DEAD_LETTER_QUEUE_RETENTION_SECONDS,
    );
    expect(queueProperties(stack, queue).RedrivePolicy.maxReceiveCount).toBe(MAX_RECEIVE_COUNT);
    expect(queueProperties(stack, fn.onFailureQueue!).MessageRetentionPeriod).toBe(DEAD_LETTER_QUEUE_RETENTION_SECONDS);

    const legacyPolicy = queueProperties(stack, legacy).RedrivePolicy;
    expect(legacyPolicy.maxReceiveCount).toBe(MAX_RECEIVE_COUNT);
    const legacyDlqId = legacyPolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(Template.fromStack(stack).toJSON().Resources[legacyDlqId].Properties.MessageRetentionPeriod).toBe(
      DEAD_LETTER_QUEUE_RETENTION_SECONDS,
    );
  });

  test('the rules accept exactly what the constructs create', () => {
    const stack = newStack();
    const consumer = plainFunction(stack, 'Consumer', Duration.seconds(10));
    const atDefault = new WellArchitectedQueue(stack, 'AtDefault');
    atDefault.addConsumer(consumer);
    const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.seconds(DEAD_LETTER_QUEUE_RETENTION_SECONDS) });
    const below = new sqs.Queue(stack, 'Below', {
      deadLetterQueue: { queue: dlq, maxReceiveCount: MAX_RECEIVE_COUNT - 1 },
      visibilityTimeout: Duration.seconds(60),
    });
    consumer.addEventSource(new sources.SqsEventSource(below));

    expect(complianceOn(new SqsMaxReceiveCountRule(), stack, atDefault)).toBe(Compliance.COMPLIANT);
    expect(complianceOn(new SqsMaxReceiveCountRule(), stack, below)).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOn(new SqsDeadLetterRetentionRule(), stack, atDefault)).toBe(Compliance.COMPLIANT);
  });
});

describe('visibility timeout factor and Lambda default timeout', () => {
  test('addConsumer sizes the visibility timeout by the factor, and the rule accepts exactly that', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Orders');
    queue.addConsumer(plainFunction(stack, 'Consumer', Duration.seconds(10)));
    expect(queueProperties(stack, queue).VisibilityTimeout).toBe(VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR * 10);
    const rule = new LambdaSqsVisibilityTimeoutRule();
    expect(evaluateRule(rule, stack).map((o) => o.result.compliance)).toEqual([Compliance.COMPLIANT]);

    const short = newStack();
    const tooShort = new sqs.Queue(short, 'Jobs', {
      visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR * 10 - 1),
    });
    plainFunction(short, 'Consumer', Duration.seconds(10)).addEventSource(new sources.SqsEventSource(tooShort));
    expect(evaluateRule(rule, short).map((o) => o.result.compliance)).toEqual([Compliance.NON_COMPLIANT]);
  });

  test('a function without a timeout counts with the Lambda default in the construct and in the rule', () => {
    const window = SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS; // large enough that the SQS default does not win
    const needed = VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR * LAMBDA_DEFAULT_TIMEOUT_SECONDS + window;
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Orders');
    queue.addConsumer(plainFunction(stack, 'Consumer'), { maxBatchingWindow: Duration.seconds(window) });
    expect(queueProperties(stack, queue).VisibilityTimeout).toBe(needed);
    expect(evaluateRule(new LambdaSqsVisibilityTimeoutRule(), stack).map((o) => o.result.compliance)).toEqual([
      Compliance.COMPLIANT,
    ]);

    const short = newStack();
    const tooShort = new sqs.Queue(short, 'Jobs', { visibilityTimeout: Duration.seconds(needed - 1) });
    plainFunction(short, 'Consumer').addEventSource(
      new sources.SqsEventSource(tooShort, { maxBatchingWindow: Duration.seconds(window) }),
    );
    expect(evaluateRule(new LambdaSqsVisibilityTimeoutRule(), short).map((o) => o.result.compliance)).toEqual([
      Compliance.NON_COMPLIANT,
    ]);
  });
});

describe('log retention', () => {
  test('the log groups of WellArchitectedFunction and of the remediation keep logs as long', () => {
    const stack = newStack();
    new WellArchitectedFunction(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    plainFunction(stack, 'Legacy');
    WellArchitectedDefaults.applyTo(stack.node.root);
    const groups = Object.values(Template.fromStack(stack).findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBe(2);
    for (const group of groups) {
      expect(group.Properties.RetentionInDays).toBe(LOG_RETENTION);
    }
  });
});
