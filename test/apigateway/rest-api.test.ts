import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { backendFunction, dashboardText } from './fixtures';
import { WellArchitectedRestApi, WellArchitectedRestApiProps } from '../../src/apigateway';
import { AlarmSeverity, WellArchitectedMonitoring } from '../../src/monitoring';
import { alarmDescriptions } from '../monitoring/alarm-text';

function restApi(props: WellArchitectedRestApiProps = {}): {
  stack: Stack;
  api: WellArchitectedRestApi;
  fn: lambda.Function;
} {
  const stack = new Stack(new App(), 'Stack');
  const fn = backendFunction(stack, 'Backend');
  const api = new WellArchitectedRestApi(stack, 'Api', props);
  api.root.addResource('items').addMethod('GET', new apigateway.LambdaIntegration(fn));
  return { stack, api, fn };
}

function stageProperties(stack: Stack): any {
  const stages = Template.fromStack(stack).findResources('AWS::ApiGateway::Stage');
  expect(Object.keys(stages)).toHaveLength(1);
  return Object.values(stages)[0].Properties;
}

describe('WellArchitectedRestApi defaults', () => {
  test('the API has a regional endpoint', () => {
    const { stack } = restApi();
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  test('the stage traces with X-Ray', () => {
    const { stack } = restApi();
    expect(stageProperties(stack).TracingEnabled).toBe(true);
  });

  test('every method: detailed metrics, ERROR execution logging without data trace, throttled at 1,000 rps / 2,000 burst', () => {
    const { stack } = restApi();
    expect(stageProperties(stack).MethodSettings).toEqual([
      {
        HttpMethod: '*',
        ResourcePath: '/*',
        MetricsEnabled: true,
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        ThrottlingRateLimit: 1000,
        ThrottlingBurstLimit: 2000,
      },
    ]);
    expect(WellArchitectedRestApi.DEFAULT_THROTTLING_RATE_LIMIT).toBe(1000);
    expect(WellArchitectedRestApi.DEFAULT_THROTTLING_BURST_LIMIT).toBe(2000);
  });

  test('access logs go to a log group of the API, kept for one month', () => {
    const { stack, api } = restApi();
    const template = Template.fromStack(stack);
    const logGroupId = stack.getLogicalId(api.accessLogGroup!.node.defaultChild as logs.CfnLogGroup);
    expect(api.accessLogGroup!.node.path).toBe('Stack/Api/AccessLogs');
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    expect(stageProperties(stack).AccessLogSetting.DestinationArn).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
  });

  test('the execution-log group API Gateway writes to is created first, kept for one month', () => {
    const { stack, api } = restApi();
    const group = api.executionLogGroup!.node.defaultChild as logs.CfnLogGroup;
    const template = Template.fromStack(stack).toJSON();
    const apiId = stack.getLogicalId(api.node.defaultChild as apigateway.CfnRestApi);
    expect(template.Resources[stack.getLogicalId(group)].Properties).toEqual({
      LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: apiId }, '/prod']] },
      RetentionInDays: 30,
    });
    // The stage, which starts logging, waits for the group.
    const stageId = stack.getLogicalId(api.deploymentStage.node.defaultChild as apigateway.CfnStage);
    expect(template.Resources[stageId].DependsOn).toContain(stack.getLogicalId(group));
  });

  test('executionLogRetention, and the stage name, shape the execution-log group', () => {
    const { stack, api } = restApi({
      executionLogRetention: logs.RetentionDays.ONE_WEEK,
      deployOptions: { stageName: 'live' },
    });
    const group =
      Template.fromStack(stack).toJSON().Resources[
        stack.getLogicalId(api.executionLogGroup!.node.defaultChild as logs.CfnLogGroup)
      ].Properties;
    expect(group.RetentionInDays).toBe(7);
    expect(group.LogGroupName['Fn::Join'][1][2]).toBe('/live');
  });

  test('no execution-log group when the stage does not log', () => {
    const { stack, api } = restApi({ deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.OFF } });
    expect(api.executionLogGroup).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::Logs::LogGroup', 1);
  });

  test('access logs are JSON with the request id, status, latencies, X-Ray trace id, errors and caller', () => {
    const { stack } = restApi();
    const format = JSON.parse(stageProperties(stack).AccessLogSetting.Format);
    expect(format).toEqual({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      callerAccountId: '$context.identity.accountId',
      caller: '$context.identity.caller',
      user: '$context.identity.user',
      userArn: '$context.identity.userArn',
      principalId: '$context.authorizer.principalId',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      path: '$context.path',
      resourcePath: '$context.resourcePath',
      protocol: '$context.protocol',
      status: '$context.status',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integration.latency',
      integrationStatus: '$context.integration.status',
      integrationError: '$context.integration.error',
      errorMessage: '$context.error.message',
      errorResponseType: '$context.error.responseType',
      authorizerError: '$context.authorizer.error',
      xrayTraceId: '$context.xrayTraceId',
    });
  });

  test('the account CloudWatch role is created and retained, and the stage waits for it', () => {
    const { stack } = restApi();
    const template = Template.fromStack(stack);
    template.hasResource('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: Match.objectLike({
          Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })],
        }),
        ManagedPolicyArns: [
          {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'],
            ],
          },
        ],
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    const accounts = template.findResources('AWS::ApiGateway::Account');
    expect(Object.keys(accounts)).toHaveLength(1);
    const [accountId, account] = Object.entries(accounts)[0];
    expect(account.DeletionPolicy).toBe('Retain');
    template.hasResource('AWS::ApiGateway::Stage', { DependsOn: Match.arrayWith([accountId]) });
  });

  test('the CloudWatch role is created even when the app turns the L2 default off', () => {
    const app = new App({ context: { '@aws-cdk/aws-apigateway:disableCloudWatchRole': true } });
    const stack = new Stack(app, 'Stack');
    const api = new WellArchitectedRestApi(stack, 'Api');
    api.root.addMethod('GET');
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  test('methods without an authorizer use IAM authorization', () => {
    const { stack } = restApi();
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'AWS_IAM',
    });
  });

  test('CORS preflight OPTIONS methods stay open (no authorization), as browsers send them without credentials', () => {
    const { stack } = restApi({ defaultCorsPreflightOptions: { allowOrigins: ['https://example.com'] } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'AWS_IAM' });
  });

  test('a 5XX rate alarm: above 5% of at least 10 requests in 3 of 3 minutes, by API name and stage, notifying the alarm topic', () => {
    const { stack, api } = restApi();
    const topicId = stack.getLogicalId(api.monitoring.alarmTopic.node.defaultChild as any);
    const dimensions = [
      { Name: 'ApiName', Value: 'Api' },
      { Name: 'Stage', Value: { Ref: stack.getLogicalId(api.deploymentStage.node.defaultChild as any) } },
    ];
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Stack-Api-ServerErrors',
      Metrics: [
        Match.objectLike({ Expression: 'IF(total >= 10, 100 * FILL(part, 0) / total, 0)', ReturnData: true }),
        {
          Id: 'part',
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions: dimensions },
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

  test('a p99 latency alarm: at or above 2 s in 3 of 5 minutes, by API name and stage', () => {
    const { stack, api } = restApi();
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: [
        { Name: 'ApiName', Value: 'Api' },
        { Name: 'Stage', Value: { Ref: stack.getLogicalId(api.deploymentStage.node.defaultChild as any) } },
      ],
      ExtendedStatistic: 'p99',
      Period: 60,
      Threshold: 2000,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
    });
  });

  test('without a deployment stage (deploy: false) the alarms are by API name', () => {
    const stack = new Stack(new App(), 'Stack');
    const api = new WellArchitectedRestApi(stack, 'Api', { deploy: false });
    api.root.addMethod('GET');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      Dimensions: [{ Name: 'ApiName', Value: 'Api' }],
    });
  });

  test('two copies of an app: alarm names include the stack, dimensions include the stage', () => {
    const names = ['Blue', 'Green'].map((stackName) => {
      const stack = new Stack(new App(), stackName);
      new WellArchitectedMonitoring(stack, 'Monitoring', { serviceName: 'orders' });
      const api = new WellArchitectedRestApi(stack, 'Api', { deployOptions: { stageName: stackName.toLowerCase() } });
      api.root.addMethod('GET');
      const template = Template.fromStack(stack);
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
      const composites = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm'));
      return [
        ...alarms.map((alarm: any) => alarm.Properties.AlarmName as string),
        ...composites.map((alarm: any) => alarm.Properties.AlarmName as string),
      ];
    });
    expect(names[0].filter((name) => names[1].includes(name))).toEqual([]);
    expect(names[0]).toContain('orders-Blue-Api-ServerErrors');
    expect(names[1]).toContain('orders-Green-Monitoring-ServiceHealth');
  });

  test('alarms are exposed and registered with the stack monitoring', () => {
    const { stack, api } = restApi();
    expect(api.monitoring).toBe(WellArchitectedMonitoring.of(stack));
    expect(api.alarms).toEqual([api.serverErrorsAlarm, api.latencyAlarm]);
    expect(api.monitoring.alarms).toEqual(expect.arrayContaining(api.alarms));
  });

  test('the dashboard gets a section with count, 4XX, 5XX, latency p99 and integration latency p99', () => {
    const { stack } = restApi();
    const dashboards = Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard');
    const body = dashboardText(Object.values(dashboards)[0].Properties.DashboardBody);
    expect(body).toContain('REST API Stack/Api');
    for (const metric of ['"Count"', '"4XXError"', '"5XXError"', '"Latency"', '"IntegrationLatency"']) {
      expect(body).toContain(metric);
    }
    expect(body).toContain('p99');
  });
});

describe('WellArchitectedRestApi overrides', () => {
  test('deployOptions override each stage default, including turning tracing off', () => {
    const { stack } = restApi({
      deployOptions: {
        tracingEnabled: false,
        metricsEnabled: false,
        loggingLevel: apigateway.MethodLoggingLevel.INFO,
        throttlingRateLimit: 50,
        throttlingBurstLimit: 25,
      },
    });
    const stage = stageProperties(stack);
    expect(stage.TracingEnabled).toBe(false);
    expect(stage.MethodSettings[0]).toMatchObject({
      MetricsEnabled: false,
      LoggingLevel: 'INFO',
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 25,
    });
  });

  test('deployOptions given as undefined keep the defaults', () => {
    const { stack } = restApi({ deployOptions: { tracingEnabled: undefined, stageName: 'live' } });
    const stage = stageProperties(stack);
    expect(stage.TracingEnabled).toBe(true);
    expect(stage.StageName).toBe('live');
  });

  test('a given access-log destination is used with the JSON format and no log group is created', () => {
    const stack = new Stack(new App(), 'Stack');
    const own = new logs.LogGroup(stack, 'Own', { retention: logs.RetentionDays.ONE_YEAR });
    const api = new WellArchitectedRestApi(stack, 'Api', {
      deployOptions: { accessLogDestination: new apigateway.LogGroupLogDestination(own) },
    });
    api.root.addMethod('GET');
    const template = Template.fromStack(stack);
    // Yours, and the execution-log group.
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    expect(api.accessLogGroup).toBeUndefined();
    const stage = stageProperties(stack);
    expect(stage.AccessLogSetting.DestinationArn).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(own.node.defaultChild as logs.CfnLogGroup), 'Arn'],
    });
    expect(JSON.parse(stage.AccessLogSetting.Format).xrayTraceId).toBe('$context.xrayTraceId');
  });

  test('a given access-log format replaces the JSON one', () => {
    const { stack } = restApi({ deployOptions: { accessLogFormat: apigateway.AccessLogFormat.clf() } });
    expect(stageProperties(stack).AccessLogSetting.Format).toBe(apigateway.AccessLogFormat.clf().toString());
  });

  test('accessLogRetention sets the retention of the log group', () => {
    const { stack } = restApi({ accessLogRetention: logs.RetentionDays.THREE_MONTHS });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  test('endpointTypes and endpointConfiguration replace the regional default', () => {
    const edge = restApi({ endpointTypes: [apigateway.EndpointType.EDGE] });
    Template.fromStack(edge.stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['EDGE'] },
    });
    const priv = restApi({ endpointConfiguration: { types: [apigateway.EndpointType.PRIVATE] } });
    Template.fromStack(priv.stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['PRIVATE'] },
    });
  });

  test('cloudWatchRole: false leaves the account setting alone; cloudWatchRoleRemovalPolicy applies', () => {
    const off = restApi({ cloudWatchRole: false });
    Template.fromStack(off.stack).resourceCountIs('AWS::ApiGateway::Account', 0);
    const destroy = restApi({ cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(destroy.stack).hasResource('AWS::ApiGateway::Account', { DeletionPolicy: 'Delete' });
  });

  test('a method opts out of authorization only explicitly, with AuthorizationType.NONE', () => {
    const { stack, api, fn } = restApi();
    api.root.addResource('public').addMethod('GET', new apigateway.LambdaIntegration(fn), {
      authorizationType: apigateway.AuthorizationType.NONE,
    });
    const methods = Template.fromStack(stack).findResources('AWS::ApiGateway::Method', {
      Properties: { HttpMethod: 'GET' },
    });
    expect(
      Object.values(methods)
        .map((m) => m.Properties.AuthorizationType)
        .sort(),
    ).toEqual(['AWS_IAM', 'NONE']);
  });

  test('defaultMethodOptions with an authorizer replace IAM', () => {
    const stack = new Stack(new App(), 'Stack');
    const authFn = backendFunction(stack, 'AuthFn');
    const authorizer = new apigateway.TokenAuthorizer(stack, 'Authorizer', { handler: authFn });
    const api = new WellArchitectedRestApi(stack, 'Api', { defaultMethodOptions: { authorizer } });
    api.root.addMethod('GET');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'CUSTOM',
    });
  });

  test('defaultMethodOptions without an authorization choice keep IAM', () => {
    const { stack } = restApi({ defaultMethodOptions: { apiKeyRequired: true } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'AWS_IAM',
      ApiKeyRequired: true,
    });
  });

  test('a method with its own authorizer states its authorization type (as with any RestApi that has a default type)', () => {
    const { stack, api } = restApi();
    const authFn = backendFunction(stack, 'AuthFn');
    const authorizer = new apigateway.TokenAuthorizer(stack, 'Authorizer', { handler: authFn });
    expect(() => api.root.addMethod('POST', undefined, { authorizer })).toThrow(
      /Authorization type is set to AWS_IAM which is different from what is required by the authorizer \[CUSTOM\]/,
    );
    api.root.addMethod('PUT', undefined, { authorizer, authorizationType: apigateway.AuthorizationType.CUSTOM });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'PUT',
      AuthorizationType: 'CUSTOM',
    });
  });

  test('alarm thresholds are configurable', () => {
    const { stack } = restApi({
      latencyAlarmThreshold: Duration.millis(1500),
      serverErrorRateAlarmThresholdPercent: 10,
      serverErrorRateAlarmMinimumRequests: 3,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Latency', Threshold: 1500 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 10,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(total >= 3, 100 * FILL(part, 0) / total, 0)' }),
        Match.objectLike({
          Id: 'part',
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5XXError' }) }),
        }),
      ]),
    });
  });

  test('a given monitoring receives the alarms', () => {
    const stack = new Stack(new App(), 'Stack');
    const monitoring = new WellArchitectedMonitoring(stack, 'Team', { dashboard: false });
    const api = new WellArchitectedRestApi(stack, 'Api', { monitoring });
    api.root.addMethod('GET');
    expect(api.monitoring).toBe(monitoring);
    expect(monitoring.alarms).toEqual(api.alarms);
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });

  test('deploy: false creates no stage and no access-log group, and still alarms', () => {
    const { stack, api } = restApi({ deploy: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Stage', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    expect(api.accessLogGroup).toBeUndefined();
  });
});

describe('WellArchitectedRestApi validation', () => {
  const construct = (props: WellArchitectedRestApiProps) => () =>
    new WellArchitectedRestApi(new Stack(new App(), 'Stack'), 'Api', props);

  test('executionLogRetention without execution logs', () => {
    expect(construct({ deploy: false, executionLogRetention: logs.RetentionDays.ONE_WEEK })).toThrow(
      /executionLogRetention: 7 days has no stage to apply to when deploy is false; remove executionLogRetention or deploy/,
    );
    expect(
      construct({
        executionLogRetention: logs.RetentionDays.ONE_WEEK,
        deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.OFF },
      }),
    ).toThrow(/executionLogRetention: 7 days has no execution logs to apply to when deployOptions.loggingLevel is OFF/);
  });

  test('a negative rate limit', () => {
    expect(construct({ deployOptions: { throttlingRateLimit: -1 } })).toThrow(
      /deployOptions.throttlingRateLimit: -1 is not a request rate; give requests per second, 0 or more/,
    );
  });

  test('a fractional or negative burst limit', () => {
    expect(construct({ deployOptions: { throttlingBurstLimit: 2.5 } })).toThrow(
      /deployOptions.throttlingBurstLimit: 2.5 is not a burst size; give a whole number of requests, 0 or more/,
    );
    expect(construct({ deployOptions: { throttlingBurstLimit: -3 } })).toThrow(/throttlingBurstLimit: -3/);
  });

  test('a zero latency threshold', () => {
    expect(construct({ latencyAlarmThreshold: Duration.seconds(0) })).toThrow(
      /latencyAlarmThreshold: 0 seconds is not a latency; give a positive duration such as Duration.seconds\(2\)/,
    );
  });

  test('an error rate outside (0, 100), a fractional minimum of requests', () => {
    expect(construct({ serverErrorRateAlarmThresholdPercent: -1 })).toThrow(
      /serverErrorRateAlarmThresholdPercent: -1 is not a percentage in \(0, 100\)/,
    );
    expect(construct({ serverErrorRateAlarmThresholdPercent: 100 })).toThrow(
      /serverErrorRateAlarmThresholdPercent: 100/,
    );
    expect(construct({ serverErrorRateAlarmMinimumRequests: 0.5 })).toThrow(
      /serverErrorRateAlarmMinimumRequests: 0.5 is not a whole number of calls/,
    );
  });

  test('accessLogRetention with a destination of its own, or without a stage', () => {
    const stack = new Stack(new App(), 'Stack');
    const destination = new apigateway.LogGroupLogDestination(new logs.LogGroup(stack, 'Own'));
    expect(
      () =>
        new WellArchitectedRestApi(stack, 'Api', {
          accessLogRetention: logs.RetentionDays.ONE_WEEK,
          deployOptions: { accessLogDestination: destination },
        }),
    ).toThrow(/accessLogRetention: 7 days cannot apply to deployOptions.accessLogDestination/);
    expect(construct({ accessLogRetention: logs.RetentionDays.ONE_WEEK, deploy: false })).toThrow(
      /accessLogRetention: 7 days has no log group to apply to when deploy is false/,
    );
  });

  test('all problems are reported together', () => {
    expect(construct({ deployOptions: { throttlingRateLimit: -1 }, serverErrorRateAlarmThresholdPercent: -1 })).toThrow(
      /Invalid WellArchitectedRestApi props:\n- deployOptions.throttlingRateLimit: -1.*\n- serverErrorRateAlarmThresholdPercent: -1/,
    );
  });

  test('tokens are not validated', () => {
    const stack = new Stack(new App(), 'Stack');
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number' }).valueAsNumber;
    expect(
      () => new WellArchitectedRestApi(stack, 'Api', { deployOptions: { throttlingRateLimit: rate } }),
    ).not.toThrow();
  });
});

describe('WellArchitectedRestApi alarm names, descriptions and severities', () => {
  test('5XX: named after the API, described with the threshold, causes, first steps and the dashboard', () => {
    const { stack } = restApi({ serverErrorRateAlarmThresholdPercent: 5 });
    expect(alarmDescriptions(stack)['Stack-Api-ServerErrors']).toBe(
      'REST API Api answers more than 5% of its requests with 5XX errors: clients get failures. Resource: REST API Stack/Api. ' +
        'Fires when 5XX responses / requests (sum) > 5% with at least 10 requests a period in 3 consecutive 1-minute periods. ' +
        'Likely causes: the Lambda integration threw, timed out or was throttled; the integration took longer than ' +
        'the API Gateway integration timeout; a misconfigured integration or a missing invoke permission after a ' +
        'deployment. First steps: 1) filter the access log on status >= 500 and read integrationError and ' +
        'errorMessage; 2) open the Errors and Throttles graphs of the integrated functions; 3) if a deployment just ' +
        'happened, roll it back. Dashboard: https://console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}' +
        '#dashboards/dashboard/Stack-WellArchitectedMonitoring-${AWS::Region}',
    );
  });

  test('latency: the threshold and the 3-of-5-minutes window', () => {
    const { stack } = restApi({ latencyAlarmThreshold: Duration.seconds(3) });
    const description = alarmDescriptions(stack)['Stack-Api-Latency'];
    expect(description).toContain('Fires when Latency p99 >= 3000 ms in 3 of the last 5 1-minute periods.');
    expect(description).toContain('First steps: 1) compare Latency with IntegrationLatency on the dashboard');
  });

  test('5XX pages, latency warns', () => {
    const { api } = restApi();
    expect(api.monitoring.severityOf(api.serverErrorsAlarm)).toBe(AlarmSeverity.CRITICAL);
    expect(api.monitoring.severityOf(api.latencyAlarm)).toBe(AlarmSeverity.WARNING);
    expect(api.monitoring.criticalAlarms).toEqual([api.serverErrorsAlarm]);
  });
});
