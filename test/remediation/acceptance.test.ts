import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { plainStack } from './fixtures';
import { cfnLintErrors, checkFindings, nagFindings } from './helpers';
import { WellArchitectedChecks } from '../../src/checks';
import { WellArchitectedDefaults } from '../../src/remediation';

/**
 * What stays open on purpose after the defaults, because no default can decide it for the user:
 * - authorization of the API methods and routes (an authorizer is the app's design);
 * - ReportBatchItemFailures on the SQS mapping, which changes the handler's contract: opt-in per handler with
 *   `WellArchitectedDefaults.markReportsBatchItemFailures(fn)`.
 * - a subscription on the alarm and paging topics (an address only the user knows): alarms that reach nobody are
 *   not monitoring.
 * Info-level advice also stays: arm64 (opt-in, it changes binaries), KMS keys for log groups, WAF for the REST
 * stage.
 */
const DELIBERATELY_OPEN_WARNINGS = [
  'warning WA-AlarmTopicSubscribed Legacy/WellArchitectedMonitoring/AlarmTopic/Resource',
  'warning WA-AlarmTopicSubscribed Legacy/WellArchitectedMonitoring/PagingTopic/Resource',
  'warning WA-ApiGwHttpRouteAuthorization Legacy/Http/DefaultRoute/Resource',
  'warning WA-ApiGwRestMethodAuthorization Legacy/Rest/Default/GET/Resource',
  'warning WA-LambdaSqsReportBatchItemFailures Legacy/Worker/SqsEventSource:LegacyJobsF5960625/Resource',
];

describe('a stack of plain L2 resources', () => {
  test('before the defaults, cdk-nag Serverless and our checks report many findings', () => {
    const nag = nagFindings(plainStack().app);
    expect(nag.length).toBeGreaterThanOrEqual(10);
    expect(nag).toEqual(
      expect.arrayContaining([
        'Serverless-LambdaTracing Legacy/Worker/Resource',

        'Serverless-SQSRedrivePolicy Legacy/Jobs/Resource',
        'Serverless-APIGWAccessLogging Legacy/Rest/DeploymentStage.prod/Resource',
        'Serverless-APIGWXrayEnabled Legacy/Rest/DeploymentStage.prod/Resource',
        'Serverless-APIGWDefaultThrottling Legacy/Http/DefaultStage/Resource',
      ]),
    );
    const ours = checkFindings(plainStack().app)();
    expect(ours.filter((f) => f.startsWith('warning')).length).toBeGreaterThanOrEqual(15);
  });

  test('after the defaults, cdk-nag Serverless reports nothing', () => {
    const { app } = plainStack();
    WellArchitectedDefaults.applyTo(app);
    expect(nagFindings(app)).toEqual([]);
  });

  test('after the defaults, our checks report no error and only the deliberately open warnings', () => {
    const { app } = plainStack();
    WellArchitectedDefaults.applyTo(app);
    const findings = checkFindings(app)();
    expect(findings.filter((f) => f.startsWith('error'))).toEqual([]);
    expect(findings.filter((f) => f.startsWith('warning'))).toEqual(DELIBERATELY_OPEN_WARNINGS);
  });

  test('a handler marked as reporting batch item failures closes the last SQS warning', () => {
    const { app, worker } = plainStack();
    WellArchitectedDefaults.markReportsBatchItemFailures(worker);
    WellArchitectedDefaults.applyTo(app);
    const warnings = checkFindings(app)().filter((f) => f.startsWith('warning'));
    expect(warnings).toEqual(DELIBERATELY_OPEN_WARNINGS.filter((f) => !f.includes('ReportBatchItemFailures')));
  });

  test('the checks see the result whichever is applied first', () => {
    const { app } = plainStack();
    const findings = checkFindings(app, false);
    WellArchitectedDefaults.applyTo(app);
    app.synth();
    expect(findings().filter((f) => f.startsWith('warning'))).toEqual(DELIBERATELY_OPEN_WARNINGS);
  });

  test('cfn-lint finds no error in the remediated template', () => {
    const { app, stack } = plainStack();
    WellArchitectedDefaults.applyTo(app);
    app.synth();
    expect(cfnLintErrors(stack)).toEqual([]);
  });

  test('lists every change, with the resource it was made on', () => {
    const { app } = plainStack();
    const defaults = WellArchitectedDefaults.applyTo(app);
    app.synth();
    const changed = new Set(defaults.changes.map((c) => `${c.resourceType} ${c.constructPath}`));
    expect([...changed].sort()).toEqual([
      'AWS::ApiGateway::RestApi Legacy/Rest/Resource',
      'AWS::ApiGateway::Stage Legacy/Rest/DeploymentStage.prod/Resource',
      'AWS::ApiGatewayV2::Api Legacy/Http/Resource',
      'AWS::ApiGatewayV2::Stage Legacy/Http/DefaultStage/Resource',
      'AWS::Lambda::EventSourceMapping Legacy/Worker/SqsEventSource:LegacyJobsF5960625/Resource',
      'AWS::Lambda::Function Legacy/Api/Resource',
      'AWS::Lambda::Function Legacy/Worker/Resource',
      'AWS::SQS::Queue Legacy/Jobs/Resource',
    ]);
    expect(defaults.changes).toContainEqual({
      constructPath: 'Legacy/Worker/Resource',
      logicalId: expect.stringMatching(/^Worker/),
      resourceType: 'AWS::Lambda::Function',
      description: 'set TracingConfig.Mode=Active and allowed the execution role to write X-Ray segments',
    });
  });
});

describe('idempotence', () => {
  test('applying the defaults twice gives the same template as once, and the second changes nothing', () => {
    const once = plainStack();
    WellArchitectedDefaults.applyTo(once.app);
    const expected = Template.fromStack(once.stack).toJSON();

    const twice = plainStack();
    const first = WellArchitectedDefaults.applyTo(twice.app);
    const second = WellArchitectedDefaults.applyTo(twice.app);
    expect(Template.fromStack(twice.stack).toJSON()).toEqual(expected);
    expect(first.changes.length).toBeGreaterThan(0);
    expect(second.changes).toEqual([]);
  });

  test('synthesizing twice gives the same template and records the changes once', () => {
    const app = new App();
    const { stack } = plainStack(app);
    const defaults = WellArchitectedDefaults.applyTo(app);
    const first = app.synth().getStackByName(stack.stackName).template;
    const count = defaults.changes.length;
    const second = app.synth({ force: true }).getStackByName(stack.stackName).template;
    expect(second).toEqual(first);
    expect(defaults.changes.length).toBe(count);
  });

  test('with the checks applied too, a second synth gives the same findings', () => {
    const { app } = plainStack();
    WellArchitectedDefaults.applyTo(app);
    const checks = WellArchitectedChecks.applyTo(app, { reportFormats: [], failOnError: false });
    app.synth();
    const first = checks.report!.findings.map((f) => `${f.ruleId} ${f.constructPath}`);
    app.synth({ force: true });
    expect(checks.report!.findings.map((f) => `${f.ruleId} ${f.constructPath}`)).toEqual(first);
  });
});

describe('the reports list what the defaults changed', () => {
  test('in the check report, the JSON and the Markdown', () => {
    const { app } = plainStack();
    WellArchitectedDefaults.applyTo(app);
    const checks = WellArchitectedChecks.applyTo(app);
    const directory = app.synth().directory;

    const remediations = checks.report!.remediations ?? [];
    expect(remediations.length).toBeGreaterThan(5);
    expect(remediations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          constructPath: 'Legacy/Worker/Resource',
          resourceType: 'AWS::Lambda::Function',
          description: expect.stringMatching(/TracingConfig/),
        }),
      ]),
    );
    const json = JSON.parse(fs.readFileSync(path.join(directory, 'well-architected-report.json'), 'utf-8'));
    expect(json.remediations).toHaveLength(remediations.length);
    const markdown = fs.readFileSync(path.join(directory, 'well-architected-report.md'), 'utf-8');
    expect(markdown).toContain(`Changed by WellArchitectedDefaults (${remediations.length})`);
  });

  test('without the defaults, there are none', () => {
    const { app } = plainStack();
    const checks = WellArchitectedChecks.applyTo(app, { reportFormats: [] });
    app.synth();
    expect(checks.report!.remediations).toEqual([]);
  });
});
