/*
 * The API Gateway numbers and decisions of the library, declared once: the constructs (the Lambda-timeout warning
 * of WellArchitectedRestApi and WellArchitectedHttpApi) and the rules (WA-ApiGwRestLambdaTimeout,
 * WA-ApiGwHttpLambdaTimeout) read them from here. Plain numbers and functions, no tokens. Not part of the public API.
 */

/**
 * How long API Gateway waits for an integration when `TimeoutInMillis` is absent: 29 s for REST and WebSocket APIs,
 * 30 s for HTTP APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
 */
export const REST_INTEGRATION_TIMEOUT_SECONDS = 29;
export const HTTP_INTEGRATION_TIMEOUT_SECONDS = 30;
export const WEBSOCKET_INTEGRATION_TIMEOUT_SECONDS = 29;

/**
 * Whether a Lambda function can still be running when its integration gives up, so the client gets a 504 (HTTP APIs:
 * 503) while the function runs on and bills. The integration's clock starts before the invoke and includes any cold
 * start, so a function timeout equal to the integration timeout is already too long: it must be below it.
 */
export function functionOutlivesIntegration(functionTimeoutSeconds: number, integrationTimeoutMillis: number): boolean {
  return functionTimeoutSeconds * 1000 >= integrationTimeoutMillis;
}

/** The request parameter that sets the invocation type of a REST API Lambda (non-proxy) integration. */
const INVOCATION_TYPE_PARAMETER = 'integration.request.header.x-amz-invocation-type';

/**
 * Whether a REST API Lambda integration invokes the function asynchronously: its request parameters set the
 * `X-Amz-Invocation-Type` header to the static value `'Event'`. Lambda then queues the event and answers at once, so
 * the function's timeout cannot outlast the integration
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integration-async.html).
 * Returns undefined when the parameters cannot be read at synth time.
 */
export function invokesAsynchronously(requestParameters: unknown): boolean | undefined {
  if (requestParameters === undefined || requestParameters === null) {
    return false;
  }
  if (typeof requestParameters !== 'object' || Array.isArray(requestParameters) || isIntrinsic(requestParameters)) {
    return undefined;
  }
  for (const [name, value] of Object.entries(requestParameters as Record<string, unknown>)) {
    if (name.toLowerCase() !== INVOCATION_TYPE_PARAMETER) {
      continue;
    }
    if (typeof value !== 'string') {
      return undefined;
    }
    return value.trim() === "'Event'";
  }
  return false;
}

/** `{ Ref: ... }` or `{ 'Fn::...': ... }`: a value CloudFormation works out at deploy time. */
function isIntrinsic(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
