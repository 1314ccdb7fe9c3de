import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { AlarmSeverity, WellArchitectedChecks, WellArchitectedMonitoring, WellArchitectedQueue } from '../../src';

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

/** `severity rule constructPath` of each finding cdk-nag's AwsSolutions and Serverless packs left unacknowledged. */
function nagFindings(built: Built): { unacknowledged: string[]; acknowledged: string[] } {
  Validations.of(built.app).addPlugins(new AwsSolutionsChecks(built.app), new ServerlessChecks(built.app));
  let directory: string;
  try {
    directory = built.app.synth().directory;
  } catch {
    // Synthesis stops on error findings; the report is written before it does.
    directory = built.app.outdir;
  }
  const reportFile = path.join(directory, cxapi.VALIDATION_REPORT_FILE);
  const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : { pluginReports: [] };
  const list = (key: string): string[] =>
    report.pluginReports
      .flatMap((plugin: any) =>
        (plugin[key] ?? []).flatMap((violation: any) =>
          violation.violatingConstructs.map((c: any) => `${violation.ruleName} ${c.constructPath}`),
        ),
      )
      .sort();
  return { unacknowledged: list('violations'), acknowledged: list('suppressedViolations') };
}

/** cfn-lint's findings (errors and warnings) on the stack's template, as `level rule: message` lines. */
function cfnLintFindings(stack: Stack): string[] {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-alerts-'));
  const file = path.join(directory, 'template.json');
  fs.writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON()));
  let output: string;
  try {
    output = execFileSync('cfn-lint', ['--format', 'json', '--', file], { encoding: 'utf8' });
  } catch (error) {
    // cfn-lint exits non-zero on any finding and prints them; no output at all means it did not run: fail.
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) {
      throw error;
    }
    output = stdout;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
  const findings: { Level: string; Rule: { Id: string }; Message: string }[] = JSON.parse(output);
  return findings
    .filter((finding) => finding.Level === 'Error' || finding.Level === 'Warning')
    .map((f) => `${f.Level} ${f.Rule.Id}: ${f.Message}`);
}

describe.each(variants)('a monitoring with Slack, Teams, a webhook and a service health alarm %s', (_name, build) => {
  test('has no unacknowledged cdk-nag AwsSolutions or Serverless finding', () => {
    expect(nagFindings(build()).unacknowledged).toEqual([]);
  });

  test('has no error or warning finding of our own checks', () => {
    const { app, stack } = build();
    WellArchitectedChecks.applyTo(app, { reportFormats: [], failOnError: false });
    const annotations = Annotations.fromStack(stack);
    const messages = [
      ...annotations.findWarning('*', Match.anyValue()),
      ...annotations.findError('*', Match.anyValue()),
    ].map((message) => `${message.id}: ${message.entry.data}`);
    expect(messages).toEqual([]);
  });

  test('has no cfn-lint error or warning', () => {
    expect(cfnLintFindings(build().stack)).toEqual([]);
  });
});

test('the monitoring acknowledges exactly the inherent cdk-nag findings, each where it applies', () => {
  const ours = nagFindings(pagedService()).acknowledged.filter((finding) =>
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
  expect(cfnLintFindings(stack).length).toBeGreaterThan(0);
});
