import { App, CfnParameter, CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { backendFunction } from './fixtures';
import { Compliance } from '../../src';
import { WellArchitectedHttpApi, WellArchitectedRestApi } from '../../src/apigateway';
import { ApiGwHttpLambdaTimeoutRule } from '../../src/checks/rules/apigateway/http-lambda-timeout';
import { ApiGwRestLambdaTimeoutRule } from '../../src/checks/rules/apigateway/rest-lambda-timeout';
import { complianceOf } from '../checks/rule-harness';

const REST_WARNING = 'cdk-well-architected:WellArchitectedRestApi.lambdaTimeout';
const HTTP_WARNING = 'cdk-well-architected:WellArchitectedHttpApi.lambdaTimeout';

function timeoutWarnings(stack: Stack): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp('times out after'))
    .map((w) => `${w.id}: ${w.entry.data}`);
}

function restStack(integrationFor: (stack: Stack) => apigateway.Integration): Stack {
  const stack = new Stack(new App(), 'Stack');
  const api = new WellArchitectedRestApi(stack, 'Api');
  api.root.addMethod('GET', integrationFor(stack));
  return stack;
}

function httpStack(integrationFor: (stack: Stack) => apigwv2.HttpRouteIntegration): Stack {
  const stack = new Stack(new App(), 'Stack');
  const api = new WellArchitectedHttpApi(stack, 'Api');
  api.addRoutes({ path: '/items', methods: [apigwv2.HttpMethod.GET], integration: integrationFor(stack) });
  return stack;
}

describe('REST: a Lambda function that outlives the integration', () => {
  test('a 40 s function behind the 29 s default integration timeout warns with both values', () => {
    const stack = restStack((s) => new apigateway.LambdaIntegration(backendFunction(s, 'Fn', Duration.seconds(40))));
    const warnings = timeoutWarnings(stack);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('/Stack/Api/Default/GET');
    expect(warnings[0]).toContain(
      'The Lambda function Stack/Fn times out after 40 s, but this integration times out after 29 s (the API Gateway default)',
    );
    expect(warnings[0]).toContain(
      "Set the function's timeout below 29 s (the integration's clock includes the invoke and any cold start). To wait longer, set `timeout` on the LambdaIntegration",
    );
    expect(warnings[0]).toContain(REST_WARNING);
  });

  test('a 20 s function, a 28 s function and a function with the 3 s Lambda default do not warn', () => {
    for (const timeout of [Duration.seconds(20), Duration.seconds(28), undefined]) {
      const stack = restStack((s) => new apigateway.LambdaIntegration(backendFunction(s, 'Fn', timeout)));
      expect(timeoutWarnings(stack)).toEqual([]);
    }
  });

  test('a 29 s function warns, as WA-ApiGwRestLambdaTimeout reports it: one predicate, one answer', () => {
    const stack = restStack((s) => new apigateway.LambdaIntegration(backendFunction(s, 'Fn', Duration.seconds(29))));
    expect(timeoutWarnings(stack)).toEqual([expect.stringContaining('Stack/Fn times out after 29 s')]);
    const method = stack.node
      .findAll()
      .find((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::ApiGateway::Method');
    expect(complianceOf(new ApiGwRestLambdaTimeoutRule(), stack, method!.node.path)).toBe(Compliance.NON_COMPLIANT);
  });

  test("an asynchronous integration (X-Amz-Invocation-Type 'Event') neither warns nor is a finding", () => {
    const stack = restStack(
      (s) =>
        new apigateway.LambdaIntegration(backendFunction(s, 'Fn', Duration.seconds(300)), {
          proxy: false,
          requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'Event'" },
          integrationResponses: [{ statusCode: '202' }],
        }),
    );
    expect(timeoutWarnings(stack)).toEqual([]);
    const method = stack.node
      .findAll()
      .find((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::ApiGateway::Method');
    expect(complianceOf(new ApiGwRestLambdaTimeoutRule(), stack, method!.node.path)).toBe(Compliance.NOT_APPLICABLE);
  });

  test('an explicit integration timeout is the one compared', () => {
    const stack = restStack(
      (s) =>
        new apigateway.LambdaIntegration(backendFunction(s, 'Fn', Duration.seconds(20)), {
          timeout: Duration.seconds(10),
        }),
    );
    expect(timeoutWarnings(stack)).toEqual([
      expect.stringContaining('times out after 20 s, but this integration times out after 10 s (its `timeout`)'),
    ]);
  });

  test('a function behind an alias is followed to its timeout', () => {
    const stack = restStack((s) => {
      const fn = backendFunction(s, 'Fn', Duration.seconds(60));
      return new apigateway.LambdaIntegration(
        new lambda.Alias(s, 'Live', { aliasName: 'live', version: fn.currentVersion }),
      );
    });
    expect(timeoutWarnings(stack)).toEqual([expect.stringContaining('Stack/Fn times out after 60 s')]);
  });

  test('an imported function, a token timeout and a non-Lambda integration are skipped', () => {
    const imported = restStack(
      (s) =>
        new apigateway.LambdaIntegration(
          lambda.Function.fromFunctionArn(s, 'Imported', 'arn:aws:lambda:us-east-1:111111111111:function:far-away'),
        ),
    );
    expect(timeoutWarnings(imported)).toEqual([]);
    const tokenTimeout = restStack((s) => {
      const fn = backendFunction(s, 'Fn');
      (fn.node.defaultChild as lambda.CfnFunction).timeout = new CfnParameter(s, 'Timeout', {
        type: 'Number',
      }).valueAsNumber;
      return new apigateway.LambdaIntegration(fn);
    });
    expect(timeoutWarnings(tokenTimeout)).toEqual([]);
    const mock = restStack(() => new apigateway.MockIntegration());
    expect(timeoutWarnings(mock)).toEqual([]);
  });

  test('the warning can be acknowledged', () => {
    const stack = restStack((s) => new apigateway.LambdaIntegration(backendFunction(s, 'Fn', Duration.seconds(40))));
    Validations.of(stack).acknowledge({ id: REST_WARNING, reason: 'The function also serves a queue.' });
    expect(timeoutWarnings(stack)).toEqual([]);
  });
});

describe('HTTP: a Lambda function that outlives the integration', () => {
  test('a 31 s function behind the 30 s integration timeout warns with both values', () => {
    const stack = httpStack(
      (s) => new integrations.HttpLambdaIntegration('Items', backendFunction(s, 'Fn', Duration.seconds(31))),
    );
    const warnings = timeoutWarnings(stack);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(HTTP_WARNING);
    expect(warnings[0]).toContain(
      'The Lambda function Stack/Fn times out after 31 s, but this integration times out after 30 s (the API Gateway default)',
    );
    expect(warnings[0]).toContain('HTTP API integrations cannot wait longer than 30 s.');
  });

  test('a 29 s function does not warn; a 30 s function warns, as WA-ApiGwHttpLambdaTimeout reports it', () => {
    const below = httpStack(
      (s) => new integrations.HttpLambdaIntegration('Items', backendFunction(s, 'Fn', Duration.seconds(29))),
    );
    expect(timeoutWarnings(below)).toEqual([]);
    const at = httpStack(
      (s) => new integrations.HttpLambdaIntegration('Items', backendFunction(s, 'Fn', Duration.seconds(30))),
    );
    expect(timeoutWarnings(at)).toEqual([expect.stringContaining('Stack/Fn times out after 30 s')]);
    const integration = at.node
      .findAll()
      .find((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::ApiGatewayV2::Integration');
    expect(complianceOf(new ApiGwHttpLambdaTimeoutRule(), at, integration!.node.path)).toBe(Compliance.NON_COMPLIANT);
  });

  test('a shorter integration timeout is the one compared', () => {
    const stack = httpStack(
      (s) =>
        new integrations.HttpLambdaIntegration('Items', backendFunction(s, 'Fn', Duration.seconds(15)), {
          timeout: Duration.seconds(5),
        }),
    );
    expect(timeoutWarnings(stack)).toEqual([
      expect.stringContaining('times out after 15 s, but this integration times out after 5 s (its `timeout`)'),
    ]);
  });

  test('a plain HttpApi is not checked', () => {
    const stack = new Stack(new App(), 'Stack');
    const api = new apigwv2.HttpApi(stack, 'Api');
    api.addRoutes({
      path: '/items',
      integration: new integrations.HttpLambdaIntegration('Items', backendFunction(stack, 'Fn', Duration.seconds(60))),
    });
    expect(timeoutWarnings(stack)).toEqual([]);
  });
});
