import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { displayName } from '../sqs/display-name';
import { allowsServiceActions, Answer, keyTargetOf } from '../sqs/policy-document';

/**
 * The regional CloudWatch Logs principal the key policy must name, `logs.<region>.amazonaws.com`
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html): a literal, or the
 * `Fn::Join`/`Fn::Sub` over `AWS::Region` that builds it. The global `logs.amazonaws.com` is not it.
 */
const LOGS_SERVICE = new RegExp(
  [
    '^logs\\.[a-z]{2}(?:-[a-z]+)+-\\d+\\.amazonaws\\.com(?:\\.cn)?$',
    '"logs\\.",\\{"Ref":"AWS::Region"\\},"\\.',
    '"logs\\.\\$\\{AWS::Region\\}\\.',
  ].join('|'),
);
const LOGS_KEY_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * A log group encrypted with a KMS key of the stack uses a key whose policy lets the CloudWatch Logs service
 * principal (`logs.<region>.amazonaws.com`) encrypt, decrypt and generate data keys. Without it CloudFormation
 * fails to create the log group, and `logs.LogGroup` with `encryptionKey` does not add the grant.
 */
export class LogsKmsKeyAccessRule extends Rule {
  constructor() {
    super({
      id: 'WA-LogsKmsKeyAccess',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.ERROR,
      description:
        'A log group encrypted with a KMS key uses a key whose policy lets logs.<region>.amazonaws.com call ' +
        'kms:Encrypt*, kms:Decrypt* and kms:GenerateDataKey*; otherwise the log group cannot be created (or written). ' +
        '`logs.LogGroup` does not add this grant by itself.',
      remediation:
        'Grant the regional CloudWatch Logs principal on the key passed as `encryptionKey`: ' +
        "`key.grantEncryptDecrypt(new iam.ServicePrincipal('logs.' + this.region + '.amazonaws.com'))`.",
      resourceTypes: ['AWS::Logs::LogGroup'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const keyId = resource.get('KmsKeyId');
    if (keyId === undefined || keyId === '') {
      return RuleResult.notApplicable('the log group has no KMS key');
    }
    const target = keyTargetOf(keyId, context.index);
    if (target?.key === undefined) {
      return RuleResult.unknown('the KMS key is not a key of this stack');
    }
    const key = target.key;
    if (key.unresolvedReason) {
      return RuleResult.unknown(key.unresolvedReason);
    }
    const answer = allowsServiceActions(key.get('KeyPolicy'), LOGS_SERVICE, LOGS_KEY_ACTIONS);
    if (answer === Answer.YES) {
      return RuleResult.compliant();
    }
    if (answer === Answer.UNKNOWN) {
      return RuleResult.unknown(`the key policy of ${key.logicalId} is resolved at deploy time`);
    }
    return RuleResult.nonCompliant(
      `Log group ${displayName(resource)} is encrypted with key ${displayName(key)}, whose policy does not let the ` +
        'regional CloudWatch Logs service principal (logs.<region>.amazonaws.com) use it, so the log group cannot be ' +
        'created. Call ' +
        "`key.grantEncryptDecrypt(new iam.ServicePrincipal('logs.' + this.region + '.amazonaws.com'))`.",
    );
  }
}
