import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';

/**
 * A log group is encrypted with a customer managed KMS key. CloudWatch Logs always encrypts at rest with
 * its own keys, so this is advice (info) for data that needs key-level access control.
 */
export class LogsEncryptedRule extends Rule {
  constructor() {
    super({
      id: 'WA-LogsEncrypted',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.INFO,
      description:
        'Log groups that may hold sensitive data are encrypted with a KMS key, which adds key-level access ' +
        'control and audit. CloudWatch Logs encrypts all log data at rest by default, so this is advice.',
      remediation:
        'Set `encryptionKey` on the `logs.LogGroup`, and let the regional CloudWatch Logs principal use the key ' +
        "(`key.grantEncryptDecrypt(new iam.ServicePrincipal('logs.' + this.region + '.amazonaws.com'))`, as " +
        'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html shows; WA-LogsKmsKeyAccess checks it).',
      resourceTypes: ['AWS::Logs::LogGroup'],
      equivalents: {
        checkov: ['CKV_AWS_158'],
        cdkNag: ['NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'HIPAA.Security-CloudWatchLogGroupEncrypted'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const key = resource.get('KmsKeyId');
    if (Values.isIntrinsic(key)) {
      const conditional = key['Fn::If'] !== undefined;
      const parameter = key.Ref !== undefined && context.index.resolveReference(key) === undefined;
      return conditional || parameter
        ? RuleResult.unknown('the KMS key is resolved at deploy time')
        : RuleResult.compliant();
    }
    if (typeof key === 'string' && key !== '') {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Log group ${displayName(resource)} is encrypted with CloudWatch Logs' own keys only. Set \`encryptionKey\` if ` +
        'its logs need key-level access control.',
    );
  }
}
