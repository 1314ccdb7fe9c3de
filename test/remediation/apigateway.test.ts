import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { handler } from './fixtures';
import { WellArchitectedHttpApi, WellArchitectedRestApi } from '../../src/apigateway';
import { WellArchitectedDefaults, WellArchitectedDefaultsProps } from '../../src/remediation';

function newStack(): Stack {
  return new Stack(new App(), 'Legacy', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function remediate(stack: Stack, props?: WellArchitectedDefaultsProps) {
  const defaults = WellArchitectedDefaults.applyTo(stack.node.root, props);
  return { template: Template.fromStack(stack), defaults };
}

function restApi(stack: Stack, deployOptions?: apigateway.StageOptions): apigateway.RestApi {
  const api = new apigateway.RestApi(stack, 'Rest', { deployOptions });
  api.root.addMethod('GET', new apigateway.LambdaIntegration(handler(stack, 'Handler')));
  return api;
}

function httpApi(stack: Stack, props: Partial<apigwv2.HttpApiProps> = {}): apigwv2.HttpApi {
  return new apigwv2.HttpApi(stack, 'Http', {
    defaultIntegration: new integrations.HttpLambdaIntegration('Handler', handler(stack, 'Handler')),
    ...props,
  });
}

function stageProps(template: Template, type: string): any {
  const stages = Object.values(template.findResources(type));
  expect(stages).toHaveLength(1);
  return stages[0].Properties;
}

describe('a plain apigateway.RestApi stage', () => {
  test('gets JSON access logs, tracing, throttling, metrics and error logging; the API gets alarms', () => {
    const stack = newStack();
    restApi(stack);
    const { template } = remediate(stack);
    const stage = stageProps(template, 'AWS::ApiGateway::Stage');
    expect(stage.AccessLogSetting).toEqual({
      DestinationArn: { 'Fn::GetAtt': [expect.stringMatching(/^RestDeploymentStageprodAccessLogs/), 'Arn'] },
      Format: expect.stringMatching(/^\{"requestId":"\$context.requestId"/),
    });
    expect(stage.TracingEnabled).toBe(true);
    expect(stage.MethodSettings).toEqual([
      {
        HttpMethod: '*',
        ResourcePath: '/*',
        ThrottlingRateLimit: 1000,
        ThrottlingBurstLimit: 2000,
        MetricsEnabled: true,
        LoggingLevel: 'ERROR',
      },
    ]);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    // Dimensioned by ApiName and Stage, so two stages (or two copies of the app) never share an alarm.
    const restDimensions = [
      { Name: 'ApiName', Value: 'Rest' },
      { Name: 'Stage', Value: Match.anyValue() },
    ];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 5,
      Metrics: Match.arrayWith([
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions: restDimensions },
          }),
        }),
      ]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Threshold: 2000,
      Dimensions: restDimensions,
    });
  });

  test('keeps explicit values: tracing off, its own throttling, execution logging off', () => {
    const stack = newStack();
    restApi(stack, {
      tracingEnabled: false,
      throttlingRateLimit: 50,
      loggingLevel: apigateway.MethodLoggingLevel.OFF,
    });
    const { template } = remediate(stack);
    const stage = stageProps(template, 'AWS::ApiGateway::Stage');
    expect(stage.TracingEnabled).toBe(false);
    expect(stage.MethodSettings).toEqual([
      expect.objectContaining({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 2000, LoggingLevel: 'OFF' }),
    ]);
  });

  test('method settings of other paths are kept; the stage-wide entry is added', () => {
    const stack = newStack();
    restApi(stack, { methodOptions: { '/items/GET': { throttlingRateLimit: 5 } } });
    const { template } = remediate(stack);
    expect(stageProps(template, 'AWS::ApiGateway::Stage').MethodSettings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ResourcePath: '/~1items', HttpMethod: 'GET', ThrottlingRateLimit: 5 }),
        expect.objectContaining({ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 1000 }),
      ]),
    );
  });

  test('MethodSettings given by a parameter count as set', () => {
    const stack = newStack();
    const api = restApi(stack);
    const settings = new CfnParameter(stack, 'Settings', { type: 'String' });
    (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyOverride(
      'MethodSettings',
      settings.valueAsString,
    );
    const { template } = remediate(stack);
    expect(stageProps(template, 'AWS::ApiGateway::Stage').MethodSettings).toEqual({ Ref: 'Settings' });
  });

  test.each<[keyof WellArchitectedDefaultsProps, (stage: any, template: Template) => void]>([
    ['apiAccessLogs', (stage) => expect(stage.AccessLogSetting).toBeUndefined()],
    ['apiTracing', (stage) => expect(stage.TracingEnabled).toBeUndefined()],
    ['apiThrottling', (stage) => expect(stage.MethodSettings[0].ThrottlingRateLimit).toBeUndefined()],
    ['apiMetrics', (stage) => expect(stage.MethodSettings[0].MetricsEnabled).toBeUndefined()],
    ['apiExecutionLogging', (stage) => expect(stage.MethodSettings[0].LoggingLevel).toBeUndefined()],
    [
      'alarms',
      (_stage, t) => t.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { Namespace: 'AWS/ApiGateway' }, 0),
    ],
  ])('%s: false leaves that change out', (name, expectUnchanged) => {
    const stack = newStack();
    restApi(stack);
    const { template } = remediate(stack, { [name]: false });
    expectUnchanged(stageProps(template, 'AWS::ApiGateway::Stage'), template);
  });

  test('an L1-only stage gets the same defaults', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'legacy' });
    new apigateway.CfnStage(stack, 'Stage', { restApiId: api.ref, deploymentId: 'abc123', stageName: 'v1' });
    const { template } = remediate(stack);
    const stage = stageProps(template, 'AWS::ApiGateway::Stage');
    expect(stage).toEqual(
      expect.objectContaining({
        TracingEnabled: true,
        AccessLogSetting: expect.objectContaining({ DestinationArn: expect.any(Object) }),
        MethodSettings: [expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*', MetricsEnabled: true })],
      }),
    );
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      Dimensions: [
        { Name: 'ApiName', Value: 'legacy' },
        { Name: 'Stage', Value: 'v1' },
      ],
    });
  });

  test('throttling limits can be given', () => {
    const stack = newStack();
    restApi(stack);
    const { template } = remediate(stack, { throttlingRateLimit: 20, throttlingBurstLimit: 40 });
    expect(stageProps(template, 'AWS::ApiGateway::Stage').MethodSettings[0]).toEqual(
      expect.objectContaining({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 }),
    );
  });

  test('a WellArchitectedRestApi is left alone', () => {
    const stack = newStack();
    const api = new WellArchitectedRestApi(stack, 'Modern');
    api.root.addMethod('GET', new apigateway.MockIntegration());
    const { defaults } = remediate(stack);
    expect(defaults.changes).toEqual([]);
  });
});

describe('a plain apigwv2.HttpApi stage', () => {
  test('gets JSON access logs, throttling and detailed metrics; the API gets 5xx and latency alarms', () => {
    const stack = newStack();
    httpApi(stack);
    const { template } = remediate(stack);
    const stage = stageProps(template, 'AWS::ApiGatewayV2::Stage');
    expect(stage.AccessLogSettings).toEqual({
      DestinationArn: { 'Fn::GetAtt': [expect.stringMatching(/^HttpDefaultStageAccessLogs/), 'Arn'] },
      Format: expect.stringMatching(/"routeKey":"\$context.routeKey"/),
    });
    expect(stage.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 1000,
      ThrottlingBurstLimit: 2000,
      DetailedMetricsEnabled: true,
    });
    const apiId = { Name: 'ApiId', Value: { Ref: Match.stringLikeRegexp('^Http') } };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 5,
      Metrics: Match.arrayWith([
        Match.objectLike({
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5xx', Dimensions: [apiId] }) }),
        }),
      ]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Latency', Dimensions: [apiId] });
  });

  test('keeps an explicit throttle and fills the rest', () => {
    const stack = newStack();
    const api = httpApi(stack, { createDefaultStage: false });
    api.addStage('Live', { autoDeploy: true, throttle: { rateLimit: 10, burstLimit: 20 }, stageName: 'live' });
    const { template } = remediate(stack);
    expect(stageProps(template, 'AWS::ApiGatewayV2::Stage').DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 10,
      ThrottlingBurstLimit: 20,
      DetailedMetricsEnabled: true,
    });
  });

  test('a WebSocket API stage is left alone', () => {
    const stack = newStack();
    const api = new apigwv2.CfnApi(stack, 'Socket', {
      name: 'socket',
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: '$request.body.action',
    });
    new apigwv2.CfnStage(stack, 'Stage', { apiId: api.ref, stageName: 'live' });
    const { defaults } = remediate(stack);
    expect(defaults.changes).toEqual([]);
  });

  test('a WellArchitectedHttpApi is left alone', () => {
    const stack = newStack();
    new WellArchitectedHttpApi(stack, 'Modern', {
      defaultIntegration: new integrations.HttpLambdaIntegration(
        'Handler',
        lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:eu-west-1:123456789012:function:f'),
      ),
      defaultAuthorizer: new apigwv2.HttpNoneAuthorizer(),
    });
    const { defaults } = remediate(stack);
    expect(defaults.changes).toEqual([]);
  });
});

describe('the account CloudWatch role of REST API logging', () => {
  test('a stack that sets it gets no warning', () => {
    const stack = newStack();
    restApi(stack);
    remediate(stack);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('CloudWatch role'));
  });

  test('a RestApi without cloudWatchRole gets a warning that names the fix', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Rest', { cloudWatchRole: false });
    api.root.addMethod('GET', new apigateway.MockIntegration());
    remediate(stack);
    Annotations.fromStack(stack).hasWarning(
      '/Legacy/Rest/DeploymentStage.prod/Resource',
      Match.stringLikeRegexp("does not set the account's API Gateway CloudWatch role.*Set `cloudWatchRole: true`"),
    );
  });
});
