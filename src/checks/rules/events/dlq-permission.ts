import { targetLabel, targetsOf } from './targets';
import { Decision, eventsDlqRequest, PolicyIndex } from '../../engine/policy';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

const QUEUE_POLICY_TYPES = ['AWS::SQS::QueuePolicy', 'AWS::SQS::QueueInlinePolicy'];

/** The dead-letter queue of every EventBridge target lets EventBridge send messages to it. */
export class EventBridgeDlqPermissionRule extends Rule {
  constructor() {
    super({
      id: 'WA-EventBridgeDlqPermission',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'The dead-letter queue of an EventBridge target has a queue policy that lets `events.amazonaws.com` send messages. Without it EventBridge cannot write to the DLQ, and failed events are lost silently even though a DLQ is configured.',
      remediation:
        "Use the aws-events-targets classes with `deadLetterQueue` (they add the policy), or `queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('events.amazonaws.com')], actions: ['sqs:SendMessage'], resources: [queue.queueArn], conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } } }))`.",
      resourceTypes: ['AWS::Events::Rule'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const targets = targetsOf(resource);
    if (targets instanceof RuleResult) {
      return targets;
    }
    const withDlq = targets.filter((t) => t.DeadLetterConfig?.Arn !== undefined);
    if (withDlq.length === 0) {
      return RuleResult.notApplicable('no target has a dead-letter queue (see WA-EventBridgeTargetDlq)');
    }
    const denied: any[] = [];
    let unclear = false;
    for (const target of withDlq) {
      const queue = context.index.resolveReference(target.DeadLetterConfig.Arn);
      if (!queue || queue.resourceType !== 'AWS::SQS::Queue') {
        unclear = true;
        continue;
      }
      const policies = PolicyIndex.of(context.index);
      const decision = policies.decide(queue, QUEUE_POLICY_TYPES, eventsDlqRequest(resource, queue, policies.lookup), {
        decision: Decision.DENIED,
        reason: 'the queue has no queue policy',
      });
      if (decision.decision === Decision.DENIED) {
        denied.push(target);
      } else if (decision.decision === Decision.UNKNOWN) {
        unclear = true;
      }
    }
    if (denied.length > 0) {
      return RuleResult.nonCompliant(
        `The dead-letter queue of target ${denied.map(targetLabel).join(', ')} has no queue policy letting events.amazonaws.com call sqs:SendMessage for this rule, so EventBridge cannot deliver failed events to it. Add one with \`queue.addToResourcePolicy(...)\`.`,
      );
    }
    return unclear
      ? RuleResult.unknown('a dead-letter queue or its policy is not known at synth time')
      : RuleResult.compliant();
  }
}
