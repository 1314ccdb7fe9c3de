import { targetLabel, targetsOf } from './targets';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Every EventBridge rule target sets its retry policy explicitly. */
export class EventBridgeTargetRetryPolicyRule extends Rule {
  constructor() {
    super({
      id: 'WA-EventBridgeTargetRetryPolicy',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.INFO,
      description:
        'Every target of an EventBridge rule sets a retry policy (maximum retry attempts and event age). The default retries for 24 hours, up to 185 times, which can deliver stale events long after they matter; choose the window the target needs.',
      remediation:
        'Pass `retryAttempts` and `maxEventAge` to the target, e.g. `new targets.LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.hours(1) })`.',
      resourceTypes: ['AWS::Events::Rule'],
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    const targets = targetsOf(resource);
    if (targets instanceof RuleResult) {
      return targets;
    }
    const missing = targets.filter((t) => t.RetryPolicy === undefined);
    if (missing.length > 0) {
      return RuleResult.nonCompliant(
        `Target ${missing.map(targetLabel).join(', ')} of this rule uses the default retry policy (24 hours, 185 attempts). Pass \`retryAttempts\` and \`maxEventAge\` to the target.`,
      );
    }
    if (targets.some((t) => Values.isUnknown(t.RetryPolicy))) {
      return RuleResult.unknown('a retry policy is not known at synth time');
    }
    return RuleResult.compliant();
  }
}
