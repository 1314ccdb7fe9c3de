import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';

/** SNS topics are encrypted at rest with a KMS key (`KmsMasterKeyId`); SNS does not encrypt topics by default. */
export class SnsEncryptedRule extends Rule {
  constructor() {
    super({
      id: 'WA-SnsEncrypted',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        'SNS topics encrypt messages at rest with a KMS key; unlike SQS, SNS does not encrypt topics by default. ' +
        'Prefer a customer managed key: AWS services that publish to the topic (CloudWatch alarms, EventBridge, S3) ' +
        'cannot use the AWS managed alias/aws/sns key.',
      remediation:
        'Set `masterKey` on the `sns.Topic` to a `kms.Key` (and grant publishing services `kms:Decrypt` and ' +
        '`kms:GenerateDataKey*`); `WellArchitectedMonitoring` does this for its alarm topic.',
      resourceTypes: ['AWS::SNS::Topic'],
      equivalents: {
        checkov: ['CKV_AWS_26'],
        cdkNag: ['NIST.800.53.R5-SNSEncryptedKMS', 'HIPAA.Security-SNSEncryptedKMS', 'PCI.DSS.321-SNSEncryptedKMS'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const key = resource.get('KmsMasterKeyId');
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
      `Topic ${displayName(resource)} is not encrypted at rest. Set \`masterKey\` on the topic to a customer managed \`kms.Key\`.`,
    );
  }
}
