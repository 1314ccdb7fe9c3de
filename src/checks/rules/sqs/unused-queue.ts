import { displayName } from './display-name';
import { statementsOf } from './policy-document';
import { literalQueueName } from './queue-relations';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** Resources that watch or protect a queue without sending to it or consuming from it. */
const OBSERVERS = new Set(['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard']);

/**
 * A queue has a producer or a consumer in its stack: some resource other than an alarm, a dashboard or a
 * deny-only queue policy refers to it (a subscription, an event source mapping, an IAM grant, a rule target,
 * a redrive policy, a queue policy that allows someone...). A queue with an explicit `QueueName` is exempt:
 * systems outside the app can find it by name.
 */
export class SqsUnusedQueueRule extends Rule {
  constructor() {
    super({
      id: 'WA-SqsUnusedQueue',
      pillar: Pillar.SUSTAINABILITY,
      lensQuestion: 'SUS 2',
      severity: Severity.INFO,
      description:
        'A queue is used: something in the app sends to it, consumes it, is granted access to it or uses it as a ' +
        'dead-letter queue. A queue nobody refers to is usually left over. Queues with an explicit name are exempt; ' +
        'acknowledge queues used only from other stacks or applications.',
      remediation:
        'Remove the queue, or connect it (an event source, a subscription, `queue.grantSendMessages(...)`); if ' +
        'another stack uses it, acknowledge the finding with `Validations.of(queue).acknowledge(...)`.',
      resourceTypes: ['AWS::SQS::Queue'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const name = resource.get('QueueName');
    if (name !== undefined) {
      return RuleResult.notApplicable(
        literalQueueName(resource) !== undefined
          ? 'the queue has an explicit name, so code outside the app can use it'
          : 'the queue name is resolved at deploy time',
      );
    }
    const users = context.index.referencesTo(resource.logicalId).filter((ref) => {
      if (ref.source === resource || OBSERVERS.has(ref.source.resourceType)) {
        return false;
      }
      if (ref.source.resourceType === 'AWS::SQS::QueuePolicy') {
        return allowsSomeone(ref.source);
      }
      return true;
    });
    if (users.length > 0) {
      return RuleResult.compliant();
    }
    if (context.app?.isExported(resource)) {
      return RuleResult.unknown('the queue is exported: a stack outside this app may import and use it');
    }
    return RuleResult.nonCompliant(
      `Queue ${displayName(resource)} has no producer or consumer in this app: nothing sends to it, reads it or is ` +
        'granted access to it. Remove it, connect it, or acknowledge it if another stack uses it.',
    );
  }
}

function allowsSomeone(policy: CheckedResource): boolean {
  const statements = statementsOf(policy.get('PolicyDocument'));
  // An unreadable policy document may well allow someone: count it as a use rather than report the queue.
  return statements === undefined || statements.some((s) => s?.Effect !== 'Deny');
}
