import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';
import { Answer, deniesInsecureTransport, policiesAttachedTo } from '../sqs/policy-document';

/**
 * An SNS topic accepts publishing only over TLS: a topic policy of the stack (naming the topic by reference or by its
 * literal ARN) denies `sns:Publish` when
 * `aws:SecureTransport` is false. KMS-encrypted topics comply already: SNS requires HTTPS for them.
 */
export class SnsTlsOnlyRule extends Rule {
  constructor() {
    super({
      id: 'WA-SnsTlsOnly',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        'SNS topics accept publishing only over TLS, through a topic policy that denies sns:Publish when ' +
        'aws:SecureTransport is false. Topics encrypted with KMS are compliant: SNS requires HTTPS for them.',
      remediation: 'Set `enforceSSL: true` on the `sns.Topic`, or encrypt it with `masterKey`.',
      resourceTypes: ['AWS::SNS::Topic'],
      equivalents: { cdkNag: ['AwsSolutions-SNS3'] },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const key = resource.get('KmsMasterKeyId');
    if (key !== undefined && !(Values.isIntrinsic(key) && key['Fn::If'] !== undefined)) {
      return RuleResult.compliant();
    }
    let unknown = key !== undefined;
    const name = resource.get('TopicName');
    const literalName = typeof name === 'string' && !Values.isUnknown(name) ? name : undefined;
    for (const policy of policiesAttachedTo(resource, context.index, 'AWS::SNS::TopicPolicy', 'Topics', literalName)) {
      const answer = policy.unresolvedReason
        ? Answer.UNKNOWN
        : deniesInsecureTransport(policy.get('PolicyDocument'), ['sns:Publish']);
      if (answer === Answer.YES) {
        return RuleResult.compliant();
      }
      unknown = unknown || answer === Answer.UNKNOWN;
    }
    if (unknown) {
      return RuleResult.unknown('the topic policy or key is resolved at deploy time');
    }
    return RuleResult.nonCompliant(
      `Topic ${displayName(resource)} accepts messages published without TLS. Set \`enforceSSL: true\` on the topic.`,
    );
  }
}
