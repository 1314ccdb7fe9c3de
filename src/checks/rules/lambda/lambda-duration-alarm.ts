import { alarmsOnFunctionMetric } from './lambda-alarms';
import { DEFAULT_TIMEOUT_SECONDS, FUNCTION, describeFunction, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Lambda functions have a CloudWatch alarm on their `Duration` metric with a threshold below their timeout. */
export class LambdaDurationAlarmRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaDurationAlarm',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'Lambda functions have a CloudWatch alarm on the AWS/Lambda Duration metric with a threshold below the timeout (e.g. 80% of it at p99), which warns before invocations start timing out.',
      remediation:
        'Create `fn.metricDuration({ statistic: "p99" }).createAlarm(this, "Duration", { threshold: timeout.toMilliseconds() * 0.8, evaluationPeriods: 3 })` with an alarm action (or use `WellArchitectedFunction`).',
      resourceTypes: [FUNCTION],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const { alarms, unknown } = alarmsOnFunctionMetric(resource, context.index, 'Duration', context.app);
    if (alarms.length === 0) {
      if (unknown) {
        return RuleResult.unknown('an alarm on the function has a metric that cannot be resolved at synth time');
      }
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} has no CloudWatch alarm on its Duration metric in this app. Add \`fn.metricDuration().createAlarm(...)\` with a threshold below the timeout.`,
      );
    }
    const rawTimeout = resource.get('Timeout');
    const timeout = rawTimeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Values.asNumber(rawTimeout);
    if (timeout === undefined) {
      return RuleResult.unknown('Timeout cannot be resolved at synth time');
    }
    const timeoutMs = timeout * 1000;
    // An alarm whose threshold is unknown may be fine; one at or above the timeout can never warn in time.
    if (alarms.some((a) => a.threshold === undefined || a.threshold < timeoutMs)) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Function ${describeFunction(resource)} has a Duration alarm (${alarms.map((a) => a.alarm.logicalId).join(', ')}) whose threshold is at or above the ${timeoutMs} ms timeout, so it cannot warn before timeouts. Set the threshold below the timeout, e.g. 80% of it.`,
    );
  }
}
