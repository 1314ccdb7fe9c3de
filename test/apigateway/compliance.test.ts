import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import { backendFunction } from './fixtures';
import { WellArchitectedHttpApi, WellArchitectedRestApi } from '../../src/apigateway';

function restApiStack(): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'RestStack', { env: { account: '111111111111', region: 'us-east-1' } });
  const api = new WellArchitectedRestApi(stack, 'Api', {
    defaultCorsPreflightOptions: { allowOrigins: ['https://example.com'] },
  });
  api.root.addResource('items').addMethod('GET', new apigateway.LambdaIntegration(backendFunction(stack, 'Backend')));
  return { app, stack };
}

function httpApiStack(): { app: App; stack: Stack } {
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

function nagFindings(app: App): string[] {
  const packs: NagPack[] = [new AwsSolutionsChecks(), new ServerlessChecks()];
  return packs.flatMap((pack) =>
    pack
      .validateScope(app)
      .violations.flatMap((v) => v.violatingResources.map((r) => `${v.severity} ${v.ruleName} ${r.constructPath}`)),
  );
}

function cfnLint(stack: Stack): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-apigw-'));
  const file = path.join(dir, 'template.json');
  fs.writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON()));
  try {
    // Errors only: informational and warning findings do not fail the check.
    return execFileSync('cfn-lint', ['--format', 'parseable', '--include-checks', 'E', '--', file], {
      encoding: 'utf8',
    });
  } catch (error: any) {
    return `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each([
  ['WellArchitectedRestApi', restApiStack],
  ['WellArchitectedHttpApi', httpApiStack],
])('%s with defaults', (_name, build) => {
  test('has no unacknowledged cdk-nag AwsSolutions or Serverless finding', () => {
    const { app } = build();
    expect(nagFindings(app)).toEqual([]);
  });

  test('synthesizes with cdk-nag registered as validation plugins', () => {
    const { app } = build();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  test('has no cfn-lint error', () => {
    const { stack } = build();
    expect(
      cfnLint(stack)
        .split('\n')
        .filter((line) => /:E\d+:/.test(line)),
    ).toEqual([]);
  });
});

test('an explicit opt-out to NONE is reported by cdk-nag (the construct acknowledges only its own defaults)', () => {
  const { app, stack } = restApiStack();
  const api = stack.node.findChild('Api') as WellArchitectedRestApi;
  api.root.addResource('public').addMethod('GET', undefined, { authorizationType: apigateway.AuthorizationType.NONE });
  expect(nagFindings(app)).toEqual(['error AwsSolutions-APIG4 RestStack/Api/Default/public/GET/Resource']);
});

test('the validation plugins do stop synthesis on an unacknowledged finding', () => {
  const { app, stack } = restApiStack();
  const api = stack.node.findChild('Api') as WellArchitectedRestApi;
  api.root.addResource('public').addMethod('GET', undefined, { authorizationType: apigateway.AuthorizationType.NONE });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  expect(() => app.synth()).toThrow(/AwsSolutions::AwsSolutions-APIG4/);
});
