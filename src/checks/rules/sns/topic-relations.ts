import {
  arnForms,
  ContextValue,
  Decision,
  PathDecision,
  PolicyIndex,
  serviceRequest,
  WRITE_KEY_ACTIONS,
} from '../../engine/policy';
import { CheckedResource } from '../../engine/resource';
import { RuleResult } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';

/*
 * How topics relate to their publishers, subscriptions and keys. Internal helper of the SNS rules.
 */

/** The resource-policy types that set a queue's policy; each replaces the others. */
export const QUEUE_POLICY_TYPES = ['AWS::SQS::QueuePolicy', 'AWS::SQS::QueueInlinePolicy'];

/** The resources of the stack that reference `target` at a property path matching `path`. */
export function referrersAt(
  index: StackIndex,
  target: CheckedResource,
  sourceType: string,
  path: RegExp,
): CheckedResource[] {
  const referrers = index
    .referencesTo(target.logicalId, sourceType)
    .filter((ref) => path.test(ref.propertyPath))
    .map((ref) => ref.source);
  return [...new Set(referrers)];
}

/**
 * Whether the key that encrypts a topic or queue lets `service` use it, decided by the policy evaluator on the key
 * policy for `kms:Decrypt` and `kms:GenerateDataKey`. Compliant when there is no key; non-compliant for an AWS
 * managed key (its policy cannot grant other services) or a key of the stack whose policy does not allow the calls;
 * unknown for keys synth cannot read and conditions on keys the evaluator does not model.
 */
export function keyGrantsService(
  noun: string,
  encrypted: CheckedResource,
  keyProperty: string,
  index: StackIndex,
  service: string,
  fix: string,
): RuleResult {
  const keyId = encrypted.get(keyProperty);
  if (keyId === undefined || keyId === null || keyId === '') {
    return RuleResult.compliant();
  }
  const policies = PolicyIndex.of(index);
  const target = policies.keyOf(keyId);
  if (target === undefined) {
    return RuleResult.unknown(`the ${keyProperty} is not a key of this stack`);
  }
  if (target.awsManaged) {
    return RuleResult.nonCompliant(
      `${noun} ${displayName(encrypted)} is encrypted with an AWS managed key, whose key policy cannot let ${service} use it, ` +
        `so its messages are silently dropped. ${fix}`,
    );
  }
  const key = target.key!;
  const decision = policies.decideAll(
    (request) => policies.decideKey(key, request),
    WRITE_KEY_ACTIONS.map((action) => serviceRequest(service, action, key, policies.lookup)),
  );
  if (decision.decision === Decision.ALLOWED) {
    return RuleResult.compliant();
  }
  if (decision.decision === Decision.UNKNOWN) {
    return RuleResult.unknown(`key ${key.logicalId}: ${decision.reason}`);
  }
  return RuleResult.nonCompliant(
    `${noun} ${displayName(encrypted)} is encrypted with key ${displayName(key)}, whose policy does not let ${service} call ` +
      `kms:Decrypt and kms:GenerateDataKey* (${decision.reason}), so its messages are silently dropped. ${fix}`,
  );
}

/**
 * Whether the queue policies of the stack let SNS send a topic's messages to the queue, as the evaluator decides it
 * with the context SNS sends: `aws:SourceArn` is the topic when the topic is a resource of the stack (otherwise the
 * key is not modelled and a condition on it is unknown). A queue with no queue policy accepts only its own account's
 * principals, not the SNS service (https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html).
 */
export function queueAcceptsSns(queue: CheckedResource, index: StackIndex, topic?: CheckedResource): PathDecision {
  const policies = PolicyIndex.of(index);
  const context: Record<string, ContextValue> = topic
    ? { 'aws:sourcearn': { values: [arnForms(topic, policies.lookup)] } }
    : {};
  return policies.decide(
    queue,
    QUEUE_POLICY_TYPES,
    serviceRequest('sns.amazonaws.com', 'sqs:SendMessage', queue, policies.lookup, context),
    { decision: Decision.DENIED, reason: 'the queue has no queue policy' },
  );
}

/** The protocol of a subscription, lower-cased, or undefined when it is a token. */
export function protocolOf(subscription: CheckedResource): string | undefined {
  const protocol = subscription.get('Protocol');
  return typeof protocol === 'string' && !Values.isUnknown(protocol) ? protocol.toLowerCase() : undefined;
}
