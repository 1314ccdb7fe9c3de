import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CheckReport, WellArchitectedChecks } from '../../src';
import { checkTemplates } from '../../src/cli/check';
import { loadTemplates } from '../../src/cli/load';

/**
 * The CLI builds the same app-wide view from a cdk.out as the aspect does during synth, and describes the app the
 * same way: the two reports of one app agree field by field.
 */

function handler(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
}

/** A service stack, a monitoring stack with a custom stack name, a nested stack each way, a queue consumed elsewhere. */
function multiStackApp(withPartners: boolean): App {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wa-cli-app-')) });
  const service = new Stack(app, 'Service');
  const fn = handler(service, 'Handler');
  const queue = new sqs.Queue(service, 'Orders');
  const nested = new NestedStack(service, 'Workers');
  const nestedFn = handler(nested, 'Worker');
  const monitoring = new Stack(app, 'Monitoring', { stackName: 'monitoring-prod' });
  new sns.Topic(monitoring, 'Placeholder');
  const consumers = new Stack(app, 'Consumers');
  const consumer = handler(consumers, 'Consumer');
  if (withPartners) {
    fn.metricErrors().createAlarm(monitoring, 'HandlerErrors', { threshold: 1, evaluationPeriods: 1 });
    nestedFn.metricErrors().createAlarm(service, 'WorkerErrors', { threshold: 1, evaluationPeriods: 1 });
    const alarms = new NestedStack(service, 'Alarms');
    queue.metricApproximateAgeOfOldestMessage().createAlarm(alarms, 'Age', { threshold: 60, evaluationPeriods: 1 });
    consumer.addEventSource(new SqsEventSource(queue));
    consumer.metricErrors().createAlarm(consumers, 'ConsumerErrors', { threshold: 1, evaluationPeriods: 1 });
  }
  return app;
}

const RULES = ['WA-LambdaErrorsAlarm', 'WA-SqsUnusedQueue', 'WA-SqsAgeOfOldestMessageAlarm'];

function aspectReport(app: App): { report: CheckReport; outdir: string } {
  const checks = WellArchitectedChecks.applyTo(app, { reportFormats: [] });
  const assembly = app.synth();
  return { report: checks.report!, outdir: assembly.directory };
}

function cliReport(outdir: string): CheckReport {
  return checkTemplates(loadTemplates(outdir), { pillars: [], minimumSeverity: 'info' as any, generatedBy: 'test' });
}

function comparable(report: CheckReport) {
  return {
    findings: report.findings.map((f) => ({ ...f })),
    stacks: report.stacks,
    resourcesChecked: report.resourcesChecked,
    staleAcknowledgments: report.staleAcknowledgments,
    ruleErrors: report.ruleErrors,
  };
}

describe('the CLI on a cdk.out of a multi-stack app', () => {
  test('partners in other stacks and nested stacks: no finding, as in the aspect', () => {
    const { report, outdir } = aspectReport(multiStackApp(true));
    const cli = cliReport(outdir);
    expect(cli.findings.filter((f) => RULES.includes(f.ruleId))).toEqual([]);
    expect(report.findings.filter((f) => RULES.includes(f.ruleId))).toEqual([]);
  });

  test('without the partners: the same findings through the CLI', () => {
    const { outdir } = aspectReport(multiStackApp(false));
    const found = cliReport(outdir)
      .findings.filter((f) => RULES.includes(f.ruleId))
      .map((f) => `${f.ruleId} ${f.stackName} ${f.constructPath}`)
      .sort();
    expect(found).toEqual(
      [
        'WA-LambdaErrorsAlarm Consumers Consumers/Consumer/Resource',
        'WA-LambdaErrorsAlarm Service Service/Handler/Resource',
        'WA-LambdaErrorsAlarm Service/Workers Service/Workers/Worker/Resource',
        'WA-SqsAgeOfOldestMessageAlarm Service Service/Orders/Resource',
        'WA-SqsUnusedQueue Service Service/Orders/Resource',
      ].sort(),
    );
  });

  test.each([true, false])(
    'the aspect and the CLI reports of one app agree field by field (partners: %s)',
    (partners) => {
      const { report, outdir } = aspectReport(multiStackApp(partners));
      expect(comparable(cliReport(outdir))).toEqual(comparable(report));
      expect(report.stacks).toContain('monitoring-prod');
      expect(report.stacks).toContain('Service/Workers');
    },
  );

  test('several template files given together are one view; a single template stays single', () => {
    const { outdir } = aspectReport(multiStackApp(true));
    const service = loadTemplates(path.join(outdir, 'Service.template.json'))[0];
    const monitoring = loadTemplates(path.join(outdir, 'Monitoring.template.json'))[0];
    const together = checkTemplates([service, monitoring], {
      pillars: [],
      minimumSeverity: 'info' as any,
      generatedBy: 'test',
    });
    const alone = checkTemplates([service], { pillars: [], minimumSeverity: 'info' as any, generatedBy: 'test' });
    const handlerErrors = (r: CheckReport) =>
      r.findings.filter((f) => f.ruleId === 'WA-LambdaErrorsAlarm' && f.logicalId.startsWith('Handler'));
    expect(handlerErrors(together)).toEqual([]);
    expect(handlerErrors(alone)).toHaveLength(1);
  });
});

test('a cdk.out stack with the SAM transform is checked: its plain resources, and the skipped ones are listed', () => {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wa-cli-sam-')) });
  const stack = new Stack(app, 'Secrets');
  const other = new Stack(app, 'Other');
  new sqs.Queue(other, 'Orphan');
  new sqs.Queue(stack, 'Alone');
  stack.addTransform('AWS::Serverless-2016-10-31');
  new CfnResource(stack, 'App', {
    type: 'AWS::Serverless::Application',
    properties: {
      Location: {
        ApplicationId: 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/x',
        SemanticVersion: '1.0.0',
      },
    },
  });
  const outdir = app.synth().directory;
  const report = cliReport(outdir);
  expect(report.stacks).toEqual(['Other', 'Secrets']);
  expect(
    report.findings
      .filter((f) => f.ruleId === 'WA-SqsUnusedQueue')
      .map((f) => f.constructPath)
      .sort(),
  ).toEqual(['Other/Orphan/Resource', 'Secrets/Alone/Resource']);
  expect(report.skippedResources).toEqual([
    expect.objectContaining({
      stackName: 'Secrets',
      constructPath: 'Secrets/App',
      resourceType: 'AWS::Serverless::Application',
    }),
  ]);
  expect(report.skippedResources![0].reason).toMatch(/AWS::Serverless-2016-10-31 transform expands it at deploy time/);
});
