import { targetLabel, targetsOf } from './targets';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { Presence, presenceOf } from '../apigateway/set-value';

/** Every EventBridge rule target has a dead-letter queue. */
export class EventBridgeTargetDlqRule extends Rule {
  constructor() {
    super({
      id: 'WA-EventBridgeTargetDlq',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'Every target of an EventBridge rule has a dead-letter queue. When delivery fails after all retries (or the target is missing or forbidden), EventBridge drops the event unless a DLQ catches it.',
      remediation:
        'Pass `deadLetterQueue: queue` to the target (e.g. `new targets.LambdaFunction(fn, { deadLetterQueue })`); the aws-events-targets classes also grant EventBridge access to the queue.',
      resourceTypes: ['AWS::Events::Rule'],
      equivalents: {
        serverlessRules: ['ES4000', 'aws_cloudwatch_event_target_no_dlq'],
        cdkNag: ['Serverless-EventBusDLQ'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const targets = targetsOf(resource);
    if (targets instanceof RuleResult) {
      return targets;
    }
    const presences = targets.map((t) => presenceOf(Values.get(t, 'DeadLetterConfig.Arn'), context.index));
    const missing = targets.filter((_, i) => presences[i] === Presence.ABSENT);
    if (missing.length > 0) {
      return RuleResult.nonCompliant(
        `Target ${missing.map(targetLabel).join(', ')} of this rule has no dead-letter queue, so events that fail delivery are dropped. Pass \`deadLetterQueue\` to the target.`,
      );
    }
    if (presences.includes(Presence.UNKNOWN)) {
      return RuleResult.unknown('a dead-letter queue ARN is not known at synth time');
    }
    return RuleResult.compliant();
  }
}
