import { Decision, PolicyIndex, serviceRequest, WRITE_KEY_ACTIONS } from '../../engine/policy';
import { CheckedResource } from '../../engine/resource';
import { RuleResult } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';
import { allowsServiceActions, Answer } from '../sqs/policy-document';

/*
 * How topics relate to their publishers, subscriptions and keys. Internal helper of the SNS rules.
 */

export const SNS_SERVICE = /^sns\.amazonaws\.com$/;

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

/** Whether a queue policy of the stack lets SNS send messages to the queue. */
export function queueAcceptsSns(queue: CheckedResource, index: StackIndex): Answer {
  const policies = referrersAt(index, queue, 'AWS::SQS::QueuePolicy', /^Queues\./);
  let unknown = false;
  for (const policy of policies) {
    if (policy.unresolvedReason) {
      unknown = true;
      continue;
    }
    const answer = allowsServiceActions(policy.get('PolicyDocument'), SNS_SERVICE, ['sqs:SendMessage']);
    if (answer === Answer.YES) {
      return Answer.YES;
    }
    unknown = unknown || answer === Answer.UNKNOWN;
  }
  return unknown ? Answer.UNKNOWN : Answer.NO;
}

/** The protocol of a subscription, lower-cased, or undefined when it is a token. */
export function protocolOf(subscription: CheckedResource): string | undefined {
  const protocol = subscription.get('Protocol');
  return typeof protocol === 'string' && !Values.isUnknown(protocol) ? protocol.toLowerCase() : undefined;
}
