import { App, ArnFormat, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as notifications from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Compliance } from '../../../src';
import { snsRules } from '../../../src/checks/rules/sns';
import { SnsAlarmTopicKeyRule } from '../../../src/checks/rules/sns/alarm-topic-key';
import { SnsAlarmTopicPolicyRule } from '../../../src/checks/rules/sns/alarm-topic-policy';
import { SnsEncryptedRule } from '../../../src/checks/rules/sns/encrypted';
import { SnsPolicyOpenAccessRule } from '../../../src/checks/rules/sns/policy-open-access';
import { SnsServicePublisherKeyRule } from '../../../src/checks/rules/sns/service-publisher-key';
import { SnsSubscriptionQueueKeyRule } from '../../../src/checks/rules/sns/subscription-queue-key';
import { SnsSubscriptionQueuePolicyRule } from '../../../src/checks/rules/sns/subscription-queue-policy';
import { SnsSubscriptionRedrivePolicyRule } from '../../../src/checks/rules/sns/subscription-redrive-policy';
import { SnsTlsOnlyRule } from '../../../src/checks/rules/sns/tls-only';
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

function alarm(id: string, topic: sns.ITopic): cloudwatch.Alarm {
  const created = new cloudwatch.Alarm(stack, id, {
    metric: new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Errors' }),
    threshold: 1,
    evaluationPeriods: 1,
  });
  created.addAlarmAction(new actions.SnsAction(topic));
  return created;
}

function grantPublishKey(key: kms.Key, service: string) {
  key.grant(new iam.ServicePrincipal(service), 'kms:Decrypt', 'kms:GenerateDataKey*');
}

test('the SNS catalogue has stable ids', () => {
  expect(snsRules().map((r) => r.id)).toEqual([
    'WA-SnsEncrypted',
    'WA-SnsTlsOnly',
    'WA-SnsPolicyOpenAccess',
    'WA-SnsAlarmTopicKey',
    'WA-SnsAlarmTopicPolicy',
    'WA-SnsServicePublisherKey',
    'WA-SnsSubscriptionRedrivePolicy',
    'WA-SnsSubscriptionQueuePolicy',
    'WA-SnsSubscriptionQueueKey',
  ]);
});

describe('WA-SnsEncrypted', () => {
  const rule = new SnsEncryptedRule();

  test('L2: a topic with a key is compliant; without, non-compliant', () => {
    new sns.Topic(stack, 'Keyed', { masterKey: new kms.Key(stack, 'Key') });
    new sns.Topic(stack, 'Plain');
    expect(complianceOf(rule, stack, 'Keyed')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Plain')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/Topic 'Plain' is not encrypted at rest.*masterKey/);
  });

  test('L1: a literal key id is compliant; a parameter or Fn::If is unknown', () => {
    new sns.CfnTopic(stack, 'Literal', { kmsMasterKeyId: 'alias/aws/sns' });
    new sns.CfnTopic(stack, 'None');
    const key = new CfnParameter(stack, 'KeyId', { type: 'String' });
    new sns.CfnTopic(stack, 'Param', { kmsMasterKeyId: key.valueAsString });
    new sns.CfnTopic(stack, 'Cond', {
      kmsMasterKeyId: Fn.conditionIf('C', 'alias/x', Fn.ref('AWS::NoValue')).toString(),
    });
    expect(complianceOf(rule, stack, 'Literal')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'None')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SnsTlsOnly', () => {
  const rule = new SnsTlsOnlyRule();

  test('L2: enforceSSL or a key is compliant; neither is non-compliant', () => {
    new sns.Topic(stack, 'Ssl', { enforceSSL: true });
    new sns.Topic(stack, 'Keyed', { masterKey: new kms.Key(stack, 'Key') });
    new sns.Topic(stack, 'Open');
    expect(complianceOf(rule, stack, 'Ssl')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Keyed')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Open')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/Topic 'Open' accepts messages published without TLS/);
  });

  test('L1: a topic policy that names the topic by its literal ARN counts', () => {
    new sns.CfnTopic(stack, 'Named', { topicName: 'alerts' });
    new sns.CfnTopicPolicy(stack, 'NamedPolicy', {
      topics: [Fn.sub('arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:alerts')],
      policyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': false } },
          },
        ],
      },
    });
    new sns.CfnTopic(stack, 'Literal', { topicName: 'audit' });
    new sns.CfnTopicPolicy(stack, 'LiteralPolicy', {
      topics: ['arn:aws:sns:us-east-1:123456789012:audit'],
      policyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sns:*',
            Resource: 'arn:aws:sns:us-east-1:123456789012:audit',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    });
    new sns.CfnTopic(stack, 'Unnamed');
    expect(complianceOf(rule, stack, 'Stack/Named')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Stack/Literal')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Stack/Unnamed')).toBe(Compliance.NON_COMPLIANT);
  });

  test('L1: a CfnTopicPolicy denying insecure publish is compliant; one behind Fn::If is unknown', () => {
    const good = new sns.CfnTopic(stack, 'Good');
    new sns.CfnTopicPolicy(stack, 'GoodPolicy', {
      topics: [good.ref],
      policyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: good.ref,
            Condition: { Bool: { 'aws:SecureTransport': false } },
          },
        ],
      },
    });
    const cond = new sns.CfnTopic(stack, 'Cond');
    new sns.CfnTopicPolicy(stack, 'CondPolicy', {
      topics: [cond.ref],
      policyDocument: Fn.conditionIf('C', { Statement: [] }, { Statement: [] }),
    });
    expect(complianceOf(rule, stack, 'Good')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Stack/Cond')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SnsPolicyOpenAccess', () => {
  const rule = new SnsPolicyOpenAccessRule();

  test('L2: publishing granted to anyone is non-compliant; to a service with a condition compliant', () => {
    const open = new sns.Topic(stack, 'Open');
    open.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['sns:Publish'],
        resources: [open.topicArn],
      }),
    );
    const scoped = new sns.Topic(stack, 'Scoped');
    scoped.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['sns:Publish'],
        resources: [scoped.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      }),
    );
    expect(complianceOf(rule, stack, 'Open/Policy')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Scoped/Policy')).toBe(Compliance.COMPLIANT);
  });

  test('L1: AWS "*" without condition is non-compliant; an Fn::If statement is unknown', () => {
    const topic = new sns.CfnTopic(stack, 'Topic');
    new sns.CfnTopicPolicy(stack, 'Open', {
      topics: [topic.ref],
      policyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'sns:Subscribe', Resource: '*' }],
      },
    });
    new sns.CfnTopicPolicy(stack, 'Cond', {
      topics: [topic.ref],
      policyDocument: { Statement: [Fn.conditionIf('C', { Effect: 'Allow' }, { Effect: 'Deny' })] },
    });
    expect(complianceOf(rule, stack, 'Open')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SnsAlarmTopicKey', () => {
  const rule = new SnsAlarmTopicKeyRule();

  test('L2: an alarm topic with a key granting CloudWatch is compliant; without the grant non-compliant', () => {
    const granted = new kms.Key(stack, 'GrantedKey');
    grantPublishKey(granted, 'cloudwatch.amazonaws.com');
    alarm('A1', new sns.Topic(stack, 'Good', { masterKey: granted }));
    alarm('A2', new sns.Topic(stack, 'Bad', { masterKey: new kms.Key(stack, 'BareKey') }));
    new sns.Topic(stack, 'Unused', { masterKey: new kms.Key(stack, 'OtherKey') });
    alarm('A3', new sns.Topic(stack, 'Plain'));
    expect(complianceOf(rule, stack, 'Good')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Bad')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Unused')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Plain')).toBe(Compliance.COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Topic 'Bad' is encrypted with key 'BareKey', whose policy does not let cloudwatch.amazonaws.com .*silently dropped.*Alarm/,
    );
  });

  test('L2: the AWS managed alias/aws/sns key is non-compliant', () => {
    const managed = kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/sns');
    alarm('A', new sns.Topic(stack, 'Topic', { masterKey: managed }));
    expect(findings(rule, stack)[0].result.message).toMatch(/Topic 'Topic' is encrypted with an AWS managed key/);
  });

  test('L1: a CfnAlarm notifying a CfnTopic with a key policy granting kms:* to CloudWatch, through an alias, is compliant', () => {
    const key = new kms.CfnKey(stack, 'Key', {
      keyPolicy: {
        Statement: [
          { Effect: 'Allow', Principal: { Service: ['cloudwatch.amazonaws.com'] }, Action: 'kms:*', Resource: '*' },
        ],
      },
    });
    const alias = new kms.CfnAlias(stack, 'Alias', { aliasName: 'alias/alarms', targetKeyId: key.ref });
    const topic = new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: alias.ref });
    new cloudwatch.CfnAlarm(stack, 'Alarm', {
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      okActions: [topic.ref],
    });
    expect(complianceOf(rule, stack, 'Topic')).toBe(Compliance.COMPLIANT);
  });

  test('the key policy is evaluated: an explicit deny is non-compliant, a condition on a key not modelled is unknown', () => {
    const keyWith = (id: string, extra: any) =>
      new kms.CfnKey(stack, id, {
        keyPolicy: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'kms:*',
              Resource: '*',
              ...extra.allow,
            },
            ...(extra.deny ? [extra.deny] : []),
          ],
        },
      });
    const denied = keyWith('DeniedKey', {
      deny: { Sid: 'NoDecrypt', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
    });
    const conditioned = keyWith('CondKey', {
      allow: { Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } },
    });
    for (const [id, key] of [
      ['Denied', denied],
      ['Conditioned', conditioned],
    ] as const) {
      const topic = new sns.CfnTopic(stack, id, { kmsMasterKeyId: key.attrArn });
      new cloudwatch.CfnAlarm(stack, `${id}Alarm`, {
        comparisonOperator: 'GreaterThanThreshold',
        evaluationPeriods: 1,
        threshold: 1,
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        alarmActions: [topic.ref],
      });
    }
    expect(complianceOf(rule, stack, 'Denied')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/statement 'NoDecrypt' denies kms:Decrypt/);
    expect(complianceOf(rule, stack, 'Conditioned')).toBe(Compliance.UNKNOWN);
  });

  test('an imported key, or a key policy behind Fn::If, is unknown', () => {
    const imported = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:123456789012:key/abc');
    alarm('A1', new sns.Topic(stack, 'ImportedKey', { masterKey: imported }));
    const cond = new kms.CfnKey(stack, 'CondKey', {
      keyPolicy: Fn.conditionIf('C', { Statement: [] }, { Statement: [] }),
    });
    const topic = new sns.CfnTopic(stack, 'CondTopic', { kmsMasterKeyId: cond.attrArn });
    new cloudwatch.CfnAlarm(stack, 'A2', {
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      alarmActions: [topic.ref],
    });
    expect(complianceOf(rule, stack, 'ImportedKey')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'CondTopic')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SnsAlarmTopicPolicy', () => {
  const rule = new SnsAlarmTopicPolicyRule();

  function allowCloudWatch(topic: sns.Topic, conditions?: Record<string, any>) {
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions,
      }),
    );
  }

  function cfnAlarm(id: string, topicArn: string, alarmName?: string) {
    return new cloudwatch.CfnAlarm(stack, id, {
      alarmName,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      alarmActions: [topicArn],
    });
  }

  test('L2: a topic policy holding only the TLS deny (enforceSSL) replaces the default policy: non-compliant (#17)', () => {
    alarm('Errors', new sns.Topic(stack, 'Paging', { enforceSSL: true }));
    expect(complianceOf(rule, stack, 'Paging')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Topic 'Paging' is an action of alarm 'Errors', but its topic policy 'Policy' does not let cloudwatch.amazonaws.com publish \(no statement allows cloudwatch.amazonaws.com to call sns:Publish\).*aws:SourceAccount/,
    );
  });

  test('L2: the TLS deny plus a CloudWatch statement scoped to the account, or to its alarms, is compliant', () => {
    const account = new sns.Topic(stack, 'Account', { enforceSSL: true });
    allowCloudWatch(account, { StringEquals: { 'aws:SourceAccount': stack.account } });
    alarm('A1', account);
    const alarms = new sns.Topic(stack, 'Alarms', { enforceSSL: true });
    allowCloudWatch(alarms, {
      ArnLike: {
        'aws:SourceArn': stack.formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: '*',
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
      StringEquals: { 'aws:SourceAccount': stack.account },
    });
    alarm('A2', alarms);
    expect(complianceOf(rule, stack, 'Account')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Alarms')).toBe(Compliance.COMPLIANT);
  });

  test('L2: a topic without a topic policy keeps the default one and is compliant; a topic no alarm notifies is not applicable', () => {
    alarm('A', new sns.Topic(stack, 'Plain'));
    new sns.Topic(stack, 'Unused', { enforceSSL: true });
    expect(complianceOf(rule, stack, 'Plain')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Unused')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1: a statement scoped to other alarm names is non-compliant', () => {
    const topic = new sns.CfnTopic(stack, 'Topic');
    new sns.CfnTopicPolicy(stack, 'TopicPolicy', {
      topics: [topic.ref],
      policyDocument: {
        Statement: [
          {
            Sid: 'WebAlarmsOnly',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topic.ref,
            Condition: {
              ArnLike: {
                'aws:SourceArn': Fn.sub(
                  'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:web-*',
                ),
              },
            },
          },
        ],
      },
    });
    cfnAlarm('AppAlarm', topic.ref, 'app-errors');
    expect(complianceOf(rule, stack, 'Topic')).toBe(Compliance.NON_COMPLIANT);
  });

  test('L1: an explicit deny for CloudWatch is non-compliant and names the statement; a composite alarm is followed too', () => {
    const topic = new sns.CfnTopic(stack, 'Topic');
    new sns.CfnTopicPolicy(stack, 'TopicPolicy', {
      topics: [topic.ref],
      policyDocument: {
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 'sns:*', Resource: '*' },
          {
            Sid: 'NoServices',
            Effect: 'Deny',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: '*',
          },
        ],
      },
    });
    new cloudwatch.CfnCompositeAlarm(stack, 'Composite', { alarmRule: 'TRUE', alarmActions: [topic.ref] });
    expect(findings(rule, stack)[0].result.message).toMatch(
      /alarm 'Composite'.*statement 'NoServices' denies sns:Publish/,
    );
  });

  test('L1: a policy behind Fn::If, a condition on a key CloudWatch is not known to send, or a policy for an imported topic list is unknown', () => {
    const cond = new sns.CfnTopic(stack, 'CondTopic');
    new sns.CfnTopicPolicy(stack, 'CondPolicy', {
      topics: [cond.ref],
      policyDocument: Fn.conditionIf('C', { Statement: [] }, { Statement: [] }),
    });
    cfnAlarm('A1', cond.ref);
    const org = new sns.CfnTopic(stack, 'OrgTopic');
    new sns.CfnTopicPolicy(stack, 'OrgPolicy', {
      topics: [org.ref],
      policyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: org.ref,
            Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } },
          },
        ],
      },
    });
    cfnAlarm('A2', org.ref);
    expect(complianceOf(rule, stack, 'CondTopic')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'OrgTopic')).toBe(Compliance.UNKNOWN);

    const other = new Stack(new App(), 'Other');
    const topic = new sns.CfnTopic(other, 'Topic');
    new sns.CfnTopicPolicy(other, 'Imported', {
      topics: [Fn.importValue('SomeTopicArn')],
      policyDocument: { Statement: [] },
    });
    new cloudwatch.CfnAlarm(other, 'A3', {
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      alarmActions: [topic.ref],
    });
    expect(complianceOf(rule, other, 'Topic')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SnsServicePublisherKey', () => {
  const rule = new SnsServicePublisherKeyRule();

  test('L2: an S3 notification to a topic whose key does not grant s3.amazonaws.com is non-compliant', () => {
    const topic = new sns.Topic(stack, 'Topic', { masterKey: new kms.Key(stack, 'Key') });
    new s3.Bucket(stack, 'Bucket').addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new notifications.SnsDestination(topic),
    );
    expect(findings(rule, stack)[0].result.message).toMatch(/s3.amazonaws.com.*Bucket 'Bucket' publishes to it/);
  });

  test('an L1 rule targeting an L2 topic whose key does not grant events.amazonaws.com is non-compliant', () => {
    const topic = new sns.Topic(stack, 'Topic', { masterKey: new kms.Key(stack, 'Key') });
    new events.CfnRule(stack, 'Rule', {
      scheduleExpression: 'rate(1 hour)',
      targets: [{ id: 't', arn: topic.topicArn }],
    });
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Topic 'Topic' is encrypted with key 'Key', whose policy does not let events.amazonaws.com.*EventBridge rule 'Rule' publishes to it/,
    );
  });

  test('L2: with the grant it is compliant; a topic no service publishes to is not applicable', () => {
    const key = new kms.Key(stack, 'Key');
    grantPublishKey(key, 'events.amazonaws.com');
    const topic = new sns.Topic(stack, 'Topic', { masterKey: key });
    new events.Rule(stack, 'Rule', {
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.SnsTopic(topic)],
    });
    new sns.Topic(stack, 'Quiet', { masterKey: key });
    expect(complianceOf(rule, stack, 'Topic/Resource')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Quiet')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1: a CfnRule target on a topic with the AWS managed key is non-compliant; an imported key unknown', () => {
    const managed = new sns.CfnTopic(stack, 'Managed', { kmsMasterKeyId: 'alias/aws/sns' });
    const param = new CfnParameter(stack, 'KeyArn', { type: 'String' });
    const imported = new sns.CfnTopic(stack, 'Imported', { kmsMasterKeyId: param.valueAsString });
    new events.CfnRule(stack, 'Rule', {
      scheduleExpression: 'rate(1 hour)',
      targets: [
        { id: 'a', arn: managed.ref },
        { id: 'b', arn: imported.ref },
      ],
    });
    expect(complianceOf(rule, stack, 'Managed')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Imported')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SnsSubscriptionRedrivePolicy', () => {
  const rule = new SnsSubscriptionRedrivePolicyRule();

  test('L2: a Lambda subscription with a DLQ is compliant; without, non-compliant; email exempt', () => {
    const topic = new sns.Topic(stack, 'Topic');
    topic.addSubscription(
      new subscriptions.LambdaSubscription(fn('Safe'), { deadLetterQueue: new sqs.Queue(stack, 'Dlq') }),
    );
    topic.addSubscription(new subscriptions.LambdaSubscription(fn('Risky')));
    topic.addSubscription(new subscriptions.EmailSubscription('ops@example.com'));
    const outcomes = evaluateRule(rule, stack).filter(
      (o) => o.constructPath.includes('Subscription') || o.constructPath.includes('Topic'),
    );
    const byPath = (part: string) => outcomes.find((o) => o.constructPath.includes(part))!.result.compliance;
    expect(byPath('Safe/')).toBe(Compliance.COMPLIANT);
    expect(byPath('Risky/')).toBe(Compliance.NON_COMPLIANT);
    expect(byPath('ops@example.com')).toBe(Compliance.NOT_APPLICABLE);
    expect(findings(rule, stack)[0].result.message).toMatch(/The lambda subscription .* has no dead-letter queue/);
  });

  test('L1: an sqs CfnSubscription without redrive is non-compliant; an inline lambda subscription too', () => {
    const topic = new sns.CfnTopic(stack, 'Inline', {
      subscription: [{ protocol: 'lambda', endpoint: 'arn:aws:lambda:::function:f' }],
    });
    new sns.CfnSubscription(stack, 'Sub', {
      topicArn: topic.ref,
      protocol: 'sqs',
      endpoint: 'arn:aws:sqs:us-east-1:1:q',
    });
    new sns.CfnSubscription(stack, 'Kept', {
      topicArn: topic.ref,
      protocol: 'sqs',
      endpoint: 'arn:aws:sqs:us-east-1:1:q',
      redrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:dlq' },
    });
    expect(complianceOf(rule, stack, 'Inline')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Sub')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Kept')).toBe(Compliance.COMPLIANT);
  });

  test('a protocol from a parameter or a redrive policy behind Fn::If is unknown', () => {
    const protocol = new CfnParameter(stack, 'Protocol', { type: 'String' });
    new sns.CfnSubscription(stack, 'Param', {
      topicArn: 'arn:aws:sns:us-east-1:1:t',
      protocol: protocol.valueAsString,
    });
    new sns.CfnSubscription(stack, 'Cond', {
      topicArn: 'arn:aws:sns:us-east-1:1:t',
      protocol: 'lambda',
      redrivePolicy: Fn.conditionIf('C', { deadLetterTargetArn: 'x' }, Fn.ref('AWS::NoValue')),
    });
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SnsSubscriptionQueuePolicy', () => {
  const rule = new SnsSubscriptionQueuePolicyRule();

  test('L2: SqsSubscription adds the queue policies and is compliant', () => {
    new sns.Topic(stack, 'Topic').addSubscription(
      new subscriptions.SqsSubscription(new sqs.Queue(stack, 'Queue'), {
        deadLetterQueue: new sqs.Queue(stack, 'Dlq'),
      }),
    );
    expect(evaluateRule(rule, stack).map((o) => o.result.compliance)).toEqual([Compliance.COMPLIANT]);
  });

  test('L1: a CfnSubscription to a CfnQueue without a policy is non-compliant; with a policy allowing SNS compliant', () => {
    const topic = new sns.CfnTopic(stack, 'Topic');
    const bare = new sqs.CfnQueue(stack, 'BareQueue');
    new sns.CfnSubscription(stack, 'ToBare', { topicArn: topic.ref, protocol: 'sqs', endpoint: bare.attrArn });
    const open = new sqs.CfnQueue(stack, 'OpenQueue');
    new sqs.CfnQueuePolicy(stack, 'OpenPolicy', {
      queues: [open.ref],
      policyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: ['sqs:SendMessage'],
            Resource: open.attrArn,
            Condition: { ArnEquals: { 'aws:SourceArn': topic.ref } },
          },
        ],
      },
    });
    new sns.CfnSubscription(stack, 'ToOpen', { topicArn: topic.ref, protocol: 'sqs', endpoint: open.attrArn });
    expect(complianceOf(rule, stack, 'ToBare')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'ToOpen')).toBe(Compliance.COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/delivers to queue 'BareQueue' \(its endpoint\)/);
  });

  test('L1: a queue policy scoped to another topic is non-compliant; scoped to an imported topic, unknown', () => {
    const topic = new sns.CfnTopic(stack, 'Topic');
    const other = new sns.CfnTopic(stack, 'OtherTopic');
    const queueFor = (id: string, sourceArn: string) => {
      const queue = new sqs.CfnQueue(stack, id);
      new sqs.CfnQueuePolicy(stack, `${id}Policy`, {
        queues: [queue.ref],
        policyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: queue.attrArn,
              Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
            },
          ],
        },
      });
      new sns.CfnSubscription(stack, `To${id}`, { topicArn: topic.ref, protocol: 'sqs', endpoint: queue.attrArn });
    };
    queueFor('Wrong', other.ref);
    queueFor('Imported', Fn.importValue('TopicArn'));
    expect(complianceOf(rule, stack, 'ToWrong')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/for its topic \(no statement allows sns.amazonaws.com/);
    expect(complianceOf(rule, stack, 'ToImported')).toBe(Compliance.UNKNOWN);
  });

  test('L1: a DLQ without a policy is non-compliant; an imported endpoint is unknown', () => {
    const topic = new sns.CfnTopic(stack, 'Topic');
    const dlq = new sqs.CfnQueue(stack, 'Dlq');
    new sns.CfnSubscription(stack, 'Sub', {
      topicArn: topic.ref,
      protocol: 'lambda',
      endpoint: 'arn:aws:lambda:us-east-1:1:function:f',
      redrivePolicy: { deadLetterTargetArn: dlq.attrArn },
    });
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:q');
    new sns.CfnSubscription(stack, 'ToImported', { topicArn: topic.ref, protocol: 'sqs', endpoint: imported.queueArn });
    expect(complianceOf(rule, stack, 'Stack/Sub')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'ToImported')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-SnsSubscriptionQueueKey', () => {
  const rule = new SnsSubscriptionQueueKeyRule();

  test('L2: SqsSubscription to a queue with a customer managed key grants SNS and is compliant', () => {
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS });
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.SqsSubscription(queue));
    expect(evaluateRule(rule, stack).map((o) => o.result.compliance)).toEqual([Compliance.COMPLIANT]);
  });

  test('L2: a queue with a key that does not grant SNS, subscribed through L1, is non-compliant', () => {
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS });
    new sns.CfnSubscription(stack, 'Sub', {
      topicArn: new sns.Topic(stack, 'Topic').topicArn,
      protocol: 'sqs',
      endpoint: queue.queueArn,
    });
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Subscription 'Sub' cannot deliver: queue 'Queue' is encrypted with key 'Key', whose policy does not let sns.amazonaws.com/,
    );
  });

  test('L1: alias/aws/sqs is non-compliant; SSE-SQS compliant; an imported key unknown', () => {
    const topic = new sns.CfnTopic(stack, 'Topic');
    const managed = new sqs.CfnQueue(stack, 'Managed', { kmsMasterKeyId: 'alias/aws/sqs' });
    const plain = new sqs.CfnQueue(stack, 'Plain');
    const imported = new sqs.CfnQueue(stack, 'ImportedKey', {
      kmsMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc',
    });
    for (const [id, queue] of [
      ['ToManaged', managed],
      ['ToPlain', plain],
      ['ToImported', imported],
    ] as const) {
      new sns.CfnSubscription(stack, id, { topicArn: topic.ref, protocol: 'sqs', endpoint: queue.attrArn });
    }
    expect(complianceOf(rule, stack, 'ToManaged')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'ToPlain')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'ToImported')).toBe(Compliance.UNKNOWN);
  });
});

describe('L1 counterparts', () => {
  test('WA-SnsTlsOnly: an unencrypted CfnTopic without a topic policy is non-compliant', () => {
    new sns.CfnTopic(stack, 'Topic');
    expect(complianceOf(new SnsTlsOnlyRule(), stack, 'Topic')).toBe(Compliance.NON_COMPLIANT);
  });

  test('WA-SnsPolicyOpenAccess: a CfnTopicPolicy for an account principal is compliant', () => {
    const topic = new sns.CfnTopic(stack, 'Topic');
    new sns.CfnTopicPolicy(stack, 'Policy', {
      topics: [topic.ref],
      policyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::123456789012:root' },
            Action: 'sns:Publish',
            Resource: topic.ref,
          },
        ],
      },
    });
    expect(complianceOf(new SnsPolicyOpenAccessRule(), stack, 'Policy')).toBe(Compliance.COMPLIANT);
  });

  test('WA-SnsAlarmTopicKey: a CfnKey granting CloudWatch only kms:Decrypt is non-compliant', () => {
    const key = new kms.CfnKey(stack, 'Key', {
      keyPolicy: {
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*' },
        ],
      },
    });
    const topic = new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: key.attrArn });
    new cloudwatch.CfnAlarm(stack, 'Alarm', {
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      alarmActions: [topic.ref],
    });
    expect(complianceOf(new SnsAlarmTopicKeyRule(), stack, 'Topic')).toBe(Compliance.NON_COMPLIANT);
  });

  test('WA-SnsServicePublisherKey: a CfnKey granting events.amazonaws.com is compliant', () => {
    const key = new kms.CfnKey(stack, 'Key', {
      keyPolicy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
          },
        ],
      },
    });
    const topic = new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: key.ref });
    new events.CfnRule(stack, 'Rule', { scheduleExpression: 'rate(1 hour)', targets: [{ id: 't', arn: topic.ref }] });
    expect(complianceOf(new SnsServicePublisherKeyRule(), stack, 'Topic')).toBe(Compliance.COMPLIANT);
  });

  test('WA-SnsSubscriptionQueuePolicy: an L2 queue subscribed through a CfnSubscription, without a policy, is non-compliant', () => {
    const queue = new sqs.Queue(stack, 'Queue');
    new sns.CfnSubscription(stack, 'Sub', {
      topicArn: new sns.Topic(stack, 'Topic').topicArn,
      protocol: 'sqs',
      endpoint: queue.queueArn,
    });
    expect(complianceOf(new SnsSubscriptionQueuePolicyRule(), stack, 'Sub')).toBe(Compliance.NON_COMPLIANT);
  });
});
