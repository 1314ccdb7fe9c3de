import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { backendFunction } from './fixtures';
import { WellArchitectedChecks, WellArchitectedHttpApi, WellArchitectedRestApi } from '../../src';

interface Built {
  readonly app: App;
  readonly stack: Stack;
}

function restApiStack(): Built {
  const app = new App();
  const stack = new Stack(app, 'RestStack', { env: { account: '111111111111', region: 'us-east-1' } });
  const api = new WellArchitectedRestApi(stack, 'Api', {
    defaultCorsPreflightOptions: { allowOrigins: ['https://example.com'] },
  });
  api.root.addResource('items').addMethod('GET', new apigateway.LambdaIntegration(backendFunction(stack, 'Backend')));
  return { app, stack };
}

function httpApiStack(): Built {
  const app = new App();
  const stack = new Stack(app, 'HttpStack', { env: { account: '111111111111', region: 'us-east-1' } });
  const api = new WellArchitectedHttpApi(stack, 'Api');
  api.addRoutes({
    path: '/items',
    methods: [apigwv2.HttpMethod.GET],
    integration: new integrations.HttpLambdaIntegration('Items', backendFunction(stack, 'Backend')),
  });
  return { app, stack };
}

interface NagReport {
  /** `severity rule constructPath` of each unacknowledged finding. */
  readonly unacknowledged: string[];
  /** `rule constructPath` of each acknowledged finding. */
  readonly acknowledged: string[];
}

/** Synthesize with cdk-nag's AwsSolutions and Serverless packs as validation plugins and read the report. */
function nagReport(built: Built): NagReport {
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
  const list = (key: string, withSeverity: boolean): string[] =>
    report.pluginReports
      .flatMap((plugin: any) =>
        (plugin[key] ?? []).flatMap((violation: any) =>
          violation.violatingConstructs.map(
            (c: any) => `${withSeverity ? `${violation.severity} ` : ''}${violation.ruleName} ${c.constructPath}`,
          ),
        ),
      )
      .sort();
  return { unacknowledged: list('violations', true), acknowledged: list('suppressedViolations', false) };
}

function cfnLintErrors(stack: Stack): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-apigw-'));
  const file = path.join(dir, 'template.json');
  fs.writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON()));
  let output: string;
  try {
    output = execFileSync('cfn-lint', ['--format', 'parseable', '--', file], { encoding: 'utf8' });
  } catch (error: any) {
    // cfn-lint exits non-zero on any finding; its findings are on stdout.
    output = `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return output.split('\n').filter((line) => /:E\d+:/.test(line));
}

describe.each([
  ['WellArchitectedRestApi', restApiStack],
  ['WellArchitectedHttpApi', httpApiStack],
])('%s with defaults', (_name, build) => {
  test('has no unacknowledged cdk-nag AwsSolutions or Serverless finding, and synthesizes', () => {
    expect(nagReport(build()).unacknowledged).toEqual([]);
  });

  test('has no finding of our own checks', () => {
    const { app, stack } = build();
    WellArchitectedChecks.applyTo(app, { reportFormats: [], failOnError: false });
    const annotations = Annotations.fromStack(stack);
    const messages = [
      ...annotations.findWarning('*', Match.anyValue()),
      ...annotations.findError('*', Match.anyValue()),
    ]
      .filter((message) => message.id.startsWith(`/${stack.stackName}/Api`))
      .map((message) => `${message.id}: ${message.entry.data}`);
    expect(messages).toEqual([]);
  });

  test('has no cfn-lint error', () => {
    expect(cfnLintErrors(build().stack)).toEqual([]);
  });
});

test('the REST API acknowledges exactly its documented cdk-nag rules, each where it applies', () => {
  const ours = nagReport(restApiStack()).acknowledged.filter((finding) => !finding.includes('RestStack/Backend'));
  expect(ours).toEqual([
    'AwsSolutions-APIG2 RestStack/Api/Resource',
    'AwsSolutions-APIG3 RestStack/Api/DeploymentStage.prod/Resource',
    'AwsSolutions-COG4 RestStack/Api/Default/items/GET/Resource',
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs] RestStack/Api/CloudWatchRole/Resource',
  ]);
});

test('the HTTP API needs no acknowledgment', () => {
  const ours = nagReport(httpApiStack()).acknowledged.filter((finding) => !finding.includes('HttpStack/Backend'));
  expect(ours).toEqual([]);
});

test('an explicit opt-out to NONE is reported by cdk-nag and stops synthesis (only our own defaults are acknowledged)', () => {
  const built = restApiStack();
  const api = built.stack.node.findChild('Api') as WellArchitectedRestApi;
  api.root.addResource('public').addMethod('GET', undefined, { authorizationType: apigateway.AuthorizationType.NONE });
  expect(nagReport(built).unacknowledged).toEqual([
    'error AwsSolutions-APIG4 RestStack/Api/Default/public/GET/Resource',
  ]);
  expect(() => built.app.synth({ force: true })).toThrow(/AwsSolutions::AwsSolutions-APIG4/);
});
