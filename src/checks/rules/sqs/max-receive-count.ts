import { displayName } from './display-name';
import { lambdaConsumersOf, redrivePolicyOf } from './queue-relations';
import { MAX_RECEIVE_COUNT } from '../../../service-defaults/sqs';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * A queue consumed by a Lambda function has a redrive `maxReceiveCount` of at least 5: Lambda's poller
 * receives a message again when the function is throttled, so a lower count dead-letters messages that
 * never failed.
 */
export class SqsMaxReceiveCountRule extends Rule {
  constructor() {
    super({
      id: 'WA-SqsMaxReceiveCount',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        `A queue that a Lambda function consumes has a redrive \`maxReceiveCount\` of at least ${MAX_RECEIVE_COUNT}, as the Lambda ` +
        'developer guide advises: throttled invocations count as receives, so a lower count sends healthy messages ' +
        'to the dead-letter queue.',
      remediation: `Set \`deadLetterQueue: { queue, maxReceiveCount: ${MAX_RECEIVE_COUNT} }\` (or more) on the \`sqs.Queue\`.`,
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
    const consumers = lambdaConsumersOf(resource, context.index);
    if (consumers.length === 0) {
      return RuleResult.notApplicable('no Lambda event source mapping of this stack consumes the queue');
    }
    const raw = policy.value.maxReceiveCount;
    if (Values.isUnknown(raw)) {
      return RuleResult.unknown('maxReceiveCount is resolved at deploy time');
    }
    const count = Values.asNumber(raw);
    if (count === undefined) {
      return RuleResult.unknown(`maxReceiveCount has an unexpected value: ${JSON.stringify(raw)}`);
    }
    if (count >= MAX_RECEIVE_COUNT) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Queue ${displayName(resource)} is consumed by Lambda (event source mapping ${displayName(consumers[0])}) with maxReceiveCount ${count}, so ` +
        `throttled receives can dead-letter healthy messages. Set \`deadLetterQueue.maxReceiveCount\` to at least ${MAX_RECEIVE_COUNT}.`,
    );
  }
}
