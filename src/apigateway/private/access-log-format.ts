import * as apigateway from 'aws-cdk-lib/aws-apigateway';

/**
 * One JSON object per request, so CloudWatch Logs Insights can filter and aggregate on every field. Every value
 * is quoted: API Gateway writes `-` for a missing value, which would make an unquoted number field invalid JSON.
 */
function jsonFormat(fields: Record<string, string>): apigateway.AccessLogFormat {
  return apigateway.AccessLogFormat.custom(JSON.stringify(fields));
}

/** The fields both API types log: who called, what, when, the outcome, and where the time went. */
const COMMON_FIELDS: Record<string, string> = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
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
