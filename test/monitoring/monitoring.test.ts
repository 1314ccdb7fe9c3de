import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ALARMS_OF_THIS_ACCOUNT } from './alarm-publisher';
import { AlarmSeverity, WellArchitectedMonitoring } from '../../src';

function newStack(): Stack {
  return new Stack(new App(), 'Service');
}

function someAlarm(scope: Construct, id: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    metric: new cloudwatch.Metric({ namespace: 'Test', metricName: id }),
    threshold: 1,
    evaluationPeriods: 1,
  });
}

describe('WellArchitectedMonitoring defaults', () => {
  test('an alarm topic encrypted with a customer managed key that CloudWatch may use', () => {
    const stack = newStack();
    WellArchitectedMonitoring.of(stack);
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: ALARMS_OF_THIS_ACCOUNT,
          },
        ]),
      },
    });
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0];
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      DisplayName: 'Service alarms',
    });
  });

  // A topic policy replaces the topic's default policy: without the Allow, CloudWatch may not publish.
  test('the topic policy lets the CloudWatch alarms of this account publish and denies requests without TLS', () => {
    const stack = newStack();
    const monitoring = WellArchitectedMonitoring.of(stack);
    const topicRef = { Ref: stack.getLogicalId(monitoring.alarmTopic.node.defaultChild as CfnElement) };
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SNS::TopicPolicy', 1);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowPublishThroughSSLOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: topicRef,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topicRef,
            Condition: ALARMS_OF_THIS_ACCOUNT,
          },
        ],
      },
    });
  });

  test('in a stack with a known account and region, the source conditions name them', () => {
    const stack = new Stack(new App(), 'Service', { env: { account: '111111111111', region: 'eu-west-1' } });
    WellArchitectedMonitoring.of(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Condition: {
              StringEquals: { 'aws:SourceAccount': '111111111111' },
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:eu-west-1:111111111111:alarm:*']],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  test('the service name defaults to the stack name', () => {
    const stack = newStack();
    expect(stack.resolve(WellArchitectedMonitoring.of(stack).serviceName)).toBe('Service');
  });

  test('no dashboard until a construct adds a section', () => {
    const stack = newStack();
    const monitoring = WellArchitectedMonitoring.of(stack);
    expect(monitoring.dashboard).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });
});

describe('WellArchitectedMonitoring.of', () => {
  test('one per stack, created on first use', () => {
    const stack = newStack();
    const a = WellArchitectedMonitoring.of(new Construct(stack, 'A'));
    const b = WellArchitectedMonitoring.of(new Construct(stack, 'B'));
    expect(a).toBe(b);
    expect(a.node.path).toBe('Service/WellArchitectedMonitoring');
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 1);
  });

  test('the nearest monitoring the user created in an ancestor scope wins', () => {
    const stack = newStack();
    const team = new Construct(stack, 'Team');
    const teamMonitoring = new WellArchitectedMonitoring(team, 'Monitoring', { serviceName: 'payments' });
    const inner = new Construct(team, 'Inner');
    expect(WellArchitectedMonitoring.of(inner)).toBe(teamMonitoring);
    expect(WellArchitectedMonitoring.of(new Construct(stack, 'Other'))).not.toBe(teamMonitoring);
  });

  test('does not reach across stacks', () => {
    const app = new App();
    const first = new Stack(app, 'First');
    const second = new Stack(app, 'Second');
    expect(WellArchitectedMonitoring.of(first)).not.toBe(WellArchitectedMonitoring.of(second));
  });
});

describe('alarms and the dashboard', () => {
  test('addAlarm makes the topic the alarm and OK action, once', () => {
    const stack = newStack();
    const monitoring = WellArchitectedMonitoring.of(stack);
    const alarm = someAlarm(stack, 'Errors');
    monitoring.addAlarm(alarm);
    monitoring.addAlarm(alarm);
    const topicId = Object.keys(Template.fromStack(stack).findResources('AWS::SNS::Topic'))[0];
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: [{ Ref: topicId }],
      OKActions: [{ Ref: topicId }],
    });
    expect(monitoring.alarms).toEqual([alarm]);
  });

  test('e-mail subscriptions', () => {
    const stack = newStack();
    new WellArchitectedMonitoring(stack, 'Monitoring', { emailSubscriptions: ['oncall@example.com'] });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
  });

  test('a section per construct, with the alarm status at the top', () => {
    const stack = newStack();
    const monitoring = WellArchitectedMonitoring.of(stack);
    monitoring.addAlarm(someAlarm(stack, 'Errors'));
    const graph = () =>
      new cloudwatch.GraphWidget({ width: 8, left: [new cloudwatch.Metric({ namespace: 'T', metricName: 'M' })] });
    monitoring.addDashboardSection('Orders function', [graph(), graph(), graph(), graph()]);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(body).toContain('## Orders function');
    expect(body).toContain('"type\\":\\"alarm\\"');
    expect(monitoring.dashboard).toBeDefined();
  });

  test('dashboard: false creates none', () => {
    const stack = newStack();
    const monitoring = new WellArchitectedMonitoring(stack, 'Monitoring', { dashboard: false });
    monitoring.addDashboardSection('Orders', [new cloudwatch.TextWidget({ markdown: 'x' })]);
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });

  test('a key of your own', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey');
    const monitoring = new WellArchitectedMonitoring(stack, 'Monitoring', { alarmTopicKey: key });
    expect(monitoring.alarmTopicKey).toBe(key);
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
  });
});

describe('validation', () => {
  test('an address that is not an e-mail', () => {
    expect(() => new WellArchitectedMonitoring(newStack(), 'M', { emailSubscriptions: ['oncall'] })).toThrow(
      /emailSubscriptions: 'oncall' is not an e-mail address/,
    );
  });

  test('a dashboard name without a dashboard', () => {
    expect(() => new WellArchitectedMonitoring(newStack(), 'M', { dashboard: false, dashboardName: 'x' })).toThrow(
      /dashboardName: 'x' is set but dashboard is false/,
    );
  });

  test('an invalid dashboard name', () => {
    expect(() => new WellArchitectedMonitoring(newStack(), 'M', { dashboardName: 'a b' })).toThrow(
      /dashboardName: 'a b' is not a valid dashboard name/,
    );
  });
});

describe('who the service health alarm reaches', () => {
  const subscribersOf = (stack: Stack, topic: CfnElement | undefined) =>
    Object.values(Template.fromStack(stack).findResources('AWS::SNS::Subscription'))
      .filter((s) => JSON.stringify(s.Properties.TopicArn) === JSON.stringify({ Ref: stack.getLogicalId(topic!) }))
      .map((s) => `${s.Properties.Protocol} ${s.Properties.Endpoint}`);

  test('without a paging channel, the e-mail subscribers get the pages too', () => {
    const stack = newStack();
    const monitoring = new WellArchitectedMonitoring(stack, 'Monitoring', {
      emailSubscriptions: ['oncall@example.com'],
    });
    monitoring.addAlarm(someAlarm(stack, 'Critical'), { severity: AlarmSeverity.CRITICAL });
    expect(subscribersOf(stack, monitoring.alarmTopic.node.defaultChild as CfnElement)).toEqual([
      'email oncall@example.com',
    ]);
    expect(subscribersOf(stack, monitoring.pagingTopic!.node.defaultChild as CfnElement)).toEqual([
      'email oncall@example.com',
    ]);
  });

  test('with a paging channel, pages go to the channel and e-mails get the alarm topic only', () => {
    const stack = newStack();
    const monitoring = new WellArchitectedMonitoring(stack, 'Monitoring', {
      emailSubscriptions: ['oncall@example.com'],
      webhookUrls: ['https://events.example.com/integration/abc'],
    });
    monitoring.addAlarm(someAlarm(stack, 'Critical'), { severity: AlarmSeverity.CRITICAL });
    const paging = subscribersOf(stack, monitoring.pagingTopic!.node.defaultChild as CfnElement);
    expect(paging).toEqual(['https https://events.example.com/integration/abc']);
  });
});
