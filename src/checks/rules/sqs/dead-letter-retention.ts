import { displayName } from './display-name';
import { deadLetterQueueOf, isFifoQueue, redrivePolicyOf } from './queue-relations';
import { SQS_DEFAULT_RETENTION_SECONDS, SQS_MAX_RETENTION_SECONDS } from '../../../service-defaults/sqs';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * The dead-letter queue of a standard queue keeps messages longer than the source queue does. A standard
 * queue keeps a message's original enqueue timestamp when it moves it to the dead-letter queue, so with equal
 * retention a message can expire soon after it arrives there. FIFO queues reset the timestamp: exempt.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
 */
export class SqsDeadLetterRetentionRule extends Rule {
  constructor() {
    super({
      id: 'WA-SqsDeadLetterRetention',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'The dead-letter queue of a standard queue has a longer retention period than its source (or the ' +
        `${days(SQS_MAX_RETENTION_SECONDS)} maximum): ` +
        'a dead-lettered message keeps its original enqueue timestamp, so it would otherwise expire ' +
        'before anyone can inspect or redrive it.',
      remediation:
        `Set \`retentionPeriod: Duration.days(${SQS_MAX_RETENTION_SECONDS / 86_400})\` on the dead-letter \`sqs.Queue\` (\`WellArchitectedQueue\` does), or ` +
        "shorten the source queue's `retentionPeriod`.",
      resourceTypes: ['AWS::SQS::Queue'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const policy = redrivePolicyOf(resource);
    if (policy.state === 'absent') {
      return RuleResult.notApplicable('the queue has no redrive policy');
    }
    if (policy.state === 'unknown') {
      return RuleResult.unknown('the redrive policy is resolved at deploy time');
    }
    const fifo = isFifoQueue(resource);
    if (fifo === undefined) {
      return RuleResult.unknown('FifoQueue is resolved at deploy time');
    }
    if (fifo) {
      return RuleResult.notApplicable('FIFO queues reset the enqueue timestamp when they dead-letter a message');
    }
    const dlq = deadLetterQueueOf(resource, context.index);
    if (dlq === undefined) {
      return RuleResult.unknown('the dead-letter queue is not a queue of this stack');
    }
    if (dlq.unresolvedReason) {
      return RuleResult.unknown(dlq.unresolvedReason);
    }
    const sourceRetention = retentionOf(resource);
    const dlqRetention = retentionOf(dlq);
    if (sourceRetention === undefined || dlqRetention === undefined) {
      return RuleResult.unknown('a MessageRetentionPeriod is resolved at deploy time');
    }
    if (dlqRetention > sourceRetention || dlqRetention >= SQS_MAX_RETENTION_SECONDS) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Dead-letter queue ${displayName(dlq)} keeps messages ${days(dlqRetention)}, not longer than its source queue ` +
        `${displayName(resource)} (${days(sourceRetention)}); dead-lettered messages keep their enqueue time and can ` +
        `expire before anyone sees them. Set \`retentionPeriod: Duration.days(${SQS_MAX_RETENTION_SECONDS / 86_400})\` on the dead-letter queue.`,
    );
  }
}

function retentionOf(queue: CheckedResource): number | undefined {
  const raw = queue.get('MessageRetentionPeriod');
  if (raw === undefined || raw === null) {
    return SQS_DEFAULT_RETENTION_SECONDS;
  }
  return Values.isUnknown(raw) ? undefined : Values.asNumber(raw);
}

function days(seconds: number): string {
  const value = seconds / 86_400;
  return Number.isInteger(value) ? `${value} days` : `${seconds} seconds`;
}
