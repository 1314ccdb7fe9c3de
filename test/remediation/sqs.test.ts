import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { WellArchitectedDefaults, WellArchitectedDefaultsProps } from '../../src/remediation';
import { WellArchitectedQueue } from '../../src/sqs';

function newStack(): Stack {
  return new Stack(new App(), 'Legacy', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function remediate(stack: Stack, props?: WellArchitectedDefaultsProps) {
  const defaults = WellArchitectedDefaults.applyTo(stack.node.root, props);
  return { template: Template.fromStack(stack), defaults };
}

/** The properties of the queue with this logical id prefix (the first that matches). */
function queueProps(template: Template, prefix: RegExp): any {
  const found = Object.entries(template.findResources('AWS::SQS::Queue')).filter(([id]) => prefix.test(id));
  expect(found).toHaveLength(1);
  return found[0][1].Properties ?? {};
}

const TLS_STATEMENT = Match.objectLike({
  Effect: 'Deny',
  Action: 'sqs:*',
  Principal: { AWS: '*' },
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

describe('a plain sqs.Queue', () => {
  test('gets SQS-managed encryption, a TLS-only policy and a dead-letter queue with an alarm', () => {
    const fresh = newStack();
    new sqs.Queue(fresh, 'Jobs');
    const { template } = remediate(fresh);
    const jobs = queueProps(template, /^Jobs[0-9A-F]{8}$/);
    expect(jobs.SqsManagedSseEnabled).toBe(true);
    expect(jobs.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^JobsDeadLetterQueue/), 'Arn'] },
      maxReceiveCount: 5,
    });
    const dlq = queueProps(template, /^JobsDeadLetterQueue/);
    expect(dlq).toEqual(expect.objectContaining({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 }));
    expect(dlq.RedrivePolicy).toBeUndefined();
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([TLS_STATEMENT]) },
      Queues: [{ Ref: Match.stringLikeRegexp('^Jobs[0-9A-F]{8}$') }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^JobsDeadLetterQueue'), 'QueueName'] } },
      ],
      Threshold: 0,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 900,
    });
  });

  test('keeps explicit values: a KMS queue stays KMS, explicitly unencrypted stays unencrypted', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    new sqs.Queue(stack, 'Kms', { encryptionMasterKey: key, encryption: sqs.QueueEncryption.KMS });
    new sqs.Queue(stack, 'Plain', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    const { template } = remediate(stack);
    const kmsQueue = queueProps(template, /^Kms[0-9A-F]{8}$/);
    expect(kmsQueue.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] });
    expect(kmsQueue.SqsManagedSseEnabled).toBeUndefined();
    expect(queueProps(template, /^Plain[0-9A-F]{8}$/).SqsManagedSseEnabled).toBe(false);
  });

  test('enforceSSL: true already has the statement, so no second one is added', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs', { enforceSSL: true });
    const { template } = remediate(stack);
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy'));
    const jobsPolicies = policies.filter((p) => /^Jobs[0-9A-F]{8}$/.test(p.Properties.Queues[0].Ref));
    expect(jobsPolicies).toHaveLength(1);
    const statements = jobsPolicies[0].Properties.PolicyDocument.Statement;
    expect(statements.filter((s: any) => s.Effect === 'Deny')).toHaveLength(1);
  });

  test('a statement is added to the queue policy the user already has, never a second policy', () => {
    const stack = newStack();
    const queue = new sqs.CfnQueue(stack, 'Jobs', {});
    new sqs.CfnQueuePolicy(stack, 'JobsPolicy', {
      queues: [queue.ref],
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowSns',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: queue.attrArn,
          },
        ],
      },
    });
    const { template } = remediate(stack, { deadLetterQueues: false });
    const policies = template.findResources('AWS::SQS::QueuePolicy');
    expect(Object.keys(policies)).toEqual(['JobsPolicy']);
    expect(policies.JobsPolicy.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({ Sid: 'AllowSns' }),
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });

  test('an L1 queue without a policy gets a new queue policy', () => {
    const stack = newStack();
    new sqs.CfnQueue(stack, 'Jobs', {});
    const { template } = remediate(stack);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: 'Jobs' }],
      PolicyDocument: { Statement: [TLS_STATEMENT] },
    });
    expect(template.toJSON().Resources.Jobs.Properties).toEqual(
      expect.objectContaining({ SqsManagedSseEnabled: true, RedrivePolicy: expect.any(Object) }),
    );
  });

  test('an unknown queue policy document is left alone, and says why', () => {
    const stack = newStack();
    const queue = new sqs.CfnQueue(stack, 'Jobs', {});
    const document = new CfnParameter(stack, 'PolicyJson', { type: 'String' });
    new sqs.CfnQueuePolicy(stack, 'JobsPolicy', { queues: [queue.ref], policyDocument: document.valueAsString });
    const { template } = remediate(stack);
    expect(template.toJSON().Resources.JobsPolicy.Properties.PolicyDocument).toEqual({ Ref: 'PolicyJson' });
    Annotations.fromStack(stack).hasInfo('/Legacy/Jobs', Match.stringLikeRegexp('did not add a TLS-only statement'));
  });

  test('a FIFO queue gets a FIFO dead-letter queue', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Orders', { fifo: true });
    const { template } = remediate(stack);
    expect(queueProps(template, /^OrdersDeadLetterQueue/).FifoQueue).toBe(true);
    expect(queueProps(template, /^Orders[0-9A-F]{8}$/).RedrivePolicy).toBeDefined();
  });

  test('FifoQueue given by a parameter: no dead-letter queue, whose type could not match', () => {
    const stack = newStack();
    const fifo = new CfnParameter(stack, 'Fifo', { type: 'String', allowedValues: ['true', 'false'] });
    new sqs.CfnQueue(stack, 'Jobs', { fifoQueue: fifo.valueAsString as any });
    const { template } = remediate(stack);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    Annotations.fromStack(stack).hasInfo('/Legacy/Jobs', Match.stringLikeRegexp('did not add a dead-letter queue'));
  });

  test('a queue that is a dead-letter queue gets no dead-letter queue but an alarm; its source keeps its own', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Failed');
    new sqs.Queue(stack, 'Jobs', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const { template } = remediate(stack);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    expect(queueProps(template, /^Jobs/).RedrivePolicy.maxReceiveCount).toBe(3);
    expect(queueProps(template, /^Failed/).RedrivePolicy).toBeUndefined();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Failed'), 'QueueName'] } }],
    });
  });

  test('a RedrivePolicy given by a parameter counts as set', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'DlqArn', { type: 'String' });
    new sqs.CfnQueue(stack, 'Jobs', { redrivePolicy: { deadLetterTargetArn: arn.valueAsString, maxReceiveCount: 4 } });
    const { template } = remediate(stack);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    expect(template.toJSON().Resources.Jobs.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { Ref: 'DlqArn' },
      maxReceiveCount: 4,
    });
  });

  test.each<[keyof WellArchitectedDefaultsProps, (template: Template) => void]>([
    ['queueEncryption', (t) => expect(queueProps(t, /^Jobs[0-9A-F]{8}$/).SqsManagedSseEnabled).toBeUndefined()],
    [
      'queueTlsOnly',
      (t) =>
        t.resourcePropertiesCountIs(
          'AWS::SQS::QueuePolicy',
          { Queues: [{ Ref: Match.stringLikeRegexp('^Jobs[0-9A-F]{8}$') }] },
          0,
        ),
    ],
    [
      'deadLetterQueues',
      (t) => {
        t.resourceCountIs('AWS::SQS::Queue', 1);
        expect(queueProps(t, /^Jobs/).RedrivePolicy).toBeUndefined();
      },
    ],
    ['alarms', (t) => t.resourceCountIs('AWS::CloudWatch::Alarm', 0)],
  ])('%s: false leaves that change out', (name, expectUnchanged) => {
    const stack = newStack();
    new sqs.Queue(stack, 'Jobs');
    expectUnchanged(remediate(stack, { [name]: false }).template);
  });

  test('a WellArchitectedQueue and its dead-letter queue are left alone', () => {
    const stack = newStack();
    new WellArchitectedQueue(stack, 'Modern');
    const { defaults } = remediate(stack);
    expect(defaults.changes).toEqual([]);
  });

  test('an imported queue is not touched', () => {
    const stack = newStack();
    const queue = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:eu-west-1:123456789012:legacy');
    queue.grantSendMessages(new iam.AccountRootPrincipal());
    const { template, defaults } = remediate(stack);
    template.resourceCountIs('AWS::SQS::Queue', 0);
    expect(defaults.changes).toEqual([]);
  });
});
