import { alarmsOnFunctionMetric } from './lambda-alarms';
import { FUNCTION, describeFunction, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** Lambda functions have a CloudWatch alarm on their `Errors` metric. */
export class LambdaErrorsAlarmRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaErrorsAlarm',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'Lambda functions have a CloudWatch alarm on the AWS/Lambda Errors metric of the function, so failing invocations are noticed without reading logs.',
      remediation:
        'Create `fn.metricErrors().createAlarm(this, "Errors", { threshold: 1, evaluationPeriods: 1 })` and add an alarm action (or use `WellArchitectedFunction`, which creates it).',
      resourceTypes: [FUNCTION],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const { alarms, unknown } = alarmsOnFunctionMetric(resource, context.index, 'Errors', context.app);
    if (alarms.length > 0) {
      return RuleResult.compliant();
    }
    if (unknown) {
      return RuleResult.unknown('an alarm on the function has a metric that cannot be resolved at synth time');
    }
    return RuleResult.nonCompliant(
      `Function ${describeFunction(resource)} has no CloudWatch alarm on its Errors metric in this app. Add \`fn.metricErrors().createAlarm(...)\` with an alarm action.`,
    );
  }
}
