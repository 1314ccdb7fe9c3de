import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { alarmsOnMetric } from '../cloudwatch/alarm-metrics';
import { displayName } from '../sqs/display-name';

/**
 * A metric filter's metrics are watched by an alarm of the stack. A filter that turns log lines into a
 * metric nobody alarms on is usually an unfinished alarm.
 */
export class LogsMetricFilterAlarmRule extends Rule {
  constructor() {
    super({
      id: 'WA-LogsMetricFilterAlarm',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'The metric a log metric filter publishes has a CloudWatch alarm in the app; a metric filter without one ' +
        'is usually an alarm that was never finished.',
      remediation:
        'Create the alarm: `metricFilter.metric().createAlarm(this, id, { threshold, evaluationPeriods })`, with an ' +
        'alarm action (`WellArchitectedMonitoring.of(this).addAlarm(alarm)`).',
      resourceTypes: ['AWS::Logs::MetricFilter'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const transformations = Values.asList(resource.get('MetricTransformations'));
    if (transformations === undefined) {
      return RuleResult.unknown('MetricTransformations is resolved at deploy time');
    }
    let unknown = false;
    for (const transformation of transformations) {
      const namespace = transformation?.MetricNamespace;
      const name = transformation?.MetricName;
      if (
        typeof namespace !== 'string' ||
        typeof name !== 'string' ||
        Values.isUnknown(namespace) ||
        Values.isUnknown(name)
      ) {
        unknown = true;
        continue;
      }
      if (alarmsOnMetric(context.index, namespace, name).length === 0) {
        return RuleResult.nonCompliant(
          `Metric filter ${displayName(resource)} publishes ${namespace}/${name}, which no alarm of this stack watches. ` +
            'Create one with `metricFilter.metric().createAlarm(...)`, or remove the filter.',
        );
      }
    }
    return unknown
      ? RuleResult.unknown('a metric name or namespace is resolved at deploy time')
      : RuleResult.compliant();
  }
}
