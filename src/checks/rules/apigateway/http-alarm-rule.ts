import { AlarmPresence, apiGatewayAlarmPresence } from './api-alarms';
import { CheckedResource } from '../../engine/resource';
import { RuleContext, RuleResult } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * Whether an HTTP API has an alarm on one of `metricNames`. HTTP API metrics carry the dimension `ApiId`
 * (what `HttpApi.metricServerError()` and `metricLatency()` use). WebSocket APIs publish other metrics.
 */
export function evaluateHttpApiAlarm(
  api: CheckedResource,
  context: RuleContext,
  metricNames: string[],
  missingMessage: string,
): RuleResult {
  if (api.unresolvedReason) {
    return RuleResult.unknown(api.unresolvedReason);
  }
  const protocol = api.get('ProtocolType');
  if (Values.isUnknown(protocol)) {
    return RuleResult.unknown('ProtocolType is not known at synth time');
  }
  if (protocol !== 'HTTP') {
    return RuleResult.notApplicable('WebSocket APIs publish different metrics');
  }
  const presence = apiGatewayAlarmPresence(
    context.index,
    metricNames,
    'ApiId',
    { logicalId: api.logicalId },
    context.app,
  );
  switch (presence) {
    case AlarmPresence.FOUND:
      return RuleResult.compliant();
    case AlarmPresence.UNKNOWN:
      return RuleResult.unknown('an alarm of the app watches a metric that is not known at synth time');
    default:
      return RuleResult.nonCompliant(missingMessage);
  }
}
