import { AlarmPresence, apiGatewayAlarmPresence } from './api-alarms';
import { CheckedResource } from '../../engine/resource';
import { RuleContext, RuleResult } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * Whether a REST API has an alarm on one of `metricNames`. REST API metrics carry the dimension `ApiName`,
 * the API's `Name` (what `RestApi.metricServerError()` and `metricLatency()` use).
 */
export function evaluateRestApiAlarm(
  api: CheckedResource,
  context: RuleContext,
  metricNames: string[],
  missingMessage: string,
): RuleResult {
  if (api.unresolvedReason) {
    return RuleResult.unknown(api.unresolvedReason);
  }
  const name = api.get('Name');
  if (name === undefined || Values.isUnknown(name)) {
    return RuleResult.unknown('the API name (the ApiName metric dimension) is not known at synth time');
  }
  const presence = apiGatewayAlarmPresence(
    context.index,
    metricNames,
    'ApiName',
    {
      literalValue: name,
      logicalId: api.logicalId,
    },
    context.app,
  );
  switch (presence) {
    case AlarmPresence.FOUND:
      return RuleResult.compliant();
    case AlarmPresence.UNKNOWN:
      return RuleResult.unknown('an alarm of the app watches a metric that is not known at synth time');
    default:
      return RuleResult.nonCompliant(missingMessage.replace('{name}', String(name)));
  }
}
