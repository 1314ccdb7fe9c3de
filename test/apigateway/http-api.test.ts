import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { backendFunction, dashboardText } from './fixtures';
import { WellArchitectedHttpApi, WellArchitectedHttpApiProps } from '../../src/apigateway';
import { AlarmSeverity, WellArchitectedMonitoring } from '../../src/monitoring';
import { alarmDescriptions } from '../monitoring/alarm-text';

function httpApi(props: WellArchitectedHttpApiProps = {}): {
  stack: Stack;
  api: WellArchitectedHttpApi;
  fn: lambda.Function;
} {
  const stack = new Stack(new App(), 'Stack');
  const fn = backendFunction(stack, 'Backend');
  const api = new WellArchitectedHttpApi(stack, 'Api', props);
  api.addRoutes({
    path: '/items',
    methods: [apigwv2.HttpMethod.GET],
    integration: new integrations.HttpLambdaIntegration('Items', fn),
  });
  return { stack, api, fn };
}

function corsWarnings(stack: Stack): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp('CORS preflight'))
    .map((w) => `${w.id}: ${w.entry.data}`);
}

function stageProperties(stack: Stack): any {
  const stages = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Stage');
  expect(Object.keys(stages)).toHaveLength(1);
  return Object.values(stages)[0].Properties;
}

describe('WellArchitectedHttpApi defaults', () => {
  test('the default stage: auto-deployed $default, detailed metrics, throttled at 1,000 rps / 2,000 burst', () => {
    const { stack, api } = httpApi();
    const stage = stageProperties(stack);
    expect(stage.StageName).toBe('$default');
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings).toEqual({
      DetailedMetricsEnabled: true,
      ThrottlingRateLimit: 1000,
      ThrottlingBurstLimit: 2000,
    });
    expect(api.defaultStage!.node.path).toBe('Stack/Api/DefaultStage');
    expect(api.url).toBeDefined();
  });

  test('the default stage keeps the logical id a plain HttpApi gives it, so switching does not replace it', () => {
    const { stack } = httpApi();
    const plainStack = new Stack(new App(), 'Stack');
    new apigwv2.HttpApi(plainStack, 'Api');
    const stageIds = (s: Stack) => Object.keys(Template.fromStack(s).findResources('AWS::ApiGatewayV2::Stage'));
    expect(stageIds(stack)).toEqual(stageIds(plainStack));
  });

  test('access logs go to a log group of the API, kept for one month', () => {
    const { stack, api } = httpApi();
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    expect(api.accessLogGroup!.node.path).toBe('Stack/Api/AccessLogs');
    expect(stageProperties(stack).AccessLogSettings.DestinationArn).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(api.accessLogGroup!.node.defaultChild as logs.CfnLogGroup), 'Arn'],
    });
  });

  test('access logs are JSON with the request id, status, latencies, route, errors and caller', () => {
    const { stack } = httpApi();
    expect(JSON.parse(stageProperties(stack).AccessLogSettings.Format)).toEqual({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      callerAccountId: '$context.identity.accountId',
      caller: '$context.identity.caller',
      user: '$context.identity.user',
      userArn: '$context.identity.userArn',
      principalId: '$context.authorizer.principalId',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      routeKey: '$context.routeKey',
      path: '$context.path',
      protocol: '$context.protocol',
      status: '$context.status',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integration.latency',
      integrationStatus: '$context.integration.status',
      integrationError: '$context.integration.error',
      errorMessage: '$context.error.message',
      authorizerError: '$context.authorizer.error',
    });
  });

  test('routes without an authorizer use IAM authorization', () => {
    const { stack, api } = httpApi();
    expect(api.defaultAuthorizer).toBeInstanceOf(authorizers.HttpIamAuthorizer);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /items',
      AuthorizationType: 'AWS_IAM',
    });
  });

  test('a 5XX rate alarm: above 5% of at least 10 requests in 3 of 3 minutes, notifying the alarm topic', () => {
    const { stack, api } = httpApi();
    const topicId = stack.getLogicalId(api.monitoring.alarmTopic.node.defaultChild as any);
    const dimensions = [{ Name: 'ApiId', Value: { Ref: stack.getLogicalId(api.node.defaultChild as any) } }];
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: [
        Match.objectLike({ Expression: 'IF(total >= 10, 100 * FILL(part, 0) / total, 0)', ReturnData: true }),
        {
          Id: 'part',
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: dimensions },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        {
          Id: 'total',
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: dimensions },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
      ],
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
      OKActions: [{ Ref: topicId }],
    });
  });

  test('a p99 latency alarm: above 2 s in 3 of 5 minutes, missing data is not breaching', () => {
    const { stack } = httpApi();
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Period: 60,
      Threshold: 2000,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
    });
  });

  test('alarms are exposed and registered with the stack monitoring; the dashboard gets a section', () => {
    const { stack, api } = httpApi();
    expect(api.monitoring).toBe(WellArchitectedMonitoring.of(stack));
    expect(api.alarms).toEqual([api.serverErrorsAlarm, api.latencyAlarm]);
    expect(api.monitoring.alarms).toEqual(expect.arrayContaining(api.alarms));
    const dashboards = Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard');
    const body = dashboardText(Object.values(dashboards)[0].Properties.DashboardBody);
    expect(body).toContain('HTTP API Stack/Api');
    for (const metric of ['"Count"', '"4xx"', '"5xx"', '"Latency"', '"IntegrationLatency"']) {
      expect(body).toContain(metric);
    }
  });
});

describe('WellArchitectedHttpApi overrides', () => {
  test('a route opts out of authorization only explicitly, with HttpNoneAuthorizer', () => {
    const { stack, api, fn } = httpApi();
    api.addRoutes({
      path: '/public',
      methods: [apigwv2.HttpMethod.GET],
      integration: new integrations.HttpLambdaIntegration('Public', fn),
      authorizer: new apigwv2.HttpNoneAuthorizer(),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /public', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /items',
      AuthorizationType: 'AWS_IAM',
    });
  });

  test('a route authorizer and a defaultAuthorizer replace IAM', () => {
    const stack = new Stack(new App(), 'Stack');
    const authFn = backendFunction(stack, 'AuthFn');
    const defaultAuthorizer = new authorizers.HttpLambdaAuthorizer('Auth', authFn);
    const api = new WellArchitectedHttpApi(stack, 'Api', { defaultAuthorizer });
    api.addRoutes({ path: '/items', integration: new integrations.HttpLambdaIntegration('Items', authFn) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /items',
      AuthorizationType: 'CUSTOM',
    });
  });

  test('CORS is configured on the API, where API Gateway answers preflight requests itself', () => {
    const { stack } = httpApi({ corsPreflight: { allowOrigins: ['https://example.com'] } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['https://example.com'] },
    });
    expect(corsWarnings(stack)).toEqual([]);
  });

  test('with CORS, an authorized ANY route warns: it would refuse preflight requests', () => {
    const { stack, api, fn } = httpApi({ corsPreflight: { allowOrigins: ['https://example.com'] } });
    api.addRoutes({ path: '/orders', integration: new integrations.HttpLambdaIntegration('Orders', fn) });
    expect(corsWarnings(stack)).toEqual([
      expect.stringContaining(
        "/Stack/Api/ANY--orders: Route 'ANY /orders' requires AWS_IAM authorization and also matches CORS preflight",
      ),
    ]);
    expect(corsWarnings(stack)[0]).toContain(
      "or add an 'OPTIONS /orders' route with authorizer: new HttpNoneAuthorizer()",
    );
  });

  test('with CORS, an ANY route next to an open OPTIONS route, or without authorization, does not warn', () => {
    const { stack, api, fn } = httpApi({ corsPreflight: { allowOrigins: ['https://example.com'] } });
    const integration = new integrations.HttpLambdaIntegration('Orders', fn);
    api.addRoutes({ path: '/orders', integration });
    api.addRoutes({
      path: '/orders',
      methods: [apigwv2.HttpMethod.OPTIONS],
      integration,
      authorizer: new apigwv2.HttpNoneAuthorizer(),
    });
    api.addRoutes({ path: '/open', integration, authorizer: new apigwv2.HttpNoneAuthorizer() });
    expect(corsWarnings(stack)).toEqual([]);
  });

  test('without CORS, ANY routes do not warn', () => {
    const { stack, api, fn } = httpApi();
    api.addRoutes({ path: '/orders', integration: new integrations.HttpLambdaIntegration('Orders', fn) });
    expect(corsWarnings(stack)).toEqual([]);
  });

  test('stage props override the defaults', () => {
    const { stack } = httpApi({
      defaultThrottle: { rateLimit: 20 },
      detailedMetricsEnabled: false,
      accessLogRetention: logs.RetentionDays.ONE_WEEK,
    });
    expect(stageProperties(stack).DefaultRouteSettings).toEqual({
      DetailedMetricsEnabled: false,
      ThrottlingRateLimit: 20,
      ThrottlingBurstLimit: 2000,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  test('given access-log settings replace the log group and format', () => {
    const stack = new Stack(new App(), 'Stack');
    const own = new logs.LogGroup(stack, 'Own');
    const api = new WellArchitectedHttpApi(stack, 'Api', {
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(own) },
    });
    Template.fromStack(stack).resourceCountIs('AWS::Logs::LogGroup', 1);
    expect(api.accessLogGroup).toBeUndefined();
    expect(stageProperties(stack).AccessLogSettings.DestinationArn).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(own.node.defaultChild as logs.CfnLogGroup), 'Arn'],
    });
  });

  test('createDefaultStage: false creates no stage and no log group, and still alarms', () => {
    const { stack, api } = httpApi({ createDefaultStage: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    expect(api.defaultStage).toBeUndefined();
    expect(api.url).toBeUndefined();
  });

  test('defaultDomainMapping maps the default stage, which waits for the domain', () => {
    const stack = new Stack(new App(), 'Stack');
    const domainName = new apigwv2.DomainName(stack, 'Domain', {
      domainName: 'api.example.com',
      certificate: acm.Certificate.fromCertificateArn(
        stack,
        'Cert',
        'arn:aws:acm:us-east-1:111111111111:certificate/abc',
      ),
    });
    const api = new WellArchitectedHttpApi(stack, 'Api', { defaultDomainMapping: { domainName } });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::ApiGatewayV2::ApiMapping', {
      Properties: Match.objectLike({ Stage: '$default' }),
      DependsOn: Match.arrayWith([stack.getLogicalId(api.defaultStage!.node.defaultChild as any)]),
    });
    template.hasResource('AWS::ApiGatewayV2::Stage', {
      DependsOn: Match.arrayWith([stack.getLogicalId(domainName.node.defaultChild as any)]),
    });
  });

  test('alarm thresholds are configurable', () => {
    const { stack } = httpApi({
      latencyAlarmThreshold: Duration.seconds(1),
      serverErrorRateAlarmThresholdPercent: 2,
      serverErrorRateAlarmMinimumRequests: 50,
      serverErrorRateAlarmPeriod: Duration.minutes(5),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Latency', Threshold: 1000 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 2,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(total >= 50, 100 * FILL(part, 0) / total, 0)' }),
        Match.objectLike({
          Id: 'part',
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5xx' }), Period: 300 }),
        }),
      ]),
    });
  });
});

describe('WellArchitectedHttpApi validation', () => {
  const construct = (props: WellArchitectedHttpApiProps) => () =>
    new WellArchitectedHttpApi(new Stack(new App(), 'Stack'), 'Api', props);

  test('throttling: a negative rate, a fractional burst', () => {
    expect(construct({ defaultThrottle: { rateLimit: -5 } })).toThrow(
      /defaultThrottle.rateLimit: -5 is not a request rate; give requests per second, 0 or more/,
    );
    expect(construct({ defaultThrottle: { burstLimit: 1.5 } })).toThrow(
      /defaultThrottle.burstLimit: 1.5 is not a burst size; give a whole number of requests, 0 or more/,
    );
  });

  test('alarm thresholds', () => {
    expect(construct({ latencyAlarmThreshold: Duration.millis(0) })).toThrow(
      /latencyAlarmThreshold: 0 millis is not a latency/,
    );
    expect(construct({ serverErrorRateAlarmThresholdPercent: -2 })).toThrow(
      /serverErrorRateAlarmThresholdPercent: -2 is not a percentage in \(0, 100\)/,
    );
    expect(construct({ serverErrorRateAlarmPeriod: Duration.seconds(90) })).toThrow(
      /serverErrorRateAlarmPeriod: 1 minute 30 seconds is not a whole number of minutes/,
    );
  });

  test('accessLogRetention with access-log settings of its own', () => {
    const stack = new Stack(new App(), 'Stack');
    const destination = new apigwv2.LogGroupLogDestination(new logs.LogGroup(stack, 'Own'));
    expect(
      () =>
        new WellArchitectedHttpApi(stack, 'Api', {
          accessLogRetention: logs.RetentionDays.ONE_WEEK,
          accessLogSettings: { destination },
        }),
    ).toThrow(/accessLogRetention: 7 days cannot apply to accessLogSettings/);
  });

  test('default-stage props without a default stage', () => {
    expect(construct({ createDefaultStage: false, defaultThrottle: { rateLimit: 1 } })).toThrow(
      /defaultThrottle: configures the default stage, but createDefaultStage is false; remove defaultThrottle or set it on the stage you add with addStage/,
    );
    expect(construct({ createDefaultStage: false, detailedMetricsEnabled: true })).toThrow(
      /detailedMetricsEnabled: configures/,
    );
  });
});

describe('WellArchitectedHttpApi alarm names, descriptions and severities', () => {
  test('named after the API and described with their thresholds', () => {
    const { stack } = httpApi();
    const descriptions = alarmDescriptions(stack);
    expect(descriptions['Stack-Api-ServerErrors']).toContain(
      'HTTP API Api answers more than 5% of its requests with 5XX errors: clients get failures. Resource: HTTP API Stack/Api. ' +
        'Fires when 5XX responses / requests (sum) > 5% with at least 10 requests a period in 3 consecutive 1-minute periods.',
    );
    expect(descriptions['Stack-Api-Latency']).toContain(
      'Fires when Latency p99 >= 2000 ms in 3 of the last 5 1-minute periods.',
    );
  });

  test('5XX pages, latency warns', () => {
    const { api } = httpApi();
    expect(api.monitoring.severityOf(api.serverErrorsAlarm)).toBe(AlarmSeverity.CRITICAL);
    expect(api.monitoring.severityOf(api.latencyAlarm)).toBe(AlarmSeverity.WARNING);
  });
});
