import { App, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration, WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Compliance } from '../../../src';
import { apiGatewayRules } from '../../../src/checks/rules/apigateway';
import { ApiGwHttpAccessLoggingRule } from '../../../src/checks/rules/apigateway/http-access-logging';
import { ApiGwHttpDefaultThrottlingRule } from '../../../src/checks/rules/apigateway/http-default-throttling';
import { ApiGwHttpDetailedMetricsRule } from '../../../src/checks/rules/apigateway/http-detailed-metrics';
import { ApiGwHttpLambdaTimeoutRule } from '../../../src/checks/rules/apigateway/http-lambda-timeout';
import { ApiGwHttpLatencyAlarmRule } from '../../../src/checks/rules/apigateway/http-latency-alarm';
import { ApiGwHttpRouteAuthorizationRule } from '../../../src/checks/rules/apigateway/http-route-authorization';
import { ApiGwHttpServerErrorAlarmRule } from '../../../src/checks/rules/apigateway/http-server-error-alarm';
import { ApiGwHttpStructuredAccessLogsRule } from '../../../src/checks/rules/apigateway/http-structured-access-logs';
import { ApiGwRestAccessLoggingRule } from '../../../src/checks/rules/apigateway/rest-access-logging';
import { ApiGwRestDataTraceRule } from '../../../src/checks/rules/apigateway/rest-data-trace';
import { ApiGwRestDefaultThrottlingRule } from '../../../src/checks/rules/apigateway/rest-default-throttling';
import { ApiGwRestDetailedMetricsRule } from '../../../src/checks/rules/apigateway/rest-detailed-metrics';
import { ApiGwRestDomainTlsRule } from '../../../src/checks/rules/apigateway/rest-domain-tls';
import { ApiGwRestExecutionLoggingRule } from '../../../src/checks/rules/apigateway/rest-execution-logging';
import { ApiGwRestLambdaTimeoutRule } from '../../../src/checks/rules/apigateway/rest-lambda-timeout';
import { ApiGwRestLatencyAlarmRule } from '../../../src/checks/rules/apigateway/rest-latency-alarm';
import { ApiGwRestMethodAuthorizationRule } from '../../../src/checks/rules/apigateway/rest-method-authorization';
import { ApiGwRestServerErrorAlarmRule } from '../../../src/checks/rules/apigateway/rest-server-error-alarm';
import { ApiGwRestStructuredAccessLogsRule } from '../../../src/checks/rules/apigateway/rest-structured-access-logs';
import { ApiGwRestTracingRule } from '../../../src/checks/rules/apigateway/rest-tracing';
import { ApiGwRestWafRule } from '../../../src/checks/rules/apigateway/rest-waf';
import { complianceOf, evaluateRule, findings } from '../rule-harness';
import { describeRobustness } from '../rule-robustness';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

/** A RestApi with one GET method and the given stage options. */
function restApi(
  stack: Stack,
  deployOptions: apigateway.StageOptions = {},
  props: Partial<apigateway.RestApiProps> = {},
) {
  const api = new apigateway.RestApi(stack, 'Api', { deployOptions, ...props });
  api.root.addMethod('GET', new apigateway.MockIntegration());
  return api;
}

function fn(stack: Stack, id: string, timeout?: Duration): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    timeout,
  });
}

function rawStage(stack: Stack, props: Partial<apigateway.CfnStageProps>): apigateway.CfnStage {
  return new apigateway.CfnStage(stack, 'RawStage', { restApiId: 'abc123', deploymentId: 'dep123', ...props });
}

function rawInlineStage(stack: Stack, stageDescription: any): apigateway.CfnDeployment {
  return new apigateway.CfnDeployment(stack, 'RawDeployment', {
    restApiId: 'abc123',
    stageName: 'prod',
    stageDescription,
  });
}

const JSON_FORMAT = apigateway.AccessLogFormat.jsonWithStandardFields();
const ALL_METHODS = { httpMethod: '*', resourcePath: '/*' };

describe('the API Gateway catalogue', () => {
  test("pins the rule ids (ids are a contract with users' acknowledgments)", () => {
    expect(apiGatewayRules().map((r) => r.id)).toEqual([
      'WA-ApiGwRestAccessLogging',
      'WA-ApiGwRestStructuredAccessLogs',
      'WA-ApiGwRestTracing',
      'WA-ApiGwRestExecutionLogging',
      'WA-ApiGwRestDataTrace',
      'WA-ApiGwRestDetailedMetrics',
      'WA-ApiGwRestDefaultThrottling',
      'WA-ApiGwRestMethodAuthorization',
      'WA-ApiGwRestDomainTls',
      'WA-ApiGwRestWaf',
      'WA-ApiGwRestLambdaTimeout',
      'WA-ApiGwRestServerErrorAlarm',
      'WA-ApiGwRestLatencyAlarm',
      'WA-ApiGwHttpAccessLogging',
      'WA-ApiGwHttpStructuredAccessLogs',
      'WA-ApiGwHttpDetailedMetrics',
      'WA-ApiGwHttpDefaultThrottling',
      'WA-ApiGwHttpRouteAuthorization',
      'WA-ApiGwHttpLambdaTimeout',
      'WA-ApiGwHttpServerErrorAlarm',
      'WA-ApiGwHttpLatencyAlarm',
    ]);
  });

  test('ids are unique, prefixed WA-ApiGwRest / WA-ApiGwHttp, with lens questions', () => {
    const rules = apiGatewayRules();
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^WA-ApiGw(Rest|Http)[A-Z][A-Za-z0-9]+$/);
      expect(rule.description.length).toBeGreaterThan(40);
      expect(rule.remediation.length).toBeGreaterThan(20);
    }
  });
});

describe('WA-ApiGwRestAccessLogging', () => {
  const rule = new ApiGwRestAccessLoggingRule();

  test('L2 RestApi with an access log destination and format is compliant', () => {
    const stack = newStack();
    const group = new logs.LogGroup(stack, 'AccessLogs');
    restApi(stack, {
      accessLogDestination: new apigateway.LogGroupLogDestination(group),
      accessLogFormat: JSON_FORMAT,
    });
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.COMPLIANT);
  });

  test('L2 RestApi with default deploy options is non-compliant, and its Deployment (no StageName) is not applicable', () => {
    const stack = newStack();
    restApi(stack);
    const found = findings(rule, stack);
    expect(found).toHaveLength(1);
    expect(found[0].constructPath).toContain('DeploymentStage');
    expect(found[0].result.message).toMatch(/deployOptions\.accessLogDestination/);
    expect(complianceOf(rule, stack, 'Api/Deployment/')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1 CfnStage: destination without format is non-compliant; both set is compliant', () => {
    const stack = newStack();
    rawStage(stack, { accessLogSetting: { destinationArn: 'arn:aws:logs:us-east-1:111122223333:log-group:x' } });
    expect(findings(rule, stack)[0].result.message).toMatch(/no format/);
    const ok = newStack();
    rawStage(ok, {
      accessLogSetting: {
        destinationArn: 'arn:aws:logs:us-east-1:111122223333:log-group:x',
        format: '$context.requestId',
      },
    });
    expect(complianceOf(rule, ok, 'RawStage')).toBe(Compliance.COMPLIANT);
  });

  test('L1 CfnDeployment with an inline stage is checked through StageDescription', () => {
    const stack = newStack();
    rawInlineStage(stack, { tracingEnabled: true });
    expect(complianceOf(rule, stack, 'RawDeployment')).toBe(Compliance.NON_COMPLIANT);
    const ok = newStack();
    rawInlineStage(ok, {
      accessLogSetting: { destinationArn: 'arn:aws:logs:us-east-1:111122223333:log-group:x', format: '{}' },
    });
    expect(complianceOf(rule, ok, 'RawDeployment')).toBe(Compliance.COMPLIANT);
  });

  test('a parameter destination, or a StageDescription behind Fn::If, is unknown', () => {
    const stack = newStack();
    const param = new CfnParameter(stack, 'LogArn');
    rawStage(stack, { accessLogSetting: { destinationArn: param.valueAsString, format: '{}' } });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.UNKNOWN);
    const cond = newStack();
    rawInlineStage(cond, Fn.conditionIf('IsProd', { TracingEnabled: true }, { Ref: 'AWS::NoValue' }));
    expect(complianceOf(rule, cond, 'RawDeployment')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwRestStructuredAccessLogs', () => {
  const rule = new ApiGwRestStructuredAccessLogsRule();
  const dest = 'arn:aws:logs:us-east-1:111122223333:log-group:x';

  test('L2 jsonWithStandardFields is compliant; clf is non-compliant', () => {
    const stack = newStack();
    const group = new logs.LogGroup(stack, 'AccessLogs');
    restApi(stack, {
      accessLogDestination: new apigateway.LogGroupLogDestination(group),
      accessLogFormat: JSON_FORMAT,
    });
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.COMPLIANT);

    const clf = newStack();
    const clfGroup = new logs.LogGroup(clf, 'AccessLogs');
    restApi(clf, {
      accessLogDestination: new apigateway.LogGroupLogDestination(clfGroup),
      accessLogFormat: apigateway.AccessLogFormat.clf(),
    });
    expect(findings(rule, clf)[0].result.message).toMatch(/not JSON/);
  });

  test('L1: JSON with unquoted numeric variables and requestId is compliant; JSON without requestId is not', () => {
    const stack = newStack();
    rawStage(stack, {
      accessLogSetting: { destinationArn: dest, format: '{"requestId":"$context.requestId","status":$context.status}' },
    });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.COMPLIANT);
    const noId = newStack();
    rawStage(noId, { accessLogSetting: { destinationArn: dest, format: '{"status":"$context.status"}' } });
    expect(findings(rule, noId)[0].result.message).toMatch(/requestId/);
  });

  test('no access logging is not applicable; a parameter format is unknown', () => {
    const stack = newStack();
    restApi(stack);
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.NOT_APPLICABLE);
    const param = newStack();
    rawStage(param, {
      accessLogSetting: { destinationArn: dest, format: new CfnParameter(param, 'Fmt').valueAsString },
    });
    expect(complianceOf(rule, param, 'RawStage')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwRestTracing', () => {
  const rule = new ApiGwRestTracingRule();

  test('L2 tracingEnabled is compliant; default is non-compliant', () => {
    const stack = newStack();
    restApi(stack, { tracingEnabled: true });
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.COMPLIANT);
    const bad = newStack();
    restApi(bad);
    expect(findings(rule, bad)[0].result.message).toMatch(/deployOptions\.tracingEnabled: true/);
  });

  test('L1 stage and inline stage', () => {
    const stack = newStack();
    rawStage(stack, { tracingEnabled: false });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.NON_COMPLIANT);
    rawInlineStage(stack, { tracingEnabled: true });
    expect(complianceOf(rule, stack, 'RawDeployment')).toBe(Compliance.COMPLIANT);
  });

  test('Fn::If tracing is unknown', () => {
    const stack = newStack();
    rawStage(stack, { tracingEnabled: Fn.conditionIf('IsProd', true, false) as any });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwRestExecutionLogging', () => {
  const rule = new ApiGwRestExecutionLoggingRule();

  test('L2 loggingLevel ERROR is compliant; OFF and unset are non-compliant', () => {
    const stack = newStack();
    restApi(stack, { loggingLevel: apigateway.MethodLoggingLevel.ERROR });
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.COMPLIANT);
    const off = newStack();
    restApi(off, { loggingLevel: apigateway.MethodLoggingLevel.OFF });
    expect(findings(rule, off)[0].result.message).toMatch(/at 'OFF'/);
    const unset = newStack();
    restApi(unset);
    expect(findings(rule, unset)[0].result.message).toMatch(/off for all methods/);
  });

  test('L1: a level on a single method does not count; the inline stage top-level does', () => {
    const stack = newStack();
    rawStage(stack, { methodSettings: [{ httpMethod: 'GET', resourcePath: '/~1items', loggingLevel: 'INFO' }] });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.NON_COMPLIANT);
    rawInlineStage(stack, { loggingLevel: 'INFO' });
    expect(complianceOf(rule, stack, 'RawDeployment')).toBe(Compliance.COMPLIANT);
  });

  test('a parameter level or Fn::If method settings are unknown', () => {
    const stack = newStack();
    rawStage(stack, {
      methodSettings: [{ ...ALL_METHODS, loggingLevel: new CfnParameter(stack, 'Level').valueAsString }],
    });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.UNKNOWN);
    const cond = newStack();
    rawStage(cond, { methodSettings: Fn.conditionIf('C', [], []) as any });
    expect(complianceOf(rule, cond, 'RawStage')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwRestDataTrace', () => {
  const rule = new ApiGwRestDataTraceRule();

  test('L2 default is compliant; dataTraceEnabled is non-compliant', () => {
    const stack = newStack();
    restApi(stack, { loggingLevel: apigateway.MethodLoggingLevel.INFO });
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.COMPLIANT);
    const bad = newStack();
    restApi(bad, { loggingLevel: apigateway.MethodLoggingLevel.INFO, dataTraceEnabled: true });
    expect(findings(rule, bad)[0].result.message).toMatch(/dataTraceEnabled/);
  });

  test('L1: data trace on one method, or on an inline stage, is non-compliant', () => {
    const stack = newStack();
    rawStage(stack, { methodSettings: [{ httpMethod: 'POST', resourcePath: '/~1orders', dataTraceEnabled: true }] });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.NON_COMPLIANT);
    rawInlineStage(stack, { dataTraceEnabled: true });
    expect(complianceOf(rule, stack, 'RawDeployment')).toBe(Compliance.NON_COMPLIANT);
    const ok = newStack();
    rawInlineStage(ok, { dataTraceEnabled: false });
    expect(complianceOf(rule, ok, 'RawDeployment')).toBe(Compliance.COMPLIANT);
  });

  test('a parameter value is unknown', () => {
    const stack = newStack();
    rawStage(stack, {
      methodSettings: [{ ...ALL_METHODS, dataTraceEnabled: new CfnParameter(stack, 'Trace').valueAsString as any }],
    });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwRestDetailedMetrics', () => {
  const rule = new ApiGwRestDetailedMetricsRule();

  test('L2 metricsEnabled is compliant; default is non-compliant', () => {
    const stack = newStack();
    restApi(stack, { metricsEnabled: true });
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.COMPLIANT);
    const bad = newStack();
    restApi(bad);
    expect(findings(rule, bad)[0].result.message).toMatch(/metricsEnabled: true/);
  });

  test('L1 stage and inline stage', () => {
    const stack = newStack();
    rawStage(stack, { methodSettings: [{ ...ALL_METHODS, metricsEnabled: true }] });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.COMPLIANT);
    rawInlineStage(stack, { metricsEnabled: false });
    expect(complianceOf(rule, stack, 'RawDeployment')).toBe(Compliance.NON_COMPLIANT);
  });

  test('a method setting whose path is a parameter is unknown', () => {
    const stack = newStack();
    rawStage(stack, {
      methodSettings: [
        { httpMethod: '*', resourcePath: new CfnParameter(stack, 'Path').valueAsString, metricsEnabled: true },
      ],
    });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwRestDefaultThrottling', () => {
  const rule = new ApiGwRestDefaultThrottlingRule();

  test('L2 rate and burst are compliant; only a rate is non-compliant', () => {
    const stack = newStack();
    restApi(stack, { throttlingRateLimit: 100, throttlingBurstLimit: 50 });
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.COMPLIANT);
    const half = newStack();
    restApi(half, { throttlingRateLimit: 100 });
    expect(findings(rule, half)[0].result.message).toMatch(/deployOptions\.throttlingBurstLimit/);
  });

  test('L1 stage without settings, and an inline stage with top-level limits', () => {
    const stack = newStack();
    rawStage(stack, {});
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.NON_COMPLIANT);
    rawInlineStage(stack, { throttlingRateLimit: 10, throttlingBurstLimit: 5 });
    expect(complianceOf(rule, stack, 'RawDeployment')).toBe(Compliance.COMPLIANT);
  });

  test('parameter limits are unknown', () => {
    const stack = newStack();
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number' });
    rawStage(stack, {
      methodSettings: [{ ...ALL_METHODS, throttlingRateLimit: rate.valueAsNumber, throttlingBurstLimit: 5 }],
    });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwRestMethodAuthorization', () => {
  const rule = new ApiGwRestMethodAuthorizationRule();

  test('L2 method with an IAM authorizer is compliant; CORS OPTIONS is not applicable', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api', {
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
      defaultCorsPreflightOptions: { allowOrigins: apigateway.Cors.ALL_ORIGINS },
    });
    api.root.addMethod('GET', new apigateway.MockIntegration());
    expect(complianceOf(rule, stack, 'Default/GET')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Default/OPTIONS')).toBe(Compliance.NOT_APPLICABLE);
    expect(findings(rule, stack)).toHaveLength(0);
  });

  test('L2 method without authorization is non-compliant, also with an API key', () => {
    const stack = newStack();
    const api = restApi(stack);
    api.root.addMethod('POST', new apigateway.MockIntegration(), { apiKeyRequired: true });
    expect(complianceOf(rule, stack, 'Default/GET')).toBe(Compliance.NON_COMPLIANT);
    const post = findings(rule, stack).find((f) => f.constructPath.includes('POST'));
    expect(post?.result.message).toMatch(/an API key is not authorization/);
  });

  test('methods of a PRIVATE API are not applicable', () => {
    const stack = newStack();
    restApi(stack, {}, { endpointTypes: [apigateway.EndpointType.PRIVATE] });
    expect(complianceOf(rule, stack, 'Default/GET')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1 method: NONE on an in-stack API is non-compliant; COGNITO_USER_POOLS is compliant', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'RawApi', { name: 'raw' });
    new apigateway.CfnMethod(stack, 'Open', {
      restApiId: api.ref,
      resourceId: api.attrRootResourceId,
      httpMethod: 'GET',
      authorizationType: 'NONE',
    });
    new apigateway.CfnMethod(stack, 'Closed', {
      restApiId: api.ref,
      resourceId: api.attrRootResourceId,
      httpMethod: 'POST',
      authorizationType: 'COGNITO_USER_POOLS',
      authorizerId: 'auth1',
    });
    expect(complianceOf(rule, stack, 'Open')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Closed')).toBe(Compliance.COMPLIANT);
  });

  test('an imported API, or a parameter authorization type, is unknown', () => {
    const stack = newStack();
    const imported = apigateway.RestApi.fromRestApiAttributes(stack, 'Imported', {
      restApiId: 'abc123',
      rootResourceId: 'root123',
    });
    imported.root.addMethod('GET', new apigateway.MockIntegration());
    expect(complianceOf(rule, stack, 'Imported/Default/GET')).toBe(Compliance.UNKNOWN);
    new apigateway.CfnMethod(stack, 'ParamAuth', {
      restApiId: 'abc',
      resourceId: 'r',
      httpMethod: 'GET',
      authorizationType: new CfnParameter(stack, 'Auth').valueAsString,
    });
    expect(complianceOf(rule, stack, 'ParamAuth')).toBe(Compliance.UNKNOWN);
  });
});

describe("REST stage rules and SAM's placeholder stage", () => {
  /** What the AWS SAM transform writes for an API: a deployment with StageName 'Stage', and the API's real stage. */
  function samApi(stack: Stack, description = 'RestApi deployment id: 47fc2d5f9d21ad56f83937abe2779d0e26d7095e') {
    const api = new apigateway.CfnRestApi(stack, 'ServerlessRestApi', { name: 'sam-app' });
    const deployment = new apigateway.CfnDeployment(stack, 'ServerlessRestApiDeployment47fc2d5f9d', {
      restApiId: api.ref,
      description,
      stageName: 'Stage',
    });
    new apigateway.CfnStage(stack, 'ServerlessRestApiProdStage', {
      restApiId: api.ref,
      deploymentId: deployment.ref,
      stageName: 'Prod',
    });
  }
  const stageRules = () => [
    new ApiGwRestAccessLoggingRule(),
    new ApiGwRestTracingRule(),
    new ApiGwRestDetailedMetricsRule(),
    new ApiGwRestExecutionLoggingRule(),
    new ApiGwRestDefaultThrottlingRule(),
    new ApiGwRestStructuredAccessLogsRule(),
    new ApiGwRestDataTraceRule(),
  ];

  test('the Stage stage of the deployment SAM generates is not applicable to any stage rule, with the reason', () => {
    const stack = newStack();
    samApi(stack);
    for (const rule of stageRules()) {
      const outcome = evaluateRule(rule, stack).find((o) => o.logicalId.startsWith('ServerlessRestApiDeployment'));
      expect(outcome?.result.compliance).toBe(Compliance.NOT_APPLICABLE);
      expect(outcome?.result.message).toMatch(/placeholder stage 'Stage'.*AWS SAM.*ServerlessRestApiProdStage/);
    }
    expect(complianceOf(new ApiGwRestTracingRule(), stack, 'ServerlessRestApiProdStage')).toBe(
      Compliance.NON_COMPLIANT,
    );
  });

  test('a hand-written deployment with StageName Stage is still a stage', () => {
    const stack = newStack();
    samApi(stack, 'my deployment');
    expect(complianceOf(new ApiGwRestTracingRule(), stack, 'ServerlessRestApiDeployment')).toBe(
      Compliance.NON_COMPLIANT,
    );
  });
});

describe('WA-ApiGwRestDomainTls', () => {
  const rule = new ApiGwRestDomainTlsRule();
  const certArn = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';

  test('L2 DomainName with TLS_1_2, or without a policy (AWS defaults to TLS_1_2), is compliant', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', certArn);
    new apigateway.DomainName(stack, 'Tls12', {
      domainName: 'a.example.com',
      certificate,
      securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
    });
    new apigateway.DomainName(stack, 'Unset', { domainName: 'b.example.com', certificate });
    expect(complianceOf(rule, stack, 'Tls12')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Unset')).toBe(Compliance.COMPLIANT);
  });

  test('L1 domains without SecurityPolicy, edge-optimized or regional, are compliant', () => {
    const stack = newStack();
    new apigateway.CfnDomainName(stack, 'Edge', {
      domainName: 'a.example.com',
      certificateArn: certArn,
      endpointConfiguration: { types: ['EDGE'] },
    });
    new apigateway.CfnDomainName(stack, 'Regional', {
      domainName: 'b.example.com',
      regionalCertificateArn: certArn,
      endpointConfiguration: { types: ['REGIONAL'] },
    });
    expect(findings(rule, stack)).toEqual([]);
    expect(evaluateRule(rule, stack).map((o) => o.result.compliance)).toEqual([
      Compliance.COMPLIANT,
      Compliance.COMPLIANT,
    ]);
  });

  test('L1 TLS_1_0 is non-compliant; an enhanced policy is compliant', () => {
    const stack = newStack();
    new apigateway.CfnDomainName(stack, 'Old', { domainName: 'a.example.com', securityPolicy: 'TLS_1_0' });
    new apigateway.CfnDomainName(stack, 'New', {
      domainName: 'b.example.com',
      securityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
    });
    expect(findings(rule, stack)[0].result.message).toMatch(/'TLS_1_0'.*SecurityPolicy\.TLS_1_2/);
    expect(complianceOf(rule, stack, 'New')).toBe(Compliance.COMPLIANT);
  });

  test('a parameter policy is unknown', () => {
    const stack = newStack();
    new apigateway.CfnDomainName(stack, 'Param', {
      domainName: 'a.example.com',
      securityPolicy: new CfnParameter(stack, 'Policy').valueAsString,
    });
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwRestWaf', () => {
  const rule = new ApiGwRestWafRule();
  const aclArn = 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/acl/abc';

  test('L2 stage associated through stageArn is compliant; without an association it is not', () => {
    const stack = newStack();
    const api = restApi(stack);
    new wafv2.CfnWebACLAssociation(stack, 'Waf', { resourceArn: api.deploymentStage.stageArn, webAclArn: aclArn });
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.COMPLIANT);
    const bare = newStack();
    restApi(bare);
    expect(findings(rule, bare)[0].result.message).toMatch(/CfnWebACLAssociation/);
  });

  test('L1 association naming the API and the literal stage name is compliant', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'RawApi', { name: 'raw' });
    new apigateway.CfnStage(stack, 'RawStage', { restApiId: api.ref, deploymentId: 'd', stageName: 'prod' });
    new wafv2.CfnWebACLAssociation(stack, 'Waf', {
      resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${api.ref}/stages/prod`,
      webAclArn: aclArn,
    });
    expect(complianceOf(rule, stack, 'RawStage')).toBe(Compliance.COMPLIANT);
  });

  test('a PRIVATE API is not applicable; a stage of an imported API is unknown', () => {
    const stack = newStack();
    restApi(stack, {}, { endpointTypes: [apigateway.EndpointType.PRIVATE] });
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.NOT_APPLICABLE);
    const imported = newStack();
    rawStage(imported, {});
    expect(complianceOf(rule, imported, 'RawStage')).toBe(Compliance.UNKNOWN);
  });

  test('an association whose target is a parameter makes the stage unknown', () => {
    const stack = newStack();
    restApi(stack);
    new wafv2.CfnWebACLAssociation(stack, 'Waf', {
      resourceArn: new CfnParameter(stack, 'Target').valueAsString,
      webAclArn: aclArn,
    });
    expect(complianceOf(rule, stack, 'DeploymentStage')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwRestLambdaTimeout', () => {
  const rule = new ApiGwRestLambdaTimeoutRule();

  test('L2 LambdaIntegration: a 10 s function is compliant; a 30 s function is non-compliant', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    api.root
      .addResource('fast')
      .addMethod('GET', new apigateway.LambdaIntegration(fn(stack, 'Fast', Duration.seconds(10))));
    api.root
      .addResource('slow')
      .addMethod('GET', new apigateway.LambdaIntegration(fn(stack, 'Slow', Duration.seconds(30))));
    expect(complianceOf(rule, stack, 'fast/GET')).toBe(Compliance.COMPLIANT);
    const found = findings(rule, stack);
    expect(found).toHaveLength(1);
    expect(found[0].constructPath).toContain('slow/GET');
    expect(found[0].result.message).toMatch(/after 30 s .* after 29 s/);
  });

  test('a raised integration timeout and a function alias are followed', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    const alias = new lambda.Alias(stack, 'Live', {
      aliasName: 'live',
      version: fn(stack, 'Fn', Duration.seconds(40)).currentVersion,
    });
    api.root.addMethod('GET', new apigateway.LambdaIntegration(alias, { timeout: Duration.seconds(50) }));
    expect(complianceOf(rule, stack, 'Default/GET')).toBe(Compliance.COMPLIANT);
  });

  test('L1 method with a Lambda URI and the default 3 s function timeout is compliant; a mock integration is not applicable', () => {
    const stack = newStack();
    const handler = new lambda.CfnFunction(stack, 'RawFn', {
      code: { zipFile: 'x' },
      role: 'arn:aws:iam::111122223333:role/r',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
    });
    new apigateway.CfnMethod(stack, 'Raw', {
      restApiId: 'a',
      resourceId: 'r',
      httpMethod: 'GET',
      integration: {
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: Fn.sub('arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${RawFn.Arn}/invocations'),
      },
    });
    new apigateway.CfnMethod(stack, 'Mock', {
      restApiId: 'a',
      resourceId: 'r',
      httpMethod: 'PUT',
      integration: { type: 'MOCK' },
    });
    expect(handler.logicalId).toBeDefined();
    expect(complianceOf(rule, stack, 'Raw')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Mock')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('an imported function or a parameter timeout is unknown', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    const imported = lambda.Function.fromFunctionArn(
      stack,
      'Imported',
      'arn:aws:lambda:us-east-1:111122223333:function:f',
    );
    api.root.addResource('imported').addMethod('GET', new apigateway.LambdaIntegration(imported));
    expect(complianceOf(rule, stack, 'imported/GET')).toBe(Compliance.UNKNOWN);
    const param = newStack();
    const timeout = new CfnParameter(param, 'Timeout', { type: 'Number' });
    const f = fn(param, 'Fn');
    (f.node.defaultChild as lambda.CfnFunction).timeout = timeout.valueAsNumber;
    new apigateway.RestApi(param, 'Api').root.addMethod('GET', new apigateway.LambdaIntegration(f));
    expect(complianceOf(rule, param, 'Default/GET')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwRestServerErrorAlarm and WA-ApiGwRestLatencyAlarm', () => {
  const errors = new ApiGwRestServerErrorAlarmRule();
  const latency = new ApiGwRestLatencyAlarmRule();

  test('L2 metricServerError / metricLatency alarms make the API compliant', () => {
    const stack = newStack();
    const api = restApi(stack);
    api.metricServerError().createAlarm(stack, 'Errors', { threshold: 1, evaluationPeriods: 1 });
    api.metricLatency({ statistic: 'p99' }).createAlarm(stack, 'Latency', { threshold: 1000, evaluationPeriods: 3 });
    expect(complianceOf(errors, stack, 'Api/Resource')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(latency, stack, 'Api/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('an API whose alarms watch another API is non-compliant', () => {
    const stack = newStack();
    restApi(stack);
    const other = new apigateway.RestApi(stack, 'Other');
    other.root.addMethod('GET', new apigateway.MockIntegration());
    other.metricServerError().createAlarm(stack, 'OtherErrors', { threshold: 1, evaluationPeriods: 1 });
    expect(complianceOf(errors, stack, 'Api/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(errors, stack, 'Other/Resource')).toBe(Compliance.COMPLIANT);
    expect(findings(latency, stack).map((f) => f.result.message)).toEqual([
      expect.stringMatching(/REST API 'Api' has no alarm on Latency/),
      expect.stringMatching(/REST API 'Other' has no alarm on Latency/),
    ]);
  });

  test('L1 metric-math alarm on the named API is compliant', () => {
    const stack = newStack();
    new apigateway.CfnRestApi(stack, 'RawApi', { name: 'orders' });
    new cloudwatch.CfnAlarm(stack, 'Math', {
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      metrics: [
        {
          id: 'm1',
          metricStat: {
            metric: {
              namespace: 'AWS/ApiGateway',
              metricName: '5XXError',
              dimensions: [{ name: 'ApiName', value: 'orders' }],
            },
            period: 60,
            stat: 'Sum',
          },
        },
      ],
    });
    expect(complianceOf(errors, stack, 'RawApi')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(latency, stack, 'RawApi')).toBe(Compliance.NON_COMPLIANT);
  });

  test('an alarm on a parameter API name, or an API without a Name, is unknown', () => {
    const stack = newStack();
    restApi(stack);
    new cloudwatch.Alarm(stack, 'Param', {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName: '5XXError',
        dimensionsMap: { ApiName: new CfnParameter(stack, 'ApiName').valueAsString },
      }),
      threshold: 1,
      evaluationPeriods: 1,
    });
    expect(complianceOf(errors, stack, 'Api/Resource')).toBe(Compliance.UNKNOWN);
    const spec = newStack();
    new apigateway.CfnRestApi(spec, 'Spec', { bodyS3Location: { bucket: 'b', key: 'k' } });
    expect(complianceOf(errors, spec, 'Spec')).toBe(Compliance.UNKNOWN);
  });
});

// ---------------------------------------------------------------- HTTP and WebSocket APIs

function httpStage(stack: Stack, props: Partial<apigwv2.CfnStageProps>): apigwv2.CfnStage {
  return new apigwv2.CfnStage(stack, 'RawStage', { apiId: 'abc123', stageName: 'prod', ...props });
}

describe('WA-ApiGwHttpAccessLogging and WA-ApiGwHttpStructuredAccessLogs', () => {
  const logging = new ApiGwHttpAccessLoggingRule();
  const structured = new ApiGwHttpStructuredAccessLogsRule();

  test('L2 HttpApi default stage has no access logs: non-compliant, structured not applicable', () => {
    const stack = newStack();
    new apigwv2.HttpApi(stack, 'Http');
    expect(findings(logging, stack)[0].result.message).toMatch(/Stage '\$default' has no access logging/);
    expect(complianceOf(structured, stack, 'Http/DefaultStage')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L2 HttpStage with JSON access logs is compliant for both', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Http', { createDefaultStage: false });
    new apigwv2.HttpStage(stack, 'Prod', {
      httpApi: api,
      stageName: 'prod',
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(new logs.LogGroup(stack, 'Logs')),
        format: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
    });
    expect(complianceOf(logging, stack, 'Prod')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(structured, stack, 'Prod')).toBe(Compliance.COMPLIANT);
  });

  test('L1 stage with a non-JSON format is compliant for logging, non-compliant for structure', () => {
    const stack = newStack();
    httpStage(stack, {
      accessLogSettings: {
        destinationArn: 'arn:aws:logs:us-east-1:1:log-group:x',
        format: '$context.requestId $context.status',
      },
    });
    expect(complianceOf(logging, stack, 'RawStage')).toBe(Compliance.COMPLIANT);
    expect(findings(structured, stack)[0].result.message).toMatch(/accessLogSettings\.format/);
  });

  test('parameter settings are unknown', () => {
    const stack = newStack();
    const param = new CfnParameter(stack, 'Fmt');
    httpStage(stack, {
      accessLogSettings: { destinationArn: 'arn:aws:logs:us-east-1:1:log-group:x', format: param.valueAsString },
    });
    expect(complianceOf(logging, stack, 'RawStage')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(structured, stack, 'RawStage')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwHttpDetailedMetrics and WA-ApiGwHttpDefaultThrottling', () => {
  const metrics = new ApiGwHttpDetailedMetricsRule();
  const throttling = new ApiGwHttpDefaultThrottlingRule();

  test('L2 HttpStage with detailed metrics and throttle is compliant; the default stage is not', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Http');
    new apigwv2.HttpStage(stack, 'Prod', {
      httpApi: api,
      stageName: 'prod',
      detailedMetricsEnabled: true,
      throttle: { rateLimit: 100, burstLimit: 50 },
    });
    expect(complianceOf(metrics, stack, 'Prod')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(throttling, stack, 'Prod')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(metrics, stack, 'Http/DefaultStage')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(throttling, stack)[0].result.message).toMatch(/rateLimit or burstLimit/);
  });

  test('L2 WebSocketStage without settings is non-compliant', () => {
    const stack = newStack();
    const api = new apigwv2.WebSocketApi(stack, 'Ws');
    new apigwv2.WebSocketStage(stack, 'WsStage', { webSocketApi: api, stageName: 'prod' });
    expect(complianceOf(metrics, stack, 'WsStage')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(throttling, stack, 'WsStage')).toBe(Compliance.NON_COMPLIANT);
  });

  test('L1 stage with only a burst limit is non-compliant for throttling', () => {
    const stack = newStack();
    httpStage(stack, { defaultRouteSettings: { throttlingBurstLimit: 5, detailedMetricsEnabled: true } });
    expect(complianceOf(metrics, stack, 'RawStage')).toBe(Compliance.COMPLIANT);
    expect(findings(throttling, stack)[0].result.message).toMatch(/no default route rateLimit/);
  });

  test('Fn::If route settings are unknown', () => {
    const stack = newStack();
    httpStage(stack, { defaultRouteSettings: Fn.conditionIf('C', { DetailedMetricsEnabled: true }, {}) as any });
    expect(complianceOf(metrics, stack, 'RawStage')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(throttling, stack, 'RawStage')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwHttpRouteAuthorization', () => {
  const rule = new ApiGwHttpRouteAuthorizationRule();

  test('L2 route with an IAM authorizer is compliant; without one non-compliant', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Http');
    const integration = new HttpLambdaIntegration('Int', fn(stack, 'Fn'));
    api.addRoutes({ path: '/open', methods: [apigwv2.HttpMethod.GET], integration });
    api.addRoutes({
      path: '/closed',
      methods: [apigwv2.HttpMethod.GET],
      integration,
      authorizer: new apigwv2.HttpNoneAuthorizer(),
    });
    const found = findings(rule, stack);
    expect(found).toHaveLength(2);
    expect(found[0].result.message).toMatch(/Route 'GET \/(open|closed)' has no authorization/);
  });

  test('L1 routes: AWS_IAM compliant, OPTIONS not applicable', () => {
    const stack = newStack();
    const api = new apigwv2.CfnApi(stack, 'RawApi', { name: 'raw', protocolType: 'HTTP' });
    new apigwv2.CfnRoute(stack, 'Iam', { apiId: api.ref, routeKey: 'GET /items', authorizationType: 'AWS_IAM' });
    new apigwv2.CfnRoute(stack, 'Preflight', { apiId: api.ref, routeKey: 'OPTIONS /items' });
    new apigwv2.CfnRoute(stack, 'Open', { apiId: api.ref, routeKey: 'POST /items', authorizationType: 'NONE' });
    expect(complianceOf(rule, stack, 'Iam')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Preflight')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Open')).toBe(Compliance.NON_COMPLIANT);
  });

  test('WebSocket: only $connect needs authorization', () => {
    const stack = newStack();
    const integration = new WebSocketLambdaIntegration('Int', fn(stack, 'Fn'));
    new apigwv2.WebSocketApi(stack, 'Ws', {
      connectRouteOptions: { integration },
      defaultRouteOptions: { integration },
    });
    expect(complianceOf(rule, stack, 'connect-Route')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'default-Route')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('a route of an imported API is unknown, except $connect; a parameter route key is unknown', () => {
    const stack = newStack();
    new apigwv2.CfnRoute(stack, 'ImportedGet', { apiId: 'abc', routeKey: 'GET /x' });
    new apigwv2.CfnRoute(stack, 'ImportedConnect', { apiId: 'abc', routeKey: '$connect' });
    new apigwv2.CfnRoute(stack, 'ParamKey', { apiId: 'abc', routeKey: new CfnParameter(stack, 'Key').valueAsString });
    expect(complianceOf(rule, stack, 'ImportedGet')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'ImportedConnect')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'ParamKey')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwHttpLambdaTimeout', () => {
  const rule = new ApiGwHttpLambdaTimeoutRule();

  test('L2 HttpLambdaIntegration: 29 s is compliant, 30 s is non-compliant', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Http');
    api.addRoutes({
      path: '/ok',
      integration: new HttpLambdaIntegration('Ok', fn(stack, 'OkFn', Duration.seconds(29))),
    });
    api.addRoutes({
      path: '/slow',
      integration: new HttpLambdaIntegration('Slow', fn(stack, 'SlowFn', Duration.seconds(30))),
    });
    const outcomes = evaluateRule(rule, stack);
    expect(outcomes.map((o) => o.result.compliance).sort()).toEqual([Compliance.COMPLIANT, Compliance.NON_COMPLIANT]);
    expect(findings(rule, stack)[0].result.message).toMatch(/SlowFn.*after 30 s .* after 30 s/);
  });

  test('L1 integration on a WebSocket API uses the 29 s default; an HTTP_PROXY integration is not applicable', () => {
    const stack = newStack();
    const ws = new apigwv2.CfnApi(stack, 'Ws', {
      name: 'ws',
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: '$request.body.action',
    });
    const f = fn(stack, 'Fn', Duration.seconds(29));
    new apigwv2.CfnIntegration(stack, 'WsInt', {
      apiId: ws.ref,
      integrationType: 'AWS_PROXY',
      integrationUri: f.functionArn,
    });
    new apigwv2.CfnIntegration(stack, 'Proxy', {
      apiId: ws.ref,
      integrationType: 'HTTP_PROXY',
      integrationUri: 'https://example.com',
      integrationMethod: 'ANY',
    });
    expect(complianceOf(rule, stack, 'WsInt')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Proxy')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('an imported function or imported API with a function between 29 and 30 s is unknown', () => {
    const stack = newStack();
    const imported = lambda.Function.fromFunctionArn(
      stack,
      'Imported',
      'arn:aws:lambda:us-east-1:111122223333:function:f',
    );
    new apigwv2.HttpApi(stack, 'Http').addRoutes({
      path: '/x',
      integration: new HttpLambdaIntegration('Int', imported),
    });
    expect(complianceOf(rule, stack, 'ANY--x/Int')).toBe(Compliance.UNKNOWN);
    const api = newStack();
    const f = fn(api, 'Fn', Duration.seconds(29));
    new apigwv2.CfnIntegration(api, 'Int', {
      apiId: 'imported',
      integrationType: 'AWS_PROXY',
      integrationUri: f.functionArn,
    });
    expect(complianceOf(rule, api, 'Int')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-ApiGwHttpServerErrorAlarm and WA-ApiGwHttpLatencyAlarm', () => {
  const errors = new ApiGwHttpServerErrorAlarmRule();
  const latency = new ApiGwHttpLatencyAlarmRule();

  test('L2 metricServerError / metricLatency alarms make the API compliant; none is non-compliant', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Http');
    api.metricServerError().createAlarm(stack, 'Errors', { threshold: 1, evaluationPeriods: 1 });
    expect(complianceOf(errors, stack, 'Http/Resource')).toBe(Compliance.COMPLIANT);
    expect(findings(latency, stack)[0].result.message).toMatch(/metricLatency/);
    api.metricLatency().createAlarm(stack, 'Latency', { threshold: 1000, evaluationPeriods: 1 });
    expect(complianceOf(latency, stack, 'Http/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('L1: a WebSocket API is not applicable; an HTTP API without alarms is non-compliant', () => {
    const stack = newStack();
    new apigwv2.CfnApi(stack, 'Ws', {
      name: 'ws',
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: '$request.body.action',
    });
    new apigwv2.CfnApi(stack, 'Http', { name: 'http', protocolType: 'HTTP' });
    expect(complianceOf(errors, stack, 'Ws')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(errors, stack, 'Http')).toBe(Compliance.NON_COMPLIANT);
  });

  test('an alarm on a parameter ApiId is unknown', () => {
    const stack = newStack();
    new apigwv2.HttpApi(stack, 'Http');
    new cloudwatch.Alarm(stack, 'Param', {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName: '5xx',
        dimensionsMap: { ApiId: new CfnParameter(stack, 'ApiId').valueAsString },
      }),
      threshold: 1,
      evaluationPeriods: 1,
    });
    expect(complianceOf(errors, stack, 'Http/Resource')).toBe(Compliance.UNKNOWN);
  });
});

describeRobustness(apiGatewayRules());
