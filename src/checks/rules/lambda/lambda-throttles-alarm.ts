import { alarmsOnFunctionMetric } from './lambda-alarms';
import { FUNCTION, describeFunction, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** Lambda functions have a CloudWatch alarm on their `Throttles` metric. */
export class LambdaThrottlesAlarmRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaThrottlesAlarm',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'Lambda functions have a CloudWatch alarm on the AWS/Lambda Throttles metric of the function: throttled synchronous calls fail, and throttled event sources fall behind.',
      remediation:
        'Create `fn.metricThrottles().createAlarm(this, "Throttles", { threshold: 1, evaluationPeriods: 1 })` and add an alarm action (or use `WellArchitectedFunction`).',
      resourceTypes: [FUNCTION],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const { alarms, unknown } = alarmsOnFunctionMetric(resource, context.index, 'Throttles', context.app);
    if (alarms.length > 0) {
      return RuleResult.compliant();
    }
    if (unknown) {
      return RuleResult.unknown('an alarm on the function has a metric that cannot be resolved at synth time');
    }
    return RuleResult.nonCompliant(
      `Function ${describeFunction(resource)} has no CloudWatch alarm on its Throttles metric in this app. Add \`fn.metricThrottles().createAlarm(...)\` with an alarm action.`,
    );
  }
}
