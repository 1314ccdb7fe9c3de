import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { ALARMS_OF_THIS_ACCOUNT } from './alarm-publisher';
import { alarmDescriptions, renderText } from './alarm-text';
import { AlarmSeverity, WellArchitectedMonitoring, WellArchitectedMonitoringProps } from '../../src';

const SLACK = { slackWorkspaceId: 'T0123ABCD', slackChannelId: 'C0123ABCD' };
const TEAMS = {
  tenantId: '11111111-2222-3333-4444-555555555555',
  teamId: '66666666-7777-8888-9999-000000000000',
  teamsChannelId: '19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2',
};
const WEBHOOK = 'https://events.example.com/integration/abc/enqueue';

function newStack(): Stack {
  return new Stack(new App(), 'Orders');
}

function someAlarm(scope: Construct, id: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    metric: new cloudwatch.Metric({ namespace: 'Test', metricName: id }),
    threshold: 1,
    evaluationPeriods: 1,
  });
}

function monitoringWith(props: WellArchitectedMonitoringProps): {
  stack: Stack;
  monitoring: WellArchitectedMonitoring;
} {
  const stack = newStack();
  const monitoring = new WellArchitectedMonitoring(stack, 'WellArchitectedMonitoring', {
    serviceName: 'orders',
    ...props,
  });
  return { stack, monitoring };
}

function logicalId(stack: Stack, construct: Construct): string {
  return stack.getLogicalId(construct.node.defaultChild as any);
}

describe('severities and the service health alarm', () => {
  test('addAlarm without options keeps the old behaviour: a warning on the alarm topic, no composite', () => {
    const stack = newStack();
    const monitoring = WellArchitectedMonitoring.of(stack);
    const alarm = someAlarm(stack, 'Errors');
    monitoring.addAlarm(alarm);
    expect(monitoring.severityOf(alarm)).toBe(AlarmSeverity.WARNING);
    expect(monitoring.criticalAlarms).toEqual([]);
    expect(monitoring.serviceHealthAlarm).toBeUndefined();
    expect(monitoring.pagingTopic).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 0);
    template.resourceCountIs('AWS::SNS::Topic', 1);
  });

  test('the composite alarm rule names exactly the critical alarms, built at synthesis', () => {
    const { stack, monitoring } = monitoringWith({});
    const errors = someAlarm(stack, 'Errors');
    const throttles = someAlarm(stack, 'Throttles');
    const deadLetters = someAlarm(stack, 'DeadLetters');
    monitoring.addAlarm(errors, { severity: AlarmSeverity.CRITICAL });
    monitoring.addAlarm(throttles, { severity: AlarmSeverity.WARNING });
    // Added after the composite exists: the lazy rule still includes it.
    monitoring.addAlarm(deadLetters, { severity: AlarmSeverity.CRITICAL });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 1);
    const composite = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm'))[0];
    expect(renderText(composite.Properties.AlarmRule)).toBe(
      `(ALARM("\${${logicalId(stack, errors)}.Arn}") OR ALARM("\${${logicalId(stack, deadLetters)}.Arn}"))`,
    );
    expect(composite.Properties.AlarmName).toBe('orders-Orders-ServiceHealth');
    expect(monitoring.criticalAlarms).toEqual([errors, deadLetters]);
  });

  test('one critical alarm: the rule is that alarm alone', () => {
    const { stack, monitoring } = monitoringWith({});
    const errors = someAlarm(stack, 'Errors');
    monitoring.addAlarm(errors, { severity: AlarmSeverity.CRITICAL });
    const composite = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::CompositeAlarm'))[0];
    expect(renderText(composite.Properties.AlarmRule)).toBe(`(ALARM("\${${logicalId(stack, errors)}.Arn}"))`);
  });

  test('critical and warning alarms both notify the alarm topic; only the composite notifies the paging topic', () => {
    const { stack, monitoring } = monitoringWith({ slackChannels: [SLACK] });
    monitoring.addAlarm(someAlarm(stack, 'Errors'), { severity: AlarmSeverity.CRITICAL });
    monitoring.addAlarm(someAlarm(stack, 'Latency'), { severity: AlarmSeverity.WARNING });
    const template = Template.fromStack(stack);
    const alarmTopic = { Ref: logicalId(stack, monitoring.alarmTopic) };
    const pagingTopic = { Ref: logicalId(stack, monitoring.pagingTopic!) };
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([alarmTopic]);
      expect(alarm.Properties.OKActions).toEqual([alarmTopic]);
    }
    template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmActions: [pagingTopic],
      OKActions: [pagingTopic],
    });
    // Slack subscribes to the paging topic, e-mail to the alarm topic: a warning never reaches the chat.
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', { SnsTopicArns: [pagingTopic] });
  });

  test('adding an alarm again with a severity reclassifies it; without one it changes nothing', () => {
    const { stack, monitoring } = monitoringWith({});
    const throttles = someAlarm(stack, 'Throttles');
    monitoring.addAlarm(throttles, { severity: AlarmSeverity.WARNING });
    monitoring.addAlarm(throttles, { severity: AlarmSeverity.CRITICAL });
    expect(monitoring.severityOf(throttles)).toBe(AlarmSeverity.CRITICAL);
    monitoring.addAlarm(throttles);
    expect(monitoring.severityOf(throttles)).toBe(AlarmSeverity.CRITICAL);
    expect(monitoring.alarms).toEqual([throttles]);
    // Still one alarm action: the topic was not added twice.
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: [{ Ref: logicalId(stack, monitoring.alarmTopic) }],
    });
  });

  test('when every critical alarm is reclassified as a warning, the composite never fires', () => {
    const { stack, monitoring } = monitoringWith({});
    const errors = someAlarm(stack, 'Errors');
    monitoring.addAlarm(errors, { severity: AlarmSeverity.CRITICAL });
    monitoring.addAlarm(errors, { severity: AlarmSeverity.WARNING });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::CompositeAlarm', { AlarmRule: 'FALSE' });
  });

  test('an alarm not added has no severity', () => {
    const { stack, monitoring } = monitoringWith({});
    expect(monitoring.severityOf(someAlarm(stack, 'Other'))).toBeUndefined();
  });

  test('the composite description names the critical alarms and links the dashboard', () => {
    const { stack, monitoring } = monitoringWith({});
    const errors = new cloudwatch.Alarm(stack, 'Errors', {
      alarmName: 'orders-Orders-PlaceOrder-Errors',
      metric: new cloudwatch.Metric({ namespace: 'Test', metricName: 'Errors' }),
      threshold: 1,
      evaluationPeriods: 1,
    });
    monitoring.addAlarm(errors, { severity: AlarmSeverity.CRITICAL });
    monitoring.addAlarm(someAlarm(stack, 'Unnamed'), { severity: AlarmSeverity.CRITICAL });
    expect(alarmDescriptions(stack)['orders-Orders-ServiceHealth']).toBe(
      'Service orders is unhealthy: at least one of its critical alarms is in ALARM, so users are likely affected. ' +
        'The notification lists the alarms that fired (TriggeringChildren); the description of each says what is ' +
        'wrong and what to do first. Critical alarms: orders-Orders-PlaceOrder-Errors, Orders/Unnamed. Dashboard: ' +
        'https://console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}#dashboards/dashboard/Orders-WellArchitectedMonitoring-${AWS::Region}',
    );
  });

  test('with many critical alarms the composite description lists what fits and counts the rest', () => {
    const { stack, monitoring } = monitoringWith({});
    for (let i = 0; i < 60; i++) {
      monitoring.addAlarm(someAlarm(stack, `SomeRatherLongAlarmConstructIdNumber${i}`), {
        severity: AlarmSeverity.CRITICAL,
      });
    }
    const description = alarmDescriptions(stack)['orders-Orders-ServiceHealth'];
    expect(description).toMatch(/ and \d+ more\. Dashboard: /);
    const resolvedLink = description.replace(/\$\{AWS::Region\}/g, 'ap-southeast-5');
    expect(resolvedLink.length).toBeLessThanOrEqual(1024);
  });

  test('more than 100 critical alarms is an error at synthesis, naming the fix', () => {
    const { stack, monitoring } = monitoringWith({});
    for (let i = 0; i < 101; i++) {
      monitoring.addAlarm(someAlarm(stack, `A${i}`), { severity: AlarmSeverity.CRITICAL });
    }
    expect(() => Template.fromStack(stack)).toThrow(
      /101 critical alarms were added to Orders\/WellArchitectedMonitoring, but its service health composite alarm can name at most 100/,
    );
  });

  test('a monitoring below the stack names its composite after its path too', () => {
    const stack = newStack();
    const monitoring = new WellArchitectedMonitoring(new Construct(stack, 'Payments'), 'Monitoring', {
      serviceName: 'payments',
    });
    monitoring.addAlarm(someAlarm(stack, 'Errors'), { severity: AlarmSeverity.CRITICAL });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'payments-Orders-Payments/Monitoring-ServiceHealth',
    });
  });
});

describe('paging channels', () => {
  test('Slack: a Chatbot configuration on the paging topic, with a read-only role and guardrail', () => {
    const { stack, monitoring } = monitoringWith({ slackChannels: [SLACK] });
    const template = Template.fromStack(stack);
    const roleId = Object.keys(template.findResources('AWS::IAM::Role'))[0];
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 1);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      ConfigurationName: { 'Fn::Join': ['', ['orders-C0123ABCD-', { Ref: 'AWS::Region' }]] },
      SlackWorkspaceId: 'T0123ABCD',
      SlackChannelId: 'C0123ABCD',
      IamRoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
      GuardrailPolicies: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/CloudWatchReadOnlyAccess']] },
      ],
      LoggingLevel: 'ERROR',
      SnsTopicArns: [{ Ref: logicalId(stack, monitoring.pagingTopic!) }],
    });
    // The channel role: assumed by Chatbot only, no managed policy, only CloudWatch reads.
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'chatbot.amazonaws.com' } }],
      },
      ManagedPolicyArns: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: [
          {
            Sid: 'ReadAlarmsAndMetrics',
            Effect: 'Allow',
            Action: [
              'cloudwatch:DescribeAlarms',
              'cloudwatch:DescribeAlarmHistory',
              'cloudwatch:GetMetricData',
              'cloudwatch:GetMetricWidgetImage',
            ],
            Resource: '*',
          },
        ],
      },
    });
  });

  test('the paging topic is encrypted with the alarm topic key, lets CloudWatch alarms publish, and denies requests without TLS', () => {
    const { stack, monitoring } = monitoringWith({ slackChannels: [SLACK] });
    const template = Template.fromStack(stack);
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0];
    template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'orders pages',
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    const topicRef = { Ref: logicalId(stack, monitoring.pagingTopic!) };
    // The service health alarm publishes here: the topic policy replaces the default one, so it must allow CloudWatch.
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

  test('a paging topic created for the first critical alarm also lets CloudWatch alarms publish', () => {
    const stack = newStack();
    const monitoring = WellArchitectedMonitoring.of(stack);
    monitoring.addAlarm(someAlarm(stack, 'A'), { severity: AlarmSeverity.CRITICAL });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalId(stack, monitoring.pagingTopic!) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AllowCloudWatchAlarmsToPublish', Condition: ALARMS_OF_THIS_ACCOUNT }),
        ]),
      },
    });
  });

  test('Slack: a configuration name and logging level of your own', () => {
    const { stack } = monitoringWith({
      slackChannels: [{ ...SLACK, configurationName: 'orders-oncall', loggingLevel: chatbot.LoggingLevel.INFO }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      ConfigurationName: 'orders-oncall',
      LoggingLevel: 'INFO',
    });
  });

  test('Microsoft Teams: a Chatbot configuration on the paging topic sharing the role and guardrail', () => {
    const { stack, monitoring } = monitoringWith({ slackChannels: [SLACK], teamsChannels: [TEAMS] });
    const template = Template.fromStack(stack);
    const roleId = Object.keys(template.findResources('AWS::IAM::Role'))[0];
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', {
      ConfigurationName: {
        'Fn::Join': ['', [Match.stringLikeRegexp('^orders-teams-[0-9a-f]{8}-$'), { Ref: 'AWS::Region' }]],
      },
      TeamsTenantId: TEAMS.tenantId,
      TeamId: TEAMS.teamId,
      TeamsChannelId: TEAMS.teamsChannelId,
      IamRoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
      GuardrailPolicies: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/CloudWatchReadOnlyAccess']] },
      ],
      LoggingLevel: 'ERROR',
      SnsTopicArns: [{ Ref: logicalId(stack, monitoring.pagingTopic!) }],
    });
  });

  test('two Teams channels of one team get distinct configuration names', () => {
    const { stack } = monitoringWith({
      teamsChannels: [TEAMS, { ...TEAMS, teamsChannelId: '19%3aother%40thread.tacv2' }],
    });
    const names = Object.values(
      Template.fromStack(stack).findResources('AWS::Chatbot::MicrosoftTeamsChannelConfiguration'),
    ).map((resource) => renderText(resource.Properties.ConfigurationName));
    expect(new Set(names).size).toBe(2);
  });

  test('a stack in a known region gets literal names', () => {
    const stack = new Stack(new App(), 'Orders', { env: { region: 'eu-west-1' } });
    new WellArchitectedMonitoring(stack, 'WellArchitectedMonitoring', {
      serviceName: 'orders',
      slackChannels: [SLACK],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      ConfigurationName: 'orders-C0123ABCD-eu-west-1',
    });
  });

  test('webhooks: HTTPS subscriptions of the paging topic with a dead-letter queue and an alarm on it', () => {
    const { stack, monitoring } = monitoringWith({ webhookUrls: [WEBHOOK] });
    const template = Template.fromStack(stack);
    const queueId = Object.keys(template.findResources('AWS::SQS::Queue'))[0];
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'https',
      Endpoint: WEBHOOK,
      TopicArn: { Ref: logicalId(stack, monitoring.pagingTopic!) },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    // The alarm on the depth of undelivered pages is a warning: it notifies the alarm topic.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'orders-Orders-WellArchitectedMonitoring/WebhookDeadLetterQueue-UndeliveredPages',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      AlarmActions: [{ Ref: logicalId(stack, monitoring.alarmTopic) }],
    });
    // Only a new undelivered page is critical (webhooks.test.ts): it recovers by itself, unlike the depth.
    expect(monitoring.criticalAlarms.map((alarm) => alarm.node.id)).toEqual(['NewUndeliveredPagesAlarm']);
  });

  test('no paging channel: no role, no chat configuration, no paging topic until a critical alarm', () => {
    const { stack, monitoring } = monitoringWith({ emailSubscriptions: ['oncall@example.com'] });
    expect(monitoring.pagingTopic).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 0);
    template.resourceCountIs('AWS::SNS::Topic', 1);
  });

  test('tokens are not validated', () => {
    const stack = newStack();
    const workspace = new CfnParameter(stack, 'Workspace').valueAsString;
    const url = new CfnParameter(stack, 'Url').valueAsString;
    new WellArchitectedMonitoring(stack, 'M', {
      slackChannels: [{ slackWorkspaceId: workspace, slackChannelId: 'C0123ABCD' }],
      webhookUrls: [url],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SlackWorkspaceId: { Ref: 'Workspace' },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', Endpoint: { Ref: 'Url' } });
  });
});

describe('paging channel validation', () => {
  const invalid: [string, WellArchitectedMonitoringProps, RegExp][] = [
    [
      'a Slack channel name instead of its ID',
      { slackChannels: [{ ...SLACK, slackChannelId: '#oncall' }] },
      /slackChannels\[0\]\.slackChannelId: '#oncall' is not a Slack channel ID; give the ID \(such as 'C0123ABCD'\)/,
    ],
    [
      'a Slack workspace name instead of its ID',
      { slackChannels: [{ ...SLACK, slackWorkspaceId: 'acme' }] },
      /slackChannels\[0\]\.slackWorkspaceId: 'acme' is not a Slack workspace ID; copy it \(such as 'T0123ABCD'\) from the AWS Chatbot console/,
    ],
    [
      'an invalid configuration name',
      { slackChannels: [{ ...SLACK, configurationName: 'on call' }] },
      /slackChannels\[0\]\.configurationName: 'on call' is not a valid configuration name/,
    ],
    [
      'a Teams tenant that is not a GUID',
      { teamsChannels: [{ ...TEAMS, tenantId: 'contoso' }] },
      /teamsChannels\[0\]\.tenantId: 'contoso' is not a Microsoft Teams tenant ID/,
    ],
    [
      'a Teams team that is not a GUID',
      { teamsChannels: [{ ...TEAMS, teamId: 'oncall' }] },
      /teamsChannels\[0\]\.teamId: 'oncall' is not a Microsoft Teams team ID/,
    ],
    [
      'a Teams channel ID that is not URL-encoded',
      { teamsChannels: [{ ...TEAMS, teamsChannelId: '19:abc@thread.tacv2' }] },
      /teamsChannels\[0\]\.teamsChannelId: '19:abc@thread\.tacv2' is not a URL-encoded Teams channel ID; .*':' as %3a, '@' as %40/,
    ],
    [
      'an invalid Teams configuration name',
      { teamsChannels: [{ ...TEAMS, configurationName: 'x'.repeat(129) }] },
      /teamsChannels\[0\]\.configurationName: 'x{129}' is not a valid configuration name/,
    ],
    [
      'an http:// webhook',
      { webhookUrls: ['http://pager.example.com/hook'] },
      /webhookUrls\[0\]: 'http:\/\/pager\.example\.com\/hook' is not an https:\/\/ URL; SNS would send alarm notifications unencrypted\. Give the HTTPS endpoint/,
    ],
    [
      'a webhook that is not a URL',
      { webhookUrls: ['pager'] },
      /webhookUrls\[0\]: 'pager' is not an https:\/\/ URL; SNS would send alarm notifications nowhere/,
    ],
  ];

  test.each(invalid)('%s', (_name, props, message) => {
    expect(() => new WellArchitectedMonitoring(newStack(), 'M', props)).toThrow(message);
  });

  test('all problems in one error', () => {
    expect(
      () =>
        new WellArchitectedMonitoring(newStack(), 'M', {
          slackChannels: [{ slackWorkspaceId: 'acme', slackChannelId: 'oncall' }],
          webhookUrls: ['http://x'],
        }),
    ).toThrow(/Invalid WellArchitectedMonitoring props:\n- slackChannels.*\n- slackChannels.*\n- webhookUrls/);
  });

  test('a private channel ID (G...) and an Enterprise Grid workspace (E...) are accepted', () => {
    expect(
      () =>
        new WellArchitectedMonitoring(newStack(), 'M', {
          slackChannels: [{ slackWorkspaceId: 'E0123ABCD', slackChannelId: 'G0123ABCD' }],
        }),
    ).not.toThrow();
  });
});

describe('alarm names and descriptions', () => {
  test('alarmName: service, path in the stack, condition', () => {
    const { stack, monitoring } = monitoringWith({});
    const api = new Construct(new Construct(stack, 'Api'), 'PlaceOrder');
    expect(monitoring.alarmName(api, 'Errors')).toBe('orders-Orders-Api/PlaceOrder-Errors');
  });

  test('alarmName: at most 255 characters, and two long names that share their start stay distinct', () => {
    const { stack, monitoring } = monitoringWith({});
    const long = 'A'.repeat(300);
    const parent = new Construct(stack, long);
    const first = monitoring.alarmName(new Construct(parent, 'First'), 'Errors');
    const second = monitoring.alarmName(new Construct(parent, 'Second'), 'Errors');
    expect(first.length).toBeLessThanOrEqual(255);
    expect(first).toMatch(/^orders-Orders-A+~[0-9A-F]{8}-Errors$/);
    expect(first).not.toBe(second);
  });

  test('alarmName: characters CloudWatch rejects become _', () => {
    const { stack, monitoring } = monitoringWith({});
    expect(monitoring.alarmName(new Construct(stack, 'Bestellung-Größe'), 'Errors')).toBe(
      'orders-Orders-Bestellung-Gr__e-Errors',
    );
  });

  test('alarmDescription: every part, in order, with the dashboard link', () => {
    const { stack, monitoring } = monitoringWith({});
    const fn = new Construct(stack, 'PlaceOrder');
    const alarm = new cloudwatch.Alarm(stack, 'Errors', {
      alarmName: 'orders-Orders-PlaceOrder-Errors',
      alarmDescription: monitoring.alarmDescription({
        summary: 'Lambda function PlaceOrder failed invocations',
        resource: fn,
        resourceKind: 'Lambda function',
        threshold: 'Errors (sum) > 0',
        period: Duration.minutes(1),
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        likelyCauses: ['an unhandled exception.', 'a timeout'],
        firstSteps: ['read the logs', 'roll back.'],
      }),
      metric: new cloudwatch.Metric({ namespace: 'Test', metricName: 'Errors' }),
      threshold: 0,
      evaluationPeriods: 5,
    });
    monitoring.addAlarm(alarm);
    expect(alarmDescriptions(stack)['orders-Orders-PlaceOrder-Errors']).toBe(
      'Lambda function PlaceOrder failed invocations. Resource: Lambda function Orders/PlaceOrder. ' +
        'Fires when Errors (sum) > 0 in 3 of the last 5 1-minute periods. ' +
        'Likely causes: an unhandled exception; a timeout. First steps: 1) read the logs; 2) roll back. ' +
        'Dashboard: https://console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}#dashboards/dashboard/Orders-WellArchitectedMonitoring-${AWS::Region}',
    );
    // The link needs the dashboard: describing an alarm creates it.
    expect(monitoring.dashboard).toBeDefined();
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: { 'Fn::Join': ['', ['Orders-WellArchitectedMonitoring-', { Ref: 'AWS::Region' }]] },
    });
  });

  test('alarmDescription: no link when dashboards are off', () => {
    const { stack, monitoring } = monitoringWith({ dashboard: false });
    const description = monitoring.alarmDescription({
      summary: 'x',
      resource: stack,
      resourceKind: 'stack',
      threshold: 'y > 0',
      period: Duration.hours(1),
      evaluationPeriods: 2,
      likelyCauses: [],
      firstSteps: [],
    });
    expect(description).toBe('x. Resource: stack Orders. Fires when y > 0 in 2 consecutive 1-hour periods.');
  });
});
