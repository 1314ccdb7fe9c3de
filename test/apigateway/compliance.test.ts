import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { backendFunction } from './fixtures';
import { WellArchitectedHttpApi, WellArchitectedRestApi } from '../../src';
import { cfnLintErrors, nagFindings, openCheckMessages } from '../support/compliance';

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

/** Synthesize with cdk-nag's AwsSolutions and Serverless packs as validation plugins and read the report. */
function nagReport(built: Built): { unacknowledged: string[]; acknowledged: string[] } {
  const findings = nagFindings(built.app, { severity: true });
  return { unacknowledged: findings.open, acknowledged: findings.acknowledged };
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
    expect(
      openCheckMessages(app, stack, (constructPath) => constructPath.startsWith(`/${stack.stackName}/Api`)),
    ).toEqual([]);
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
