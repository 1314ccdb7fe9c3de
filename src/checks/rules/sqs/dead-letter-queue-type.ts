import { displayName } from './display-name';
import { deadLetterQueueOf, isFifoQueue, redrivePolicyOf } from './queue-relations';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * A queue and its dead-letter queue are of the same type: SQS rejects a standard queue as the dead-letter
 * queue of a FIFO queue, and the reverse, at deploy time. A dead-letter queue outside the stack, named by a literal
 * ARN, is typed by its name: a FIFO queue's name ends with `.fifo`, and AWS documents that suffix as the way to tell
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-fifo.html).
 */
export class SqsDeadLetterQueueTypeRule extends Rule {
  constructor() {
    super({
      id: 'WA-SqsDeadLetterQueueType',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.ERROR,
      description:
        'A FIFO queue has a FIFO dead-letter queue and a standard queue a standard one; SQS refuses the redrive ' +
        'policy otherwise and the deployment fails.',
      remediation: 'Set `fifo: true` on both `sqs.Queue`s, or on neither.',
      resourceTypes: ['AWS::SQS::Queue'],
      equivalents: { cfnLint: ['E3502'] },
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
    const dlq = deadLetterQueueOf(resource, context.index);
    const literalName = dlq === undefined ? literalQueueNameOfArn(policy.value.deadLetterTargetArn) : undefined;
    if (dlq === undefined && literalName === undefined) {
      return RuleResult.unknown('the dead-letter queue is neither a queue of this stack nor a literal queue ARN');
    }
    if (dlq?.unresolvedReason) {
      return RuleResult.unknown(dlq.unresolvedReason);
    }
    const sourceFifo = isFifoQueue(resource);
    const dlqFifo = dlq ? isFifoQueue(dlq) : literalName!.endsWith('.fifo');
    if (sourceFifo === undefined || dlqFifo === undefined) {
      return RuleResult.unknown('FifoQueue is resolved at deploy time');
    }
    if (sourceFifo === dlqFifo) {
      return RuleResult.compliant();
    }
    const kind = (fifo: boolean) => (fifo ? 'FIFO' : 'standard');
    const dlqName = dlq ? displayName(dlq) : `'${literalName}'`;
    return RuleResult.nonCompliant(
      `Queue ${displayName(resource)} is ${kind(sourceFifo)} but its dead-letter queue ${dlqName} is ` +
        `${kind(dlqFifo)}; SQS rejects this at deploy time. Set \`fifo: ${sourceFifo}\` on the dead-letter queue.`,
    );
  }
}

/** The queue name at the end of a literal SQS ARN (`arn:<partition>:sqs:<region>:<account>:<name>`), else undefined. */
function literalQueueNameOfArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string') {
    return undefined;
  }
  const parts = arn.split(':');
  return parts.length === 6 && parts[0] === 'arn' && parts[2] === 'sqs' && parts[5] !== '' ? parts[5] : undefined;
}
