import { keyGrantsService, protocolOf } from './topic-relations';
import { CheckedResource } from '../../engine/resource';
import { Compliance, Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { displayName } from '../sqs/display-name';
import { QUEUE, redrivePolicyOf } from '../sqs/queue-relations';

/**
 * The KMS-encrypted queues an SNS subscription delivers to (endpoint, dead-letter queue) use a key whose
 * policy lets `sns.amazonaws.com` call `kms:Decrypt` and `kms:GenerateDataKey*`. The AWS managed
 * `alias/aws/sqs` key cannot grant it.
 */
export class SnsSubscriptionQueueKeyRule extends Rule {
  constructor() {
    super({
      id: 'WA-SnsSubscriptionQueueKey',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.ERROR,
      description:
        'A KMS-encrypted queue that an SNS subscription delivers to (endpoint or dead-letter queue) uses a customer ' +
        'managed key that lets sns.amazonaws.com call kms:Decrypt and kms:GenerateDataKey*; with alias/aws/sqs or ' +
        'without the grant, SNS cannot deliver.',
      remediation:
        'Encrypt the queue with `encryption: sqs.QueueEncryption.KMS` and an `encryptionMasterKey`; ' +
        '`subscriptions.SqsSubscription` then grants SNS on the key. Or use `QueueEncryption.SQS_MANAGED`.',
      resourceTypes: ['AWS::SNS::Subscription'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const values: any[] = [];
    if (protocolOf(resource) === 'sqs') {
      values.push(resource.get('Endpoint'));
    }
    const redrive = redrivePolicyOf(resource);
    if (redrive.state === 'set') {
      values.push(redrive.value.deadLetterTargetArn);
    }
    if (values.length === 0) {
      return RuleResult.notApplicable('the subscription delivers to no queue');
    }
    let result: RuleResult | undefined;
    for (const value of values) {
      const queue = context.index.resolveReference(value);
      const outcome =
        queue?.resourceType !== QUEUE
          ? RuleResult.unknown('the queue is not a queue of this stack')
          : queue.unresolvedReason
            ? RuleResult.unknown(queue.unresolvedReason)
            : keyGrantsService(
                'queue',
                queue,
                'KmsMasterKeyId',
                context.index,
                'sns.amazonaws.com',
                'Encrypt the queue with a customer managed `kms.Key` (`SqsSubscription` grants SNS on it) or with `QueueEncryption.SQS_MANAGED`.',
              );
      if (outcome.compliance === Compliance.NON_COMPLIANT) {
        return RuleResult.nonCompliant(`Subscription ${displayName(resource)} cannot deliver: ${outcome.message}`);
      }
      if (result === undefined || outcome.compliance === Compliance.UNKNOWN) {
        result = outcome;
      }
    }
    return result!;
  }
}
