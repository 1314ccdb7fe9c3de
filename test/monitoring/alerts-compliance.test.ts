import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AlarmSeverity, WellArchitectedMonitoring, WellArchitectedQueue } from '../../src';
import { cfnLintErrorsAndWarnings, nagFindings, openCheckMessages } from '../support/compliance';

interface Built {
  readonly app: App;
  readonly stack: Stack;
}

/**
 * A service whose alarms page Slack, Teams and an on-call webhook and e-mail the team: a well-architected queue
 * (one critical, one warning alarm) and an alarm of the user's own, marked critical.
 */
function pagedService(stackProps: StackProps = {}): Built {
  const app = new App();
  const stack = new Stack(app, 'Orders', stackProps);
  const monitoring = new WellArchitectedMonitoring(stack, 'WellArchitectedMonitoring', {
    serviceName: 'orders',
    emailSubscriptions: ['oncall@example.com'],
    slackChannels: [{ slackWorkspaceId: 'T0123ABCD', slackChannelId: 'C0123ABCD' }],
    teamsChannels: [
      {
        tenantId: '11111111-2222-3333-4444-555555555555',
        teamId: '66666666-7777-8888-9999-000000000000',
        teamsChannelId: '19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2',
      },
    ],
    webhookUrls: ['https://events.example.com/integration/abc/enqueue'],
  });
  new WellArchitectedQueue(stack, 'Queue');
  const ownAlarm = new cloudwatch.Alarm(stack, 'OrdersPlaced', {
    alarmName: monitoring.alarmName(stack, 'NoOrders'),
    metric: new cloudwatch.Metric({ namespace: 'orders', metricName: 'OrdersPlaced' }),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    evaluationPeriods: 3,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
  });
  monitoring.addAlarm(ownAlarm, { severity: AlarmSeverity.CRITICAL });
  return { app, stack };
}

const variants: [string, () => Built][] = [
  ['in an environment-agnostic stack (partition conditions)', () => pagedService()],
  ['in a stack with a known region', () => pagedService({ env: { account: '111111111111', region: 'eu-west-1' } })],
];

describe.each(variants)('a monitoring with Slack, Teams, a webhook and a service health alarm %s', (_name, build) => {
  test('has no unacknowledged cdk-nag AwsSolutions or Serverless finding', () => {
    expect(nagFindings(build().app).open).toEqual([]);
  });

  test('has no error or warning finding of our own checks', () => {
    const { app, stack } = build();
    // Every child of the paging composite recovers by itself (new dead letters page; waiting ones only warn).
    expect(openCheckMessages(app, stack)).toEqual([]);
  });

  test('has no cfn-lint error or warning', () => {
    expect(cfnLintErrorsAndWarnings(build().stack)).toEqual([]);
  });
});

test('the monitoring acknowledges exactly the inherent cdk-nag findings, each where it applies', () => {
  const ours = nagFindings(pagedService().app).acknowledged.filter((finding) =>
    finding.includes('Orders/WellArchitectedMonitoring/'),
  );
  expect(ours).toEqual([
    'AwsSolutions-IAM5[Resource::*] Orders/WellArchitectedMonitoring/ChatChannelRole/DefaultPolicy/Resource',
    'AwsSolutions-SQS3 Orders/WellArchitectedMonitoring/WebhookDeadLetterQueue/Resource',
    'Serverless-SNSRedrivePolicy Orders/WellArchitectedMonitoring/AlarmTopic/oncall@example.com/Resource',
    'Serverless-SQSRedrivePolicy Orders/WellArchitectedMonitoring/WebhookDeadLetterQueue/Resource',
  ]);
});

test('the cfn-lint check reports findings when there are some', () => {
  const stack = new Stack(new App(), 'Broken');
  new cloudwatch.CfnAlarm(stack, 'Alarm', {
    comparisonOperator: 'NotAnOperator',
    evaluationPeriods: 1,
    alarmDescription: 'x'.repeat(2000),
  });
  expect(cfnLintErrorsAndWarnings(stack).length).toBeGreaterThan(0);
});
