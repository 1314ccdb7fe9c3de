import { ApiGwHttpAccessLoggingRule } from './http-access-logging';
import { ApiGwHttpDefaultThrottlingRule } from './http-default-throttling';
import { ApiGwHttpDetailedMetricsRule } from './http-detailed-metrics';
import { ApiGwHttpLambdaTimeoutRule } from './http-lambda-timeout';
import { ApiGwHttpLatencyAlarmRule } from './http-latency-alarm';
import { ApiGwHttpRouteAuthorizationRule } from './http-route-authorization';
import { ApiGwHttpServerErrorAlarmRule } from './http-server-error-alarm';
import { ApiGwHttpStructuredAccessLogsRule } from './http-structured-access-logs';
import { ApiGwRestAccessLoggingRule } from './rest-access-logging';
import { ApiGwRestDataTraceRule } from './rest-data-trace';
import { ApiGwRestDefaultThrottlingRule } from './rest-default-throttling';
import { ApiGwRestDetailedMetricsRule } from './rest-detailed-metrics';
import { ApiGwRestDomainTlsRule } from './rest-domain-tls';
import { ApiGwRestExecutionLoggingRule } from './rest-execution-logging';
import { ApiGwRestLambdaTimeoutRule } from './rest-lambda-timeout';
import { ApiGwRestLatencyAlarmRule } from './rest-latency-alarm';
import { ApiGwRestMethodAuthorizationRule } from './rest-method-authorization';
import { ApiGwRestServerErrorAlarmRule } from './rest-server-error-alarm';
import { ApiGwRestStructuredAccessLogsRule } from './rest-structured-access-logs';
import { ApiGwRestTracingRule } from './rest-tracing';
import { ApiGwRestWafRule } from './rest-waf';
import { Rule } from '../../engine/rule';

/** The API Gateway rules (REST v1, HTTP and WebSocket v2), one a file in this folder. */
export function apiGatewayRules(): Rule[] {
  return [
    new ApiGwRestAccessLoggingRule(),
    new ApiGwRestStructuredAccessLogsRule(),
    new ApiGwRestTracingRule(),
    new ApiGwRestExecutionLoggingRule(),
    new ApiGwRestDataTraceRule(),
    new ApiGwRestDetailedMetricsRule(),
    new ApiGwRestDefaultThrottlingRule(),
    new ApiGwRestMethodAuthorizationRule(),
    new ApiGwRestDomainTlsRule(),
    new ApiGwRestWafRule(),
    new ApiGwRestLambdaTimeoutRule(),
    new ApiGwRestServerErrorAlarmRule(),
    new ApiGwRestLatencyAlarmRule(),
    new ApiGwHttpAccessLoggingRule(),
    new ApiGwHttpStructuredAccessLogsRule(),
    new ApiGwHttpDetailedMetricsRule(),
    new ApiGwHttpDefaultThrottlingRule(),
    new ApiGwHttpRouteAuthorizationRule(),
    new ApiGwHttpLambdaTimeoutRule(),
    new ApiGwHttpServerErrorAlarmRule(),
    new ApiGwHttpLatencyAlarmRule(),
  ];
}
