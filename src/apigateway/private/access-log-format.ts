import * as apigateway from 'aws-cdk-lib/aws-apigateway';

/**
 * One JSON object per request, so CloudWatch Logs Insights can filter and aggregate on every field. Every value
 * is quoted: API Gateway writes `-` for a missing value, which would make an unquoted number field invalid JSON.
 */
function jsonFormat(fields: Record<string, string>): apigateway.AccessLogFormat {
  return apigateway.AccessLogFormat.custom(JSON.stringify(fields));
}

/**
 * The fields both API types log: who called, what, when, the outcome, and where the time went. Methods and routes
 * use IAM authorization by default, so the caller is the signing principal (`identity.*`: account, principal id,
 * user, ARN); a Lambda authorizer's principal is `authorizer.principalId`. Both API types document these variables:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html (REST)
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html (HTTP)
 */
const COMMON_FIELDS: Record<string, string> = {
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
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integration.latency',
  integrationStatus: '$context.integration.status',
  integrationError: '$context.integration.error',
  errorMessage: '$context.error.message',
  authorizerError: '$context.authorizer.error',
};

/** The JSON access-log format of `WellArchitectedRestApi`: the common fields, the resource path and the X-Ray trace. */
export function restAccessLogFormat(): apigateway.AccessLogFormat {
  return jsonFormat({
    ...COMMON_FIELDS,
    resourcePath: '$context.resourcePath',
    errorResponseType: '$context.error.responseType',
    xrayTraceId: '$context.xrayTraceId',
  });
}

/** The JSON access-log format of `WellArchitectedHttpApi`: the common fields and the matched route (HTTP APIs have no X-Ray). */
export function httpAccessLogFormat(): apigateway.AccessLogFormat {
  return jsonFormat({
    ...COMMON_FIELDS,
    routeKey: '$context.routeKey',
  });
}
