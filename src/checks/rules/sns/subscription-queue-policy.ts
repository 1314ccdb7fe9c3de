import { protocolOf, queueAcceptsSns } from './topic-relations';
import { Decision } from '../../engine/policy';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { displayName } from '../sqs/display-name';
import { QUEUE, redrivePolicyOf } from '../sqs/queue-relations';

/**
 * The queues an SNS subscription delivers to (its `sqs` endpoint and its dead-letter queue) have a queue
 * policy that lets `sns.amazonaws.com` call `sqs:SendMessage`. Without it SNS cannot deliver, and the
 * messages are lost (or, for the dead-letter queue, the safety net does not hold).
 */
export class SnsSubscriptionQueuePolicyRule extends Rule {
  constructor() {
    super({
      id: 'WA-SnsSubscriptionQueuePolicy',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.ERROR,
      description:
        'The SQS queues a subscription delivers to, its endpoint (protocol sqs) and its dead-letter queue, have a ' +
        'queue policy letting sns.amazonaws.com call sqs:SendMessage; otherwise SNS cannot deliver to them.',
      remediation:
        'Subscribe with `topic.addSubscription(new subscriptions.SqsSubscription(queue, { deadLetterQueue }))`, ' +
        'which adds the policies, or `queue.addToResourcePolicy(...)` allowing `sns.amazonaws.com` to ' +
        '`sqs:SendMessage` with an `aws:SourceArn` condition.',
      resourceTypes: ['AWS::SNS::Subscription'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const targets: Array<{ role: string; value: any }> = [];
    const protocol = protocolOf(resource);
    if (protocol === 'sqs') {
      targets.push({ role: 'endpoint', value: resource.get('Endpoint') });
    }
    const redrive = redrivePolicyOf(resource);
    if (redrive.state === 'set') {
      targets.push({ role: 'dead-letter queue', value: redrive.value.deadLetterTargetArn });
    }
    if (targets.length === 0) {
      return protocol === undefined || redrive.state === 'unknown'
        ? RuleResult.unknown('the protocol or redrive policy is resolved at deploy time')
        : RuleResult.notApplicable('the subscription delivers to no queue');
    }
    let unknown: string | undefined;
    for (const target of targets) {
      const queue = context.index.resolveReference(target.value);
      if (queue?.resourceType !== QUEUE) {
        unknown = `its ${target.role} is not a queue of this stack`;
        continue;
      }
      const answer = queueAcceptsSns(queue, context.index, context.index.resolveReference(resource.get('TopicArn')));
      if (answer.decision === Decision.DENIED) {
        return RuleResult.nonCompliant(
          `Subscription ${displayName(resource)} delivers to queue ${displayName(queue)} (its ${target.role}), whose ` +
            `policy does not let sns.amazonaws.com call sqs:SendMessage for its topic (${answer.reason}), so delivery fails. Use ` +
            '`subscriptions.SqsSubscription` or `queue.addToResourcePolicy(...)`.',
        );
      }
      if (answer.decision === Decision.UNKNOWN) {
        unknown = `queue ${queue.logicalId}: ${answer.reason}`;
      }
    }
    return unknown === undefined ? RuleResult.compliant() : RuleResult.unknown(unknown);
  }
}
