import { displayName } from './display-name';
import { Answer, deniesInsecureTransport, policiesAttachedTo } from './policy-document';
import { literalQueueName } from './queue-relations';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * An SQS queue has a queue policy (`AWS::SQS::QueuePolicy` in the same stack, naming the queue by reference or by
 * its literal URL or ARN) that denies every request made without TLS (`aws:SecureTransport: false`): the Deny must
 * cover `sqs:*`, as AwsSolutions-SQS4 requires; a Deny of only some actions leaves the others open.
 */
export class SqsTlsOnlyRule extends Rule {
  constructor() {
    super({
      id: 'WA-SqsTlsOnly',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        'SQS queues deny requests that do not use TLS, through a queue policy statement that denies `sqs:*` when ' +
        '`aws:SecureTransport` is false, so no client can send or receive messages in clear text.',
      remediation:
        'Set `enforceSSL: true` on the `sqs.Queue` (`WellArchitectedQueue` sets it by default), or add the Deny ' +
        'statement to the queue policy with `queue.addToResourcePolicy(...)`.',
      resourceTypes: ['AWS::SQS::Queue'],
      equivalents: { cdkNag: ['AwsSolutions-SQS4'] },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const policies = policiesAttachedTo(
      resource,
      context.index,
      'AWS::SQS::QueuePolicy',
      'Queues',
      literalQueueName(resource),
    );
    let unknown: string | undefined;
    for (const policy of policies) {
      if (policy.unresolvedReason) {
        unknown = policy.unresolvedReason;
        continue;
      }
      const answer = deniesInsecureTransport(policy.get('PolicyDocument'), ['sqs:*']);
      if (answer === Answer.YES) {
        return RuleResult.compliant();
      }
      if (answer === Answer.UNKNOWN) {
        unknown = `the policy document of queue policy ${policy.logicalId} is resolved at deploy time`;
      }
    }
    if (unknown !== undefined) {
      return RuleResult.unknown(unknown);
    }
    return RuleResult.nonCompliant(
      `Queue ${displayName(resource)} accepts requests without TLS: no queue policy denies all of them (sqs:*) with aws:SecureTransport. ` +
        'Set `enforceSSL: true` on the queue.',
    );
  }
}
