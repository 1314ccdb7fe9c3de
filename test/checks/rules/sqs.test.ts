import { App, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Compliance } from '../../../src';
import { sqsRules } from '../../../src/checks/rules/sqs';
import { SqsAgeOfOldestMessageAlarmRule } from '../../../src/checks/rules/sqs/age-alarm';
import { SqsDeadLetterAlarmRule } from '../../../src/checks/rules/sqs/dead-letter-alarm';
import { SqsDeadLetterQueueTypeRule } from '../../../src/checks/rules/sqs/dead-letter-queue-type';
import { SqsDeadLetterRetentionRule } from '../../../src/checks/rules/sqs/dead-letter-retention';
import { SqsEncryptedAtRestRule } from '../../../src/checks/rules/sqs/encrypted-at-rest';
import { SqsMaxReceiveCountRule } from '../../../src/checks/rules/sqs/max-receive-count';
import { SqsPolicyOpenAccessRule } from '../../../src/checks/rules/sqs/policy-open-access';
import { SqsRedrivePolicyRule } from '../../../src/checks/rules/sqs/redrive-policy';
import { SqsTlsOnlyRule } from '../../../src/checks/rules/sqs/tls-only';
import { SqsUnusedQueueRule } from '../../../src/checks/rules/sqs/unused-queue';
import { complianceOf, evaluateRule, findings } from '../rule-harness';

let stack: Stack;
beforeEach(() => {
  stack = new Stack(new App(), 'Stack');
});

function fn(id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
}

function secureTransportDeny(queueArn: any) {
  return {
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 'sqs:*',
    Resource: queueArn,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

test('the SQS catalogue has stable, unique ids', () => {
  expect(sqsRules().map((r) => r.id)).toEqual([
    'WA-SqsEncryptedAtRest',
    'WA-SqsTlsOnly',
    'WA-SqsPolicyOpenAccess',
    'WA-SqsRedrivePolicy',
    'WA-SqsMaxReceiveCount',
    'WA-SqsDeadLetterRetention',
    'WA-SqsDeadLetterQueueType',
    'WA-SqsDeadLetterAlarm',
    'WA-SqsAgeOfOldestMessageAlarm',
    'WA-SqsUnusedQueue',
  ]);
});

describe('WA-SqsEncryptedAtRest', () => {
  const rule = new SqsEncryptedAtRestRule();

  test('an L2 queue with default encryption (SSE-SQS) is compliant', () => {
    new sqs.Queue(stack, 'Default');
    new sqs.Queue(stack, 'Kms', { encryption: sqs.QueueEncryption.KMS });
    expect(complianceOf(rule, stack, 'Default')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Kms/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('an L2 queue with encryption turned off is non-compliant', () => {
    new sqs.Queue(stack, 'Plain', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    const [finding] = findings(rule, stack);
    expect(finding.result.message).toMatch(/Queue 'Plain' turns off server-side encryption.*SQS_MANAGED/);
  });

  test('L1 queues: SqsManagedSseEnabled false is non-compliant, unless a KMS key is set', () => {
    new sqs.CfnQueue(stack, 'Off', { sqsManagedSseEnabled: false });
    new sqs.CfnQueue(stack, 'Keyed', { sqsManagedSseEnabled: false, kmsMasterKeyId: 'alias/aws/sqs' });
    new sqs.CfnQueue(stack, 'Absent');
    expect(complianceOf(rule, stack, 'Off')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Keyed')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Absent')).toBe(Compliance.COMPLIANT);
  });

  test('a parameter or Fn::If is unknown', () => {
    const param = new CfnParameter(stack, 'Sse', { type: 'String' });
    new sqs.CfnQueue(stack, 'ParamSse', { sqsManagedSseEnabled: param.valueAsString as any });
    new sqs.CfnQueue(stack, 'Cond', { sqsManagedSseEnabled: Fn.conditionIf('C', true, false) as any });
    const key = new CfnParameter(stack, 'KeyArn', { type: 'String' });
    new sqs.CfnQueue(stack, 'ParamKey', { sqsManagedSseEnabled: false, kmsMasterKeyId: key.valueAsString });
    expect(complianceOf(rule, stack, 'ParamSse')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'ParamKey')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SqsTlsOnly', () => {
  const rule = new SqsTlsOnlyRule();

  test('an L2 queue with enforceSSL is compliant; without it, non-compliant', () => {
    new sqs.Queue(stack, 'Secure', { enforceSSL: true });
    new sqs.Queue(stack, 'Open');
    expect(complianceOf(rule, stack, 'Secure')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Open')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Queue 'Open' accepts requests without TLS.*enforceSSL: true/,
    );
  });

  test('an L1 queue policy with the Deny statement makes an L1 queue compliant', () => {
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: [queue.ref],
      policyDocument: { Statement: [secureTransportDeny(queue.attrArn)] },
    });
    expect(complianceOf(rule, stack, 'Queue')).toBe(Compliance.COMPLIANT);
  });

  test('a policy that denies only one action, or allows, does not count', () => {
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: [queue.ref],
      policyDocument: { Statement: [{ ...secureTransportDeny(queue.attrArn), Action: 'sqs:SendMessage' }] },
    });
    expect(complianceOf(rule, stack, 'Queue')).toBe(Compliance.NON_COMPLIANT);
  });

  test('a policy that names the queue by its literal URL or ARN counts', () => {
    new sqs.CfnQueue(stack, 'ByUrl', { queueName: 'orders' });
    new sqs.CfnQueuePolicy(stack, 'UrlPolicy', {
      queues: ['https://sqs.us-east-1.amazonaws.com/123456789012/orders'],
      policyDocument: { Statement: [secureTransportDeny('arn:aws:sqs:us-east-1:123456789012:orders')] },
    });
    new sqs.CfnQueue(stack, 'BySub', { queueName: 'payments.fifo', fifoQueue: true });
    new sqs.CfnQueuePolicy(stack, 'SubPolicy', {
      queues: [Fn.sub('https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/payments.fifo')],
      policyDocument: { Statement: [secureTransportDeny('*')] },
    });
    new sqs.CfnQueue(stack, 'Other', { queueName: 'other' });
    expect(complianceOf(rule, stack, 'ByUrl')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'BySub')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Other')).toBe(Compliance.NON_COMPLIANT);
  });

  test('a Deny of some actions only (SendMessage and ReceiveMessage) is not TLS-only: AwsSolutions-SQS4 asks for sqs:*', () => {
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: [queue.ref],
      policyDocument: {
        Statement: [{ ...secureTransportDeny(queue.attrArn), Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'] }],
      },
    });
    const all = new sqs.CfnQueue(stack, 'All');
    new sqs.CfnQueuePolicy(stack, 'AllPolicy', {
      queues: [all.ref],
      policyDocument: { Statement: [{ ...secureTransportDeny(all.attrArn), Action: '*' }] },
    });
    expect(complianceOf(rule, stack, 'Stack/Queue')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Stack/All')).toBe(Compliance.COMPLIANT);
  });

  test('a policy document behind Fn::If is unknown', () => {
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: [queue.ref],
      policyDocument: Fn.conditionIf('C', { Statement: [] }, { Statement: [] }),
    });
    expect(complianceOf(rule, stack, 'Queue')).toBe(Compliance.UNKNOWN);
  });

  test('an imported queue is not evaluated', () => {
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:q');
    imported.grantSendMessages(new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(evaluateRule(rule, stack)).toEqual([]);
  });
});

describe('WA-SqsPolicyOpenAccess', () => {
  const rule = new SqsPolicyOpenAccessRule();

  test('an L2 policy allowing anyone without a condition is non-compliant', () => {
    const queue = new sqs.Queue(stack, 'Queue');
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'Everyone',
        principals: [new iam.AnyPrincipal()],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
      }),
    );
    const [finding] = findings(rule, stack);
    expect(finding.result.message).toMatch(/allows any principal \(\*\) without a condition \(statement 'Everyone'\)/);
  });

  test('an L2 policy allowing anyone with a condition, or a service, is compliant', () => {
    const queue = new sqs.Queue(stack, 'Queue', { enforceSSL: true });
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
      }),
    );
    expect(complianceOf(rule, stack, 'Queue/Policy')).toBe(Compliance.COMPLIANT);
  });

  test('L1: Principal "*" without condition is non-compliant; a statement behind Fn::If is unknown', () => {
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new sqs.CfnQueuePolicy(stack, 'Open', {
      queues: [queue.ref],
      policyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }] },
    });
    new sqs.CfnQueuePolicy(stack, 'Cond', {
      queues: [queue.ref],
      policyDocument: { Statement: [Fn.conditionIf('C', { Effect: 'Allow' }, { Effect: 'Deny' })] },
    });
    expect(complianceOf(rule, stack, 'Open')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SqsRedrivePolicy', () => {
  const rule = new SqsRedrivePolicyRule();

  test('an L2 queue with a dead-letter queue is compliant and its DLQ exempt', () => {
    const dlq = new sqs.Queue(stack, 'Dlq');
    new sqs.Queue(stack, 'Work', { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    expect(complianceOf(rule, stack, 'Work')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Dlq')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('an L2 queue without a dead-letter queue is non-compliant', () => {
    new sqs.Queue(stack, 'Lonely');
    const [finding] = findings(rule, stack);
    expect(finding.result.message).toMatch(/Queue 'Lonely' has no dead-letter queue.*deadLetterQueue/);
  });

  test('queues that are DLQs of a Lambda function, an EventBridge target or an SNS subscription are exempt', () => {
    const functionDlq = new sqs.Queue(stack, 'FunctionDlq');
    new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
      deadLetterQueue: functionDlq,
    });
    const asyncDlq = new sqs.Queue(stack, 'AsyncDlq');
    new lambda.EventInvokeConfig(stack, 'Invoke', {
      function: fn('Other'),
      onFailure: new destinations.SqsDestination(asyncDlq),
    });
    const ruleDlq = new sqs.Queue(stack, 'RuleDlq');
    new events.Rule(stack, 'Rule', {
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(fn('Target'), { deadLetterQueue: ruleDlq })],
    });
    const subscriptionDlq = new sqs.Queue(stack, 'SubscriptionDlq');
    new sns.Topic(stack, 'Topic').addSubscription(
      new subscriptions.LambdaSubscription(fn('Subscriber'), { deadLetterQueue: subscriptionDlq }),
    );
    for (const id of ['FunctionDlq', 'AsyncDlq', 'RuleDlq', 'SubscriptionDlq']) {
      expect(complianceOf(rule, stack, `${id}/Resource`)).toBe(Compliance.NOT_APPLICABLE);
    }
  });

  test('L1 queues: a redrive policy, or a RedriveAllowPolicy that admits sources, passes', () => {
    const dlq = new sqs.CfnQueue(stack, 'Dlq', { redriveAllowPolicy: { redrivePermission: 'allowAll' } });
    new sqs.CfnQueue(stack, 'Source', {
      redrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:x', maxReceiveCount: 5 },
    });
    new sqs.CfnQueue(stack, 'Bare');
    expect(dlq).toBeDefined();
    expect(complianceOf(rule, stack, 'Dlq')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Source')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Bare')).toBe(Compliance.NON_COMPLIANT);
  });

  test('a redrive policy behind Fn::If is unknown; one naming an imported queue is compliant', () => {
    new sqs.CfnQueue(stack, 'Cond', {
      redrivePolicy: Fn.conditionIf('C', { maxReceiveCount: 5 }, Fn.ref('AWS::NoValue')),
    });
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:dlq');
    new sqs.Queue(stack, 'Work', { deadLetterQueue: { queue: imported, maxReceiveCount: 5 } });
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Work')).toBe(Compliance.COMPLIANT);
  });
});

describe('WA-SqsMaxReceiveCount', () => {
  const rule = new SqsMaxReceiveCountRule();

  test('an L2 queue consumed by Lambda with maxReceiveCount below 5 is non-compliant', () => {
    const queue = new sqs.Queue(stack, 'Work', {
      deadLetterQueue: { queue: new sqs.Queue(stack, 'Dlq'), maxReceiveCount: 2 },
    });
    fn('Consumer').addEventSource(new SqsEventSource(queue));
    const [finding] = findings(rule, stack);
    expect(finding.result.message).toMatch(/Queue 'Work' is consumed by Lambda .* maxReceiveCount 2.*at least 5/);
  });

  test('maxReceiveCount 5 is compliant; without a Lambda consumer the rule does not apply', () => {
    const queue = new sqs.Queue(stack, 'Work', {
      deadLetterQueue: { queue: new sqs.Queue(stack, 'Dlq'), maxReceiveCount: 5 },
    });
    fn('Consumer').addEventSource(new SqsEventSource(queue));
    new sqs.Queue(stack, 'Unconsumed', {
      deadLetterQueue: { queue: new sqs.Queue(stack, 'Dlq2'), maxReceiveCount: 1 },
    });
    expect(complianceOf(rule, stack, 'Work')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Unconsumed')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1: a CfnEventSourceMapping on a CfnQueue with maxReceiveCount 1 is non-compliant; a parameter is unknown', () => {
    const low = new sqs.CfnQueue(stack, 'Low', {
      redrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:d', maxReceiveCount: 1 },
    });
    const count = new CfnParameter(stack, 'Count', { type: 'Number' });
    const param = new sqs.CfnQueue(stack, 'Param', {
      redrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:d', maxReceiveCount: count.valueAsNumber },
    });
    for (const [id, queue] of [
      ['LowMapping', low],
      ['ParamMapping', param],
    ] as const) {
      new lambda.CfnEventSourceMapping(stack, id, { functionName: 'f', eventSourceArn: queue.attrArn });
    }
    expect(complianceOf(rule, stack, 'Low')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SqsDeadLetterRetention', () => {
  const rule = new SqsDeadLetterRetentionRule();

  test('L2: a DLQ with the default retention, like its source, is non-compliant', () => {
    new sqs.Queue(stack, 'Work', { deadLetterQueue: { queue: new sqs.Queue(stack, 'Dlq'), maxReceiveCount: 5 } });
    const [finding] = findings(rule, stack);
    expect(finding.result.message).toMatch(
      /Dead-letter queue 'Dlq' keeps messages 4 days, not longer than its source queue 'Work' \(4 days\).*Duration.days\(14\)/,
    );
  });

  test('L2: a DLQ keeping messages 14 days is compliant', () => {
    const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) });
    new sqs.Queue(stack, 'Work', {
      deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
      retentionPeriod: Duration.days(14),
    });
    expect(complianceOf(rule, stack, 'Work')).toBe(Compliance.COMPLIANT);
  });

  test('L1: FIFO queues are exempt; a shorter DLQ retention is non-compliant', () => {
    const fifoDlq = new sqs.CfnQueue(stack, 'DlqFifo', { fifoQueue: true });
    new sqs.CfnQueue(stack, 'SourceFifo', {
      fifoQueue: true,
      redrivePolicy: { deadLetterTargetArn: fifoDlq.attrArn, maxReceiveCount: 5 },
    });
    const shortDlq = new sqs.CfnQueue(stack, 'ShortDlq', { messageRetentionPeriod: 3600 });
    new sqs.CfnQueue(stack, 'Std', { redrivePolicy: { deadLetterTargetArn: shortDlq.attrArn, maxReceiveCount: 5 } });
    expect(complianceOf(rule, stack, 'SourceFifo')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Std')).toBe(Compliance.NON_COMPLIANT);
  });

  test('an imported DLQ or a parameter retention is unknown', () => {
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:dlq');
    new sqs.Queue(stack, 'Work', { deadLetterQueue: { queue: imported, maxReceiveCount: 5 } });
    const retention = new CfnParameter(stack, 'Retention', { type: 'Number' });
    const dlq = new sqs.CfnQueue(stack, 'ParamDlq', { messageRetentionPeriod: retention.valueAsNumber });
    new sqs.CfnQueue(stack, 'Std', { redrivePolicy: { deadLetterTargetArn: dlq.attrArn, maxReceiveCount: 5 } });
    expect(complianceOf(rule, stack, 'Work')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Std')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SqsDeadLetterQueueType', () => {
  const rule = new SqsDeadLetterQueueTypeRule();

  test('L2: a FIFO queue with a standard DLQ is non-compliant; matching types are compliant', () => {
    new sqs.Queue(stack, 'Fifo', {
      fifo: true,
      deadLetterQueue: { queue: new sqs.Queue(stack, 'StdDlq'), maxReceiveCount: 5 },
    });
    new sqs.Queue(stack, 'Std', { deadLetterQueue: { queue: new sqs.Queue(stack, 'StdDlq2'), maxReceiveCount: 5 } });
    expect(complianceOf(rule, stack, 'Fifo/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Std/Resource')).toBe(Compliance.COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Queue 'Fifo' is FIFO but its dead-letter queue 'StdDlq' is standard.*fifo: true/,
    );
  });

  test('L1: a standard queue with a FIFO DLQ is non-compliant; a parameter FifoQueue is unknown', () => {
    const fifoDlq = new sqs.CfnQueue(stack, 'FifoDlq', { fifoQueue: true });
    new sqs.CfnQueue(stack, 'Std', { redrivePolicy: { deadLetterTargetArn: fifoDlq.attrArn, maxReceiveCount: 5 } });
    const fifo = new CfnParameter(stack, 'IsFifo', { type: 'String' });
    const paramDlq = new sqs.CfnQueue(stack, 'ParamDlq', { fifoQueue: fifo.valueAsString as any });
    new sqs.CfnQueue(stack, 'Other', { redrivePolicy: { deadLetterTargetArn: paramDlq.attrArn, maxReceiveCount: 5 } });
    expect(complianceOf(rule, stack, 'Std')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Other')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SqsDeadLetterQueueType on a dead-letter queue outside the stack', () => {
  const rule = new SqsDeadLetterQueueTypeRule();

  // A FIFO queue's name ends with .fifo, which AWS gives as the way to tell the type from the name:
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-fifo.html
  test('a literal ARN is typed by its name: without .fifo it is standard, with it FIFO', () => {
    const target = (name: string) => ({
      deadLetterTargetArn: `arn:aws:sqs:us-east-1:123456789012:${name}`,
      maxReceiveCount: 5,
    });
    new sqs.CfnQueue(stack, 'FifoToStandard', { fifoQueue: true, redrivePolicy: target('orders-dlq') });
    new sqs.CfnQueue(stack, 'FifoToFifo', { fifoQueue: true, redrivePolicy: target('orders-dlq.fifo') });
    new sqs.CfnQueue(stack, 'StandardToFifo', { redrivePolicy: target('jobs-dlq.fifo') });
    new sqs.CfnQueue(stack, 'StandardToStandard', { redrivePolicy: target('jobs-dlq') });
    new sqs.Queue(stack, 'L2FifoToImported', {
      fifo: true,
      deadLetterQueue: {
        queue: sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:imported-dlq'),
        maxReceiveCount: 5,
      },
    });
    expect(complianceOf(rule, stack, 'FifoToStandard')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'FifoToFifo')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'StandardToFifo')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'StandardToStandard')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'L2FifoToImported')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Queue 'FifoToStandard' is FIFO but its dead-letter queue 'orders-dlq' is standard/,
    );
  });

  test('an ARN that is not literal, or not an SQS ARN, is unknown', () => {
    const arn = new CfnParameter(stack, 'DlqArn', { type: 'String' });
    new sqs.CfnQueue(stack, 'Param', {
      fifoQueue: true,
      redrivePolicy: { deadLetterTargetArn: arn.valueAsString, maxReceiveCount: 5 },
    });
    new sqs.CfnQueue(stack, 'NotSqs', {
      fifoQueue: true,
      redrivePolicy: { deadLetterTargetArn: 'arn:aws:sns:us-east-1:123456789012:topic', maxReceiveCount: 5 },
    });
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'NotSqs')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SqsDeadLetterAlarm', () => {
  const rule = new SqsDeadLetterAlarmRule();

  test('L2: a DLQ with an alarm on visible messages is compliant; without one it is non-compliant', () => {
    const watched = new sqs.Queue(stack, 'WatchedDlq');
    watched
      .metricApproximateNumberOfMessagesVisible()
      .createAlarm(stack, 'DlqAlarm', { threshold: 1, evaluationPeriods: 1 });
    new sqs.Queue(stack, 'A', { deadLetterQueue: { queue: watched, maxReceiveCount: 5 } });
    const blind = new sqs.Queue(stack, 'BlindDlq');
    blind.metricNumberOfMessagesSent().createAlarm(stack, 'WrongAlarm', { threshold: 1, evaluationPeriods: 1 });
    new sqs.Queue(stack, 'B', { deadLetterQueue: { queue: blind, maxReceiveCount: 5 } });
    expect(complianceOf(rule, stack, 'WatchedDlq')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'BlindDlq')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'A/Resource')).toBe(Compliance.NOT_APPLICABLE);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Dead-letter queue 'BlindDlq' has no alarm on ApproximateNumberOfMessagesVisible/,
    );
  });

  test('L1: an alarm naming the DLQ by its literal name counts; a metric-math alarm counts', () => {
    const named = new sqs.CfnQueue(stack, 'Named', { queueName: 'orders-dlq' });
    new sqs.CfnQueue(stack, 'S1', { redrivePolicy: { deadLetterTargetArn: named.attrArn, maxReceiveCount: 5 } });
    new cloudwatch.CfnAlarm(stack, 'ByName', {
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: [{ name: 'QueueName', value: 'orders-dlq' }],
      period: 60,
      statistic: 'Maximum',
    });
    const math = new sqs.CfnQueue(stack, 'Math');
    new sqs.CfnQueue(stack, 'S2', { redrivePolicy: { deadLetterTargetArn: math.attrArn, maxReceiveCount: 5 } });
    new cloudwatch.CfnAlarm(stack, 'MathAlarm', {
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      metrics: [
        {
          id: 'm1',
          metricStat: {
            metric: {
              namespace: 'AWS/SQS',
              metricName: 'ApproximateNumberOfMessagesVisible',
              dimensions: [{ name: 'QueueName', value: math.attrQueueName }],
            },
            period: 60,
            stat: 'Maximum',
          },
        },
      ],
    });
    expect(complianceOf(rule, stack, 'Named')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Math')).toBe(Compliance.COMPLIANT);
  });

  test('an alarm whose metric name is a parameter is unknown', () => {
    const dlq = new sqs.CfnQueue(stack, 'Dlq');
    new sqs.CfnQueue(stack, 'S', { redrivePolicy: { deadLetterTargetArn: dlq.attrArn, maxReceiveCount: 5 } });
    const metric = new CfnParameter(stack, 'Metric', { type: 'String' });
    new cloudwatch.CfnAlarm(stack, 'Alarm', {
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      namespace: 'AWS/SQS',
      metricName: metric.valueAsString,
      dimensions: [{ name: 'QueueName', value: dlq.attrQueueName }],
    });
    expect(complianceOf(rule, stack, 'Dlq')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SqsAgeOfOldestMessageAlarm', () => {
  const rule = new SqsAgeOfOldestMessageAlarmRule();

  test('L2: a work queue with an age alarm is compliant; without one non-compliant; its DLQ exempt', () => {
    const dlq = new sqs.Queue(stack, 'Dlq');
    const work = new sqs.Queue(stack, 'Work', { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    work.metricApproximateAgeOfOldestMessage().createAlarm(stack, 'Age', { threshold: 600, evaluationPeriods: 1 });
    new sqs.Queue(stack, 'Unwatched');
    expect(complianceOf(rule, stack, 'Work/Resource')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Dlq')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Unwatched')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Queue 'Unwatched' has no alarm on ApproximateAgeOfOldestMessage/,
    );
  });

  test('L1: an alarm on another metric is non-compliant; a metric name from Fn::If is unknown', () => {
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new cloudwatch.CfnAlarm(stack, 'Visible', {
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 100,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: [{ name: 'QueueName', value: queue.attrQueueName }],
    });
    const other = new sqs.CfnQueue(stack, 'Other');
    new cloudwatch.CfnAlarm(stack, 'Cond', {
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 100,
      namespace: 'AWS/SQS',
      metricName: Fn.conditionIf('C', 'ApproximateAgeOfOldestMessage', 'NumberOfMessagesSent').toString(),
      dimensions: [{ name: 'QueueName', value: other.attrQueueName }],
    });
    expect(complianceOf(rule, stack, 'Queue')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Other')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SqsUnusedQueue', () => {
  const rule = new SqsUnusedQueueRule();

  test('L2: a queue with only an alarm and a deny-only policy is non-compliant', () => {
    const queue = new sqs.Queue(stack, 'Orphan', { enforceSSL: true });
    queue.metricApproximateAgeOfOldestMessage().createAlarm(stack, 'Age', { threshold: 600, evaluationPeriods: 1 });
    const [finding] = findings(rule, stack);
    expect(finding.result.message).toMatch(/Queue 'Orphan' has no producer or consumer in this app/);
  });

  test('L2: a queue granted to a role, consumed by Lambda, or subscribed to a topic is compliant', () => {
    const granted = new sqs.Queue(stack, 'Granted');
    granted.grantSendMessages(new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() }));
    const consumed = new sqs.Queue(stack, 'Consumed');
    fn('Consumer').addEventSource(new SqsEventSource(consumed));
    const subscribed = new sqs.Queue(stack, 'Subscribed');
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.SqsSubscription(subscribed));
    for (const id of ['Granted', 'Consumed', 'Subscribed']) {
      expect(complianceOf(rule, stack, `${id}/Resource`)).toBe(Compliance.COMPLIANT);
    }
  });

  test('L1: a named queue is exempt; an unnamed one with no references is non-compliant', () => {
    new sqs.CfnQueue(stack, 'Named', { queueName: 'external-orders' });
    new sqs.CfnQueue(stack, 'Bare');
    const name = new CfnParameter(stack, 'Name', { type: 'String' });
    new sqs.CfnQueue(stack, 'ParamName', { queueName: name.valueAsString });
    expect(complianceOf(rule, stack, 'Named')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Bare')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'ParamName')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('a queue used as the DLQ of another queue is compliant; a KMS key reference alone is not a use', () => {
    const dlq = new sqs.Queue(stack, 'Dlq');
    new sqs.Queue(stack, 'Work', { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    new kms.Key(stack, 'Key');
    expect(complianceOf(rule, stack, 'Dlq')).toBe(Compliance.COMPLIANT);
  });
});

describe('L1 counterparts', () => {
  test('WA-SqsPolicyOpenAccess: a CfnQueuePolicy granting a service principal is compliant', () => {
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: [queue.ref],
      policyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: queue.attrArn,
          },
        ],
      },
    });
    expect(complianceOf(new SqsPolicyOpenAccessRule(), stack, 'Policy')).toBe(Compliance.COMPLIANT);
  });

  test('WA-SqsMaxReceiveCount: a CfnQueue with maxReceiveCount "10" (a string) consumed by Lambda is compliant', () => {
    const queue = new sqs.CfnQueue(stack, 'Queue', {
      redrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:d', maxReceiveCount: '10' },
    });
    new lambda.CfnEventSourceMapping(stack, 'Mapping', { functionName: 'f', eventSourceArn: queue.attrArn });
    expect(complianceOf(new SqsMaxReceiveCountRule(), stack, 'Queue')).toBe(Compliance.COMPLIANT);
  });

  test('WA-SqsDeadLetterRetention: a CfnQueue whose DLQ keeps messages longer is compliant', () => {
    const dlq = new sqs.CfnQueue(stack, 'Dlq', { messageRetentionPeriod: 1_209_600 });
    new sqs.CfnQueue(stack, 'Source', { redrivePolicy: { deadLetterTargetArn: dlq.attrArn, maxReceiveCount: 5 } });
    expect(complianceOf(new SqsDeadLetterRetentionRule(), stack, 'Source')).toBe(Compliance.COMPLIANT);
  });

  test('WA-SqsDeadLetterQueueType: two FIFO CfnQueues are compliant', () => {
    const dlq = new sqs.CfnQueue(stack, 'Dlq', { fifoQueue: true });
    new sqs.CfnQueue(stack, 'Source', {
      fifoQueue: true,
      redrivePolicy: { deadLetterTargetArn: dlq.attrArn, maxReceiveCount: 5 },
    });
    expect(complianceOf(new SqsDeadLetterQueueTypeRule(), stack, 'Source')).toBe(Compliance.COMPLIANT);
  });

  test('WA-SqsDeadLetterAlarm: a CfnQueue DLQ of a CfnFunction without an alarm is non-compliant', () => {
    const dlq = new sqs.CfnQueue(stack, 'Dlq');
    new lambda.CfnFunction(stack, 'Fn', {
      role: 'arn:aws:iam::1:role/r',
      code: { zipFile: 'x' },
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      deadLetterConfig: { targetArn: dlq.attrArn },
    });
    expect(complianceOf(new SqsDeadLetterAlarmRule(), stack, 'Dlq')).toBe(Compliance.NON_COMPLIANT);
  });

  test('WA-SqsAgeOfOldestMessageAlarm: a CfnAlarm on the age of a CfnQueue is compliant', () => {
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new cloudwatch.CfnAlarm(stack, 'Age', {
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 600,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      dimensions: [{ name: 'QueueName', value: queue.attrQueueName }],
    });
    expect(complianceOf(new SqsAgeOfOldestMessageAlarmRule(), stack, 'Queue')).toBe(Compliance.COMPLIANT);
  });

  test('WA-SqsUnusedQueue: a CfnQueue consumed by a CfnEventSourceMapping is compliant', () => {
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new lambda.CfnEventSourceMapping(stack, 'Mapping', { functionName: 'f', eventSourceArn: queue.attrArn });
    expect(complianceOf(new SqsUnusedQueueRule(), stack, 'Queue')).toBe(Compliance.COMPLIANT);
  });
});

describe('dead-letter roles under a condition, and event bus dead-letter queues', () => {
  test('a queue named as a DLQ inside Fn::If is unknown to the redrive and alarm rules, not an ordinary queue', () => {
    const conditionalDlq = new sqs.CfnQueue(stack, 'ConditionalDlq');
    new sqs.CfnQueue(stack, 'Work', {
      redrivePolicy: Fn.conditionIf(
        'HasDlq',
        { deadLetterTargetArn: conditionalDlq.attrArn, maxReceiveCount: 5 },
        Fn.ref('AWS::NoValue'),
      ),
    });
    const functionDlq = new sqs.CfnQueue(stack, 'FunctionDlq');
    new lambda.CfnFunction(stack, 'Fn', {
      role: 'arn:aws:iam::123456789012:role/r',
      code: { zipFile: 'x' },
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      deadLetterConfig: Fn.conditionIf('HasDlq', { TargetArn: functionDlq.attrArn }, Fn.ref('AWS::NoValue')) as any,
    });
    for (const id of ['ConditionalDlq', 'FunctionDlq']) {
      expect(complianceOf(new SqsRedrivePolicyRule(), stack, id)).toBe(Compliance.UNKNOWN);
      expect(complianceOf(new SqsAgeOfOldestMessageAlarmRule(), stack, id)).toBe(Compliance.UNKNOWN);
      expect(complianceOf(new SqsDeadLetterAlarmRule(), stack, id)).toBe(Compliance.UNKNOWN);
    }
    expect(complianceOf(new SqsRedrivePolicyRule(), stack, 'Work')).toBe(Compliance.UNKNOWN);
  });

  test('the dead-letter queue of an EventBridge event bus is a dead-letter queue', () => {
    const busDlq = new sqs.Queue(stack, 'BusDlq');
    new events.EventBus(stack, 'Bus', { deadLetterQueue: busDlq });
    expect(complianceOf(new SqsRedrivePolicyRule(), stack, 'BusDlq')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(new SqsAgeOfOldestMessageAlarmRule(), stack, 'BusDlq')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(new SqsDeadLetterAlarmRule(), stack, 'BusDlq')).toBe(Compliance.NON_COMPLIANT);
  });
});

describe('WA-SqsRedrivePolicy: more dead-letter roles (L1)', () => {
  const rule = new SqsRedrivePolicyRule();

  test('queues that are the DLQ of a schedule, a stream mapping on-failure destination or a pipe are exempt', () => {
    const scheduleDlq = new sqs.CfnQueue(stack, 'ScheduleDlq');
    new scheduler.CfnSchedule(stack, 'Schedule', {
      scheduleExpression: 'rate(1 hour)',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: 'arn:aws:lambda:us-east-1:1:function:f',
        roleArn: 'arn:aws:iam::1:role/r',
        deadLetterConfig: { arn: scheduleDlq.attrArn },
      },
    });
    const mappingDlq = new sqs.CfnQueue(stack, 'MappingDlq');
    new lambda.CfnEventSourceMapping(stack, 'Stream', {
      functionName: 'f',
      eventSourceArn: 'arn:aws:kinesis:us-east-1:1:stream/s',
      startingPosition: 'LATEST',
      destinationConfig: { onFailure: { destination: mappingDlq.attrArn } },
    });
    const pipeDlq = new sqs.CfnQueue(stack, 'PipeDlq');
    new pipes.CfnPipe(stack, 'Pipe', {
      roleArn: 'arn:aws:iam::1:role/r',
      source: 'arn:aws:kinesis:us-east-1:1:stream/s',
      target: 'arn:aws:lambda:us-east-1:1:function:f',
      sourceParameters: {
        kinesisStreamParameters: { startingPosition: 'LATEST', deadLetterConfig: { arn: pipeDlq.attrArn } },
      },
    });
    for (const id of ['ScheduleDlq', 'MappingDlq', 'PipeDlq']) {
      expect(complianceOf(rule, stack, id)).toBe(Compliance.NOT_APPLICABLE);
    }
  });
});
