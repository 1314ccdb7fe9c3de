import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AlarmSeverity, WellArchitectedMonitoring, WellArchitectedQueue } from '../../src';
import { alarmDescriptions } from '../monitoring/alarm-text';

function newStack(): Stack {
  return new Stack(new App(), 'Service');
}

function newFunction(scope: Construct, id: string, timeout?: Duration): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
    timeout,
  });
}

function logicalIdOf(stack: Stack, construct: Construct): string {
  const resource = construct.node.defaultChild as sqs.CfnQueue;
  return stack.getLogicalId(resource);
}

function queueProperties(stack: Stack, queue: Construct): Record<string, unknown> {
  const template = Template.fromStack(stack).toJSON();
  return template.Resources[logicalIdOf(stack, queue)].Properties ?? {};
}

const TLS_ONLY_STATEMENT = Match.objectLike({
  Effect: 'Deny',
  Action: 'sqs:*',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

describe('WellArchitectedQueue defaults', () => {
  test('the queue is encrypted with SSE-SQS and denies requests without TLS', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const template = Template.fromStack(stack);

    expect(queueProperties(stack, queue)).toMatchObject({ SqsManagedSseEnabled: true });
    expect(queue.encryptionType).toBe(sqs.QueueEncryption.SQS_MANAGED);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalIdOf(stack, queue) }],
      PolicyDocument: { Statement: Match.arrayWith([TLS_ONLY_STATEMENT]) },
    });
  });

  test('a dead-letter queue: encrypted, TLS-only, 14-day retention, after 5 receives', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const template = Template.fromStack(stack);
    const deadLetterQueue = queue.node.findChild('DeadLetterQueue') as sqs.Queue;
    const deadLetterQueueId = logicalIdOf(stack, deadLetterQueue);

    template.resourceCountIs('AWS::SQS::Queue', 2);
    expect(queueProperties(stack, deadLetterQueue)).toEqual({
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
    });
    expect(queueProperties(stack, queue)).toMatchObject({
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] }, maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: deadLetterQueueId }],
      PolicyDocument: { Statement: Match.arrayWith([TLS_ONLY_STATEMENT]) },
    });
    expect(queue.deadLetterQueue).toEqual({ queue: deadLetterQueue, maxReceiveCount: 5 });
  });

  test('without a queueName the dead-letter queue has no redrive allow policy, which would be a circular dependency', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    expect(queueProperties(stack, queue.deadLetterQueue!.queue)).not.toHaveProperty('RedriveAllowPolicy');
  });

  test('the retention period and visibility timeout are the SQS defaults until a consumer is added', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const properties = queueProperties(stack, queue);
    expect(properties).not.toHaveProperty('MessageRetentionPeriod');
    expect(properties).not.toHaveProperty('VisibilityTimeout');
  });

  test('an alarm on any visible message in the dead-letter queue, notifying the alarm topic', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const template = Template.fromStack(stack);
    const topicId = stack.getLogicalId(
      WellArchitectedMonitoring.of(stack).alarmTopic.node.defaultChild as sns.CfnTopic,
    );

    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(stack, queue.deadLetterQueue!.queue), 'QueueName'] } },
      ],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
      OKActions: [{ Ref: topicId }],
    });
  });

  test('an alarm when the oldest message is older than 15 minutes, notifying the alarm topic', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const template = Template.fromStack(stack);
    const topicId = stack.getLogicalId(
      WellArchitectedMonitoring.of(stack).alarmTopic.node.defaultChild as sns.CfnTopic,
    );

    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(stack, queue), 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 900,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
      OKActions: [{ Ref: topicId }],
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
  });

  test('new dead letters page and recover by themselves; dead-letter depth warns', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const dlqName = { 'Fn::GetAtt': [logicalIdOf(stack, queue.deadLetterQueue!.queue), 'QueueName'] };
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Service-Queue-NewDeadLetters',
      Metrics: [
        Match.objectLike({ Expression: 'DIFF(FILL(visible, 0))', ReturnData: true }),
        {
          Id: 'visible',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SQS',
              MetricName: 'ApproximateNumberOfMessagesVisible',
              Dimensions: [{ Name: 'QueueName', Value: dlqName }],
            },
            Period: 60,
            Stat: 'Maximum',
          },
          ReturnData: false,
        },
      ],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 2,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Service-Queue-DeadLetterMessages',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: dlqName }],
      Threshold: 0,
    });
    expect(queue.monitoring.criticalAlarms).toEqual([queue.newDeadLettersAlarm]);
    expect(queue.monitoring.severityOf(queue.deadLetterQueueAlarm)).toBe(AlarmSeverity.WARNING);
  });

  test('the message age alarm follows the visibility timeout addConsumer sets: one retry does not fire it', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    queue.addConsumer(newFunction(stack, 'Consumer', Duration.minutes(5)));
    const template = Template.fromStack(stack);
    expect(queueProperties(stack, queue)).toMatchObject({ VisibilityTimeout: 1800 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Service-Queue-MessageAge',
      Threshold: 3600,
    });
    expect(alarmDescriptions(stack)['Service-Queue-MessageAge']).toContain(
      'Fires when ApproximateAgeOfOldestMessage (maximum) > 1 hour',
    );
  });

  test('an explicit message age threshold below one retry is kept, with a warning', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { messageAgeAlarmThreshold: Duration.minutes(20) });
    queue.addConsumer(newFunction(stack, 'Consumer', Duration.minutes(5)));
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Service-Queue-MessageAge',
      Threshold: 1200,
    });
    Annotations.fromStack(stack).hasWarning(
      '/Service/Queue',
      Match.stringLikeRegexp('messageAgeAlarmThreshold is 1200 seconds, but the visibility timeout is 1800 seconds'),
    );
  });

  test('a token message age threshold that cannot be converted to seconds names the prop', () => {
    const stack = newStack();
    const minutes = new CfnParameter(stack, 'Minutes', { type: 'Number' }).valueAsNumber;
    expect(
      () => new WellArchitectedQueue(stack, 'Queue', { messageAgeAlarmThreshold: Duration.minutes(minutes) }),
    ).toThrow(/messageAgeAlarmThreshold: .* is a token in a unit that cannot be converted at synth time/);
  });

  test('the alarms are exposed and registered with the stack monitoring', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    expect(queue.alarms).toEqual([queue.newDeadLettersAlarm, queue.deadLetterQueueAlarm, queue.messageAgeAlarm]);
    expect(queue.monitoring).toBe(WellArchitectedMonitoring.of(stack));
    expect(WellArchitectedMonitoring.of(stack).alarms).toEqual(queue.alarms);
  });

  test('a dashboard section with waiting messages, oldest message age, dead-letter queue depth and throughput', () => {
    const stack = newStack();
    new WellArchitectedQueue(stack, 'Queue');
    const dashboards = Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard');
    expect(Object.keys(dashboards)).toHaveLength(1);
    const body = JSON.stringify(Object.values(dashboards)[0].Properties.DashboardBody);
    expect(body).toContain('## SQS queue Service/Queue');
    for (const metric of [
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesNotVisible',
      'ApproximateAgeOfOldestMessage',
      'NumberOfMessagesSent',
      'NumberOfMessagesReceived',
    ]) {
      expect(body).toContain(metric);
    }
    expect(body).toContain('Dead-letter queue depth');
    expect(body).toContain('Alarm threshold');
  });

  test('the dead-letter queue acknowledges the redrive-policy rule, since it is itself a dead-letter queue', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const acknowledgments = queue.deadLetterQueue!.queue.node.metadata.filter(
      (entry) => entry.type === 'aws:cdk:acknowledged-rules',
    );
    expect(acknowledgments.map((entry) => Object.keys(entry.data))).toEqual([
      ['Serverless::Serverless-SQSRedrivePolicy'],
    ]);
  });
});

describe('WellArchitectedQueue overrides', () => {
  test('a customer managed key encrypts the queue and its dead-letter queue', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const queue = new WellArchitectedQueue(stack, 'Queue', { encryptionMasterKey: key });
    const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] };

    expect(queue.encryptionType).toBe(sqs.QueueEncryption.KMS);
    expect(queueProperties(stack, queue)).toMatchObject({ KmsMasterKeyId: keyArn });
    expect(queueProperties(stack, queue)).not.toHaveProperty('SqsManagedSseEnabled');
    expect(queueProperties(stack, queue.deadLetterQueue!.queue)).toEqual({
      KmsMasterKeyId: keyArn,
      MessageRetentionPeriod: 1209600,
    });
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 2); // ours and the alarm topic's
  });

  test('encryption KMS without a key: the dead-letter queue uses the key the queue creates', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      dataKeyReuse: Duration.hours(1),
    });
    const keyArn = {
      'Fn::GetAtt': [stack.getLogicalId(queue.encryptionMasterKey!.node.defaultChild as kms.CfnKey), 'Arn'],
    };
    expect(queueProperties(stack, queue.deadLetterQueue!.queue)).toMatchObject({
      KmsMasterKeyId: keyArn,
      KmsDataKeyReusePeriodSeconds: 3600,
    });
  });

  test('encryption KMS without a key: the key the queue creates rotates automatically', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS });
    const key = queue.encryptionMasterKey!.node.defaultChild as kms.CfnKey;
    expect(Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(key)].Properties).toMatchObject({
      EnableKeyRotation: true,
    });
  });

  test('a key you give is left as it is', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Own');
    new WellArchitectedQueue(stack, 'Queue', { encryptionMasterKey: key });
    const properties =
      Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(key.node.defaultChild as kms.CfnKey)].Properties;
    expect(properties).not.toHaveProperty('EnableKeyRotation');
  });

  test('the AWS managed key encrypts both queues', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS_MANAGED });
    expect(queueProperties(stack, queue)).toMatchObject({ KmsMasterKeyId: 'alias/aws/sqs' });
    expect(queueProperties(stack, queue.deadLetterQueue!.queue)).toMatchObject({ KmsMasterKeyId: 'alias/aws/sqs' });
  });

  test('an unencrypted queue still gets an SSE-SQS dead-letter queue', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(queueProperties(stack, queue)).toMatchObject({ SqsManagedSseEnabled: false });
    expect(queueProperties(stack, queue.deadLetterQueue!.queue)).toMatchObject({ SqsManagedSseEnabled: true });
  });

  test('enforceSSL false removes the TLS-only policy of the queue, not of its dead-letter queue', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { enforceSSL: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::QueuePolicy', 1);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalIdOf(stack, queue.deadLetterQueue!.queue) }],
    });
  });

  test('maxReceiveCount, deadLetterQueueRetentionPeriod, retentionPeriod and messageAgeAlarmThreshold', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', {
      maxReceiveCount: 10,
      deadLetterQueueRetentionPeriod: Duration.days(7),
      retentionPeriod: Duration.days(2),
      messageAgeAlarmThreshold: Duration.hours(1),
    });
    expect(queueProperties(stack, queue)).toMatchObject({
      MessageRetentionPeriod: 172800,
      RedrivePolicy: { maxReceiveCount: 10 },
    });
    expect(queueProperties(stack, queue.deadLetterQueue!.queue)).toMatchObject({ MessageRetentionPeriod: 604800 });
    expect(queue.deadLetterQueue!.maxReceiveCount).toBe(10);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 3600,
    });
  });

  test('your own deadLetterQueue is used and alarmed on, and no other is created', () => {
    const stack = newStack();
    const own = new sqs.Queue(stack, 'Own', { retentionPeriod: Duration.days(14) });
    const queue = new WellArchitectedQueue(stack, 'Queue', { deadLetterQueue: { queue: own, maxReceiveCount: 7 } });
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::SQS::Queue', 2);
    expect(queue.node.tryFindChild('DeadLetterQueue')).toBeUndefined();
    expect(queue.deadLetterQueue).toEqual({ queue: own, maxReceiveCount: 7 });
    expect(queueProperties(stack, queue)).toMatchObject({
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(stack, own), 'Arn'] }, maxReceiveCount: 7 },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(stack, own), 'QueueName'] } }],
    });
  });

  test('an imported dead-letter queue is accepted: its retention cannot be checked', () => {
    const stack = newStack();
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:eu-west-1:111111111111:failed');
    const queue = new WellArchitectedQueue(stack, 'Queue', {
      deadLetterQueue: { queue: imported, maxReceiveCount: 5 },
    });
    expect(queueProperties(stack, queue)).toMatchObject({
      RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111111111111:failed' },
    });
  });

  test('a named queue: only it may use its dead-letter queue (redrive allow policy by queue)', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { queueName: 'orders' });
    expect(queueProperties(stack, queue.deadLetterQueue!.queue)).toMatchObject({
      RedriveAllowPolicy: {
        redrivePermission: 'byQueue',
        sourceQueueArns: [
          {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':sqs:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':orders',
              ],
            ],
          },
        ],
      },
    });
  });

  test('the removal policy applies to the dead-letter queue too', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { removalPolicy: RemovalPolicy.RETAIN });
    const template = Template.fromStack(stack).toJSON();
    expect(template.Resources[logicalIdOf(stack, queue)].DeletionPolicy).toBe('Retain');
    expect(template.Resources[logicalIdOf(stack, queue.deadLetterQueue!.queue)].DeletionPolicy).toBe('Retain');
  });

  test('the alarm descriptions say what happened, where, when it fires, why and what to do', () => {
    const stack = newStack();
    new WellArchitectedQueue(stack, 'Queue');
    const descriptions = alarmDescriptions(stack);
    const dashboard =
      'Dashboard: https://console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}#dashboards/dashboard/Service-WellArchitectedMonitoring-${AWS::Region}';
    expect(descriptions['Service-Queue-DeadLetterMessages']).toBe(
      'Messages wait to be handled: messages of SQS queue Queue (after 5 receives) failed every receive and moved to ' +
        'its dead-letter queue. Resource: SQS dead-letter queue Service/Queue. ' +
        'Fires when ApproximateNumberOfMessagesVisible (maximum) > 0 in any 1-minute period. ' +
        'Likely causes: the consumer throws on these messages (a bug or an unexpected payload); the consumer times out ' +
        'before the visibility timeout ends; a throttled Lambda consumer returned them until maxReceiveCount was reached. ' +
        "First steps: 1) read a message in the dead-letter queue; 2) search the consumer's logs for its message ID; " +
        '3) fix the cause, then redrive the messages to the source queue (SQS console, Start DLQ redrive). ' +
        dashboard,
    );
    expect(descriptions['Service-Queue-MessageAge']).toContain(
      'Fires when ApproximateAgeOfOldestMessage (maximum) > 15 minutes in any 1-minute period.',
    );
    expect(descriptions['Service-Queue-MessageAge']).toContain(
      "First steps: 1) check the consumer's errors and throttles",
    );
    expect(descriptions['Service-Queue-MessageAge'].endsWith(dashboard)).toBe(true);
  });

  test('alarm names and severities: new dead letters page, waiting dead letters and message age warn', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const nameOf = (alarm: cloudwatch.Alarm) =>
      stack.resolve((alarm.node.defaultChild as cloudwatch.CfnAlarm).alarmName);
    expect(nameOf(queue.deadLetterQueueAlarm)).toBe('Service-Queue-DeadLetterMessages');
    expect(nameOf(queue.messageAgeAlarm)).toBe('Service-Queue-MessageAge');
    expect(queue.monitoring.severityOf(queue.deadLetterQueueAlarm)).toBe(AlarmSeverity.WARNING);
    expect(queue.monitoring.severityOf(queue.messageAgeAlarm)).toBe(AlarmSeverity.WARNING);
    expect(queue.monitoring.criticalAlarms).toEqual([queue.newDeadLettersAlarm]);
  });

  test('a severity can be overridden per queue', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    queue.monitoring.addAlarm(queue.messageAgeAlarm, { severity: AlarmSeverity.CRITICAL });
    expect(queue.monitoring.criticalAlarms).toEqual([queue.newDeadLettersAlarm, queue.messageAgeAlarm]);
  });

  test('a FIFO queue gets a FIFO dead-letter queue', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { fifo: true, contentBasedDeduplication: true });
    expect(queue.fifo).toBe(true);
    expect(queue.deadLetterQueue!.queue.fifo).toBe(true);
    expect(queueProperties(stack, queue)).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: true });
    expect(queueProperties(stack, queue.deadLetterQueue!.queue)).toMatchObject({ FifoQueue: true });
  });

  test('a standard queue gets a standard dead-letter queue', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    expect(queueProperties(stack, queue.deadLetterQueue!.queue)).not.toHaveProperty('FifoQueue');
  });

  test('a monitoring of your own receives the alarms and the dashboard section', () => {
    const stack = newStack();
    const monitoring = new WellArchitectedMonitoring(stack, 'Team', { dashboard: false });
    const queue = new WellArchitectedQueue(stack, 'Queue', { monitoring });
    expect(monitoring.alarms).toEqual(queue.alarms);
    const template = Template.fromStack(stack);
    // The alarm topic, and the paging topic of the service health alarm that the dead-letter alarm is part of.
    template.resourceCountIs('AWS::SNS::Topic', 2);
    expect(monitoring.pagingTopic).toBeDefined();
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });

  test('the monitoring created in an ancestor scope is used by default', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Orders');
    const monitoring = new WellArchitectedMonitoring(scope, 'Monitoring');
    const queue = new WellArchitectedQueue(scope, 'Queue');
    expect(queue.monitoring).toBe(monitoring);
  });

  test('every sqs.Queue method still works', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const fn = newFunction(stack, 'Producer');
    queue.grantSendMessages(fn);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']), Effect: 'Allow' }),
        ]),
      },
    });
  });
});

describe('WellArchitectedQueue warnings', () => {
  test('maxReceiveCount below 5 warns that throttling alone could dead-letter messages', () => {
    const stack = newStack();
    new WellArchitectedQueue(stack, 'Queue', { maxReceiveCount: 3 });
    Annotations.fromStack(stack).hasWarning(
      '/Service/Queue',
      Match.stringLikeRegexp('maxReceiveCount is 3: .*throttling alone can move healthy messages.*5 or more'),
    );
  });

  test('your own deadLetterQueue with maxReceiveCount below 5 warns too', () => {
    const stack = newStack();
    const own = new sqs.Queue(stack, 'Own', { retentionPeriod: Duration.days(14) });
    new WellArchitectedQueue(stack, 'Queue', { deadLetterQueue: { queue: own, maxReceiveCount: 1 } });
    Annotations.fromStack(stack).hasWarning('/Service/Queue', Match.stringLikeRegexp('maxReceiveCount is 1'));
  });

  test('the defaults give no warning', () => {
    const stack = newStack();
    new WellArchitectedQueue(stack, 'Queue');
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('WellArchitectedQueue validation', () => {
  test('maxReceiveCount below 1', () => {
    expect(() => new WellArchitectedQueue(newStack(), 'Queue', { maxReceiveCount: 0 })).toThrow(
      /Invalid WellArchitectedQueue props for Service\/Queue:\n- maxReceiveCount: 0 is below 1, so no message could ever be received; set maxReceiveCount to 5 or more\./,
    );
  });

  test('maxReceiveCount together with your own deadLetterQueue', () => {
    const stack = newStack();
    const own = new sqs.Queue(stack, 'Own', { retentionPeriod: Duration.days(14) });
    expect(
      () =>
        new WellArchitectedQueue(stack, 'Queue', {
          deadLetterQueue: { queue: own, maxReceiveCount: 5 },
          maxReceiveCount: 8,
        }),
    ).toThrow(
      /maxReceiveCount: 8 applies only to the dead-letter queue this construct creates, but deadLetterQueue is given; set deadLetterQueue\.maxReceiveCount instead/,
    );
  });

  test('deadLetterQueueRetentionPeriod together with your own deadLetterQueue', () => {
    const stack = newStack();
    const own = new sqs.Queue(stack, 'Own', { retentionPeriod: Duration.days(14) });
    expect(
      () =>
        new WellArchitectedQueue(stack, 'Queue', {
          deadLetterQueue: { queue: own, maxReceiveCount: 5 },
          deadLetterQueueRetentionPeriod: Duration.days(14),
        }),
    ).toThrow(
      /deadLetterQueueRetentionPeriod: .* applies only to the dead-letter queue this construct creates.*set retentionPeriod on your dead-letter queue instead/,
    );
  });

  test('a 14-day retention period leaves the default dead-letter queue no longer retention', () => {
    expect(() => new WellArchitectedQueue(newStack(), 'Queue', { retentionPeriod: Duration.days(14) })).toThrow(
      /deadLetterQueueRetentionPeriod: 1209600 seconds is not longer than retentionPeriod \(1209600 seconds\).*Make the dead-letter queue retention longer \(at most 14 days\) or retentionPeriod shorter\./,
    );
  });

  test('a FIFO queue may keep messages 14 days: FIFO resets the enqueue timestamp when it dead-letters a message', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { fifo: true, retentionPeriod: Duration.days(14) });
    expect(queueProperties(stack, queue)).toMatchObject({ MessageRetentionPeriod: 1209600 });
    expect(queueProperties(stack, queue.deadLetterQueue!.queue)).toMatchObject({
      FifoQueue: true,
      MessageRetentionPeriod: 1209600,
    });
  });

  test('a FIFO queue with a dead-letter retention shorter than its own is accepted too', () => {
    expect(
      () =>
        new WellArchitectedQueue(newStack(), 'Queue', {
          fifo: true,
          deadLetterQueueRetentionPeriod: Duration.days(2),
        }),
    ).not.toThrow();
  });

  test('a dead-letter queue retention shorter than the default 4-day retention', () => {
    expect(
      () => new WellArchitectedQueue(newStack(), 'Queue', { deadLetterQueueRetentionPeriod: Duration.days(2) }),
    ).toThrow(/deadLetterQueueRetentionPeriod: 172800 seconds is not longer than retentionPeriod \(345600 seconds\)/);
  });

  test('your own dead-letter queue with the default retention, as long as the queue retention', () => {
    const stack = newStack();
    const own = new sqs.Queue(stack, 'Own');
    expect(
      () => new WellArchitectedQueue(stack, 'Queue', { deadLetterQueue: { queue: own, maxReceiveCount: 5 } }),
    ).toThrow(
      /deadLetterQueue.queue retention period: 345600 seconds is not longer than retentionPeriod \(345600 seconds\)/,
    );
  });

  test('a standard dead-letter queue for a FIFO queue', () => {
    const stack = newStack();
    const own = new sqs.Queue(stack, 'Own', { retentionPeriod: Duration.days(14) });
    expect(
      () =>
        new WellArchitectedQueue(stack, 'Queue', { fifo: true, deadLetterQueue: { queue: own, maxReceiveCount: 5 } }),
    ).toThrow(
      /deadLetterQueue: a standard queue cannot be the dead-letter queue of a FIFO queue; give a dead-letter queue of the same type/,
    );
  });

  test('a message age alarm threshold not shorter than the retention period', () => {
    expect(
      () =>
        new WellArchitectedQueue(newStack(), 'Queue', {
          retentionPeriod: Duration.hours(1),
          messageAgeAlarmThreshold: Duration.hours(1),
        }),
    ).toThrow(
      /messageAgeAlarmThreshold: 3600 seconds is not shorter than retentionPeriod \(3600 seconds\), so messages expire before the alarm fires; set messageAgeAlarmThreshold below retentionPeriod\./,
    );
  });

  test('a message age alarm threshold of zero', () => {
    expect(
      () => new WellArchitectedQueue(newStack(), 'Queue', { messageAgeAlarmThreshold: Duration.seconds(0) }),
    ).toThrow(/messageAgeAlarmThreshold: 0 seconds would alarm on every message; set it to a positive duration/);
  });

  test('every problem is reported at once', () => {
    expect(
      () =>
        new WellArchitectedQueue(newStack(), 'Queue', {
          maxReceiveCount: 0,
          deadLetterQueueRetentionPeriod: Duration.days(1),
          messageAgeAlarmThreshold: Duration.days(5),
        }),
    ).toThrow(/- maxReceiveCount: .*\n- deadLetterQueueRetentionPeriod: .*\n- messageAgeAlarmThreshold: /);
  });

  test('sqs.Queue validation still applies', () => {
    expect(() => new WellArchitectedQueue(newStack(), 'Queue', { retentionPeriod: Duration.days(15) })).toThrow(
      /message retention period must be between 60 and 1,209,600 seconds/,
    );
  });

  test('tokens are not validated', () => {
    const stack = newStack();
    const retention = new CfnParameter(stack, 'Retention', { type: 'Number' });
    const receives = new CfnParameter(stack, 'Receives', { type: 'Number' });
    const queue = new WellArchitectedQueue(stack, 'Queue', {
      retentionPeriod: Duration.seconds(retention.valueAsNumber),
      maxReceiveCount: receives.valueAsNumber,
      messageAgeAlarmThreshold: Duration.seconds(retention.valueAsNumber),
    });
    expect(queueProperties(stack, queue)).toMatchObject({
      MessageRetentionPeriod: { Ref: 'Retention' },
      RedrivePolicy: { maxReceiveCount: { Ref: 'Receives' } },
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    const template = Template.fromStack(stack);
    const descriptions = alarmDescriptions(stack);
    expect(descriptions['Service-Queue-DeadLetterMessages']).toContain('(after maxReceiveCount receives)');
    expect(descriptions['Service-Queue-MessageAge']).toContain('is older than messageAgeAlarmThreshold');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Service-Queue-MessageAge',
      Threshold: { Ref: 'Retention' },
    });
  });
});

describe('WellArchitectedQueue.addConsumer', () => {
  test('an event source with partial batch responses and permission to consume', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const fn = newFunction(stack, 'Consumer', Duration.seconds(10));
    const eventSource = queue.addConsumer(fn);
    const template = Template.fromStack(stack);

    expect(eventSource).toBeInstanceOf(lambdaEventSources.SqsEventSource);
    expect(eventSource.eventSourceMappingId).toBeDefined();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(stack, queue), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: Match.absent(),
      MaximumBatchingWindowInSeconds: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['sqs:ReceiveMessage', 'sqs:DeleteMessage']),
            Resource: { 'Fn::GetAtt': [logicalIdOf(stack, queue), 'Arn'] },
          }),
        ]),
      },
    });
  });

  test('one consumer: the visibility timeout is 6 x its timeout', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    queue.addConsumer(newFunction(stack, 'Consumer', Duration.seconds(10)));
    expect(queueProperties(stack, queue)).toMatchObject({ VisibilityTimeout: 60 });
  });

  test('the batching window is added to 6 x the timeout', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    queue.addConsumer(newFunction(stack, 'Consumer', Duration.seconds(10)), {
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(20),
    });
    expect(queueProperties(stack, queue)).toMatchObject({ VisibilityTimeout: 80 });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 20,
    });
  });

  test('two consumers: the visibility timeout covers the slower one, whatever the order', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    queue.addConsumer(newFunction(stack, 'Slow', Duration.seconds(30)), { maxBatchingWindow: Duration.seconds(5) });
    queue.addConsumer(newFunction(stack, 'Fast', Duration.seconds(10)));
    expect(queueProperties(stack, queue)).toMatchObject({ VisibilityTimeout: 185 });
  });

  test('a consumer with the 3-second default timeout keeps the 30-second SQS default', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    queue.addConsumer(newFunction(stack, 'Consumer'));
    expect(queueProperties(stack, queue)).toMatchObject({ VisibilityTimeout: 30 });
  });

  test('an alias counts with the timeout of its function', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const fn = newFunction(stack, 'Consumer', Duration.seconds(20));
    queue.addConsumer(new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion }));
    expect(queueProperties(stack, queue)).toMatchObject({ VisibilityTimeout: 120 });
  });

  test('an explicit visibility timeout below 6 x the timeout is an error naming both values and the fix', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { visibilityTimeout: Duration.seconds(30) });
    expect(() => queue.addConsumer(newFunction(stack, 'Consumer', Duration.seconds(10)))).toThrow(
      'Invalid visibilityTimeout of Service/Queue for consumer Service/Consumer: visibilityTimeout is 30 seconds, ' +
        'below 6 x the function timeout (10 seconds) + the batching window (0 seconds) = 60 seconds, so messages can ' +
        'be received again while still being processed. Set visibilityTimeout to at least Duration.seconds(60), or ' +
        'remove it to let addConsumer size it.',
    );
  });

  test('an explicit visibility timeout that is long enough is kept', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue', { visibilityTimeout: Duration.minutes(2) });
    queue.addConsumer(newFunction(stack, 'Consumer', Duration.seconds(10)));
    queue.addConsumer(newFunction(stack, 'Other', Duration.seconds(20)));
    expect(queueProperties(stack, queue)).toMatchObject({ VisibilityTimeout: 120 });
  });

  test('an imported function: a warning, and the visibility timeout is left alone', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const imported = lambda.Function.fromFunctionAttributes(stack, 'Imported', {
      functionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:consumer',
      sameEnvironment: true,
    });
    queue.addConsumer(imported);
    expect(queueProperties(stack, queue)).not.toHaveProperty('VisibilityTimeout');
    Annotations.fromStack(stack).hasWarning(
      '/Service/Queue',
      Match.stringLikeRegexp('The timeout of consumer Service/Imported is not known at synthesis'),
    );
  });

  test('reportBatchItemFailures, batchSize and maxConcurrency can be set', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    queue.addConsumer(newFunction(stack, 'Consumer', Duration.seconds(10)), {
      reportBatchItemFailures: false,
      batchSize: 5,
      maxConcurrency: 2,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: Match.absent(),
      BatchSize: 5,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  test('a customer managed key: the consumer may decrypt', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const queue = new WellArchitectedQueue(stack, 'Queue', { encryptionMasterKey: key });
    queue.addConsumer(newFunction(stack, 'Consumer', Duration.seconds(10)));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'kms:Decrypt',
            Resource: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
          }),
        ]),
      },
    });
  });

  test('the event source mapping acknowledges the on-failure destination rule, which SQS sources cannot use', () => {
    const stack = newStack();
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const fn = newFunction(stack, 'Consumer', Duration.seconds(10));
    queue.addConsumer(fn);
    const mapping = fn.node.children.find((child) => child instanceof lambda.EventSourceMapping)!;
    const acknowledged = mapping.node.metadata
      .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
      .map((entry) => Object.keys(entry.data));
    expect(acknowledged).toEqual([['Serverless::Serverless-LambdaEventSourceMappingDestination']]);
    expect(fn.node.metadata.filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')).toEqual([]);
  });

  describe('validation', () => {
    function consumerOf(options: lambdaEventSources.SqsEventSourceProps, fifo = false): () => void {
      const stack = newStack();
      const queue = new WellArchitectedQueue(stack, 'Queue', { fifo });
      const fn = newFunction(stack, 'Consumer', Duration.seconds(10));
      return () => queue.addConsumer(fn, options);
    }

    test('a FIFO batch above 10', () => {
      expect(consumerOf({ batchSize: 11 }, true)).toThrow(
        /Invalid options for Service\/Queue.addConsumer\(Service\/Consumer\):\n- batchSize: 11 is above 10, the most Lambda allows for a FIFO queue; set batchSize to 10 or less\./,
      );
    });

    test('a batching window on a FIFO queue', () => {
      expect(consumerOf({ maxBatchingWindow: Duration.seconds(1) }, true)).toThrow(
        /maxBatchingWindow: .* is set, but Lambda does not support batching windows for FIFO queues; remove maxBatchingWindow\./,
      );
    });

    test('a batch above 10 without a batching window', () => {
      expect(consumerOf({ batchSize: 100 })).toThrow(
        /batchSize: 100 needs a batching window; .*set maxBatchingWindow, or batchSize to 10 or less\./,
      );
    });

    test('a batch above 10 with a zero batching window', () => {
      expect(consumerOf({ batchSize: 100, maxBatchingWindow: Duration.seconds(0) })).toThrow(
        /maxBatchingWindow: 0 seconds with batchSize 100; .*set maxBatchingWindow to Duration.seconds\(1\) or more/,
      );
    });

    test.each([1, 1001])('maxConcurrency %d', (maxConcurrency) => {
      expect(consumerOf({ maxConcurrency })).toThrow(
        new RegExp(
          `maxConcurrency: ${maxConcurrency} is outside 2-1000, the range Lambda allows for SQS event sources`,
        ),
      );
    });

    test('a FIFO batch of 10 without a window is fine', () => {
      expect(consumerOf({ batchSize: 10 }, true)).not.toThrow();
    });

    test('tokens are not validated', () => {
      const stack = newStack();
      const size = new CfnParameter(stack, 'Size', { type: 'Number' });
      const queue = new WellArchitectedQueue(stack, 'Queue', { fifo: true });
      expect(() =>
        queue.addConsumer(newFunction(stack, 'Consumer', Duration.seconds(10)), {
          batchSize: size.valueAsNumber,
          maxConcurrency: size.valueAsNumber,
        }),
      ).not.toThrow();
    });
  });
});
