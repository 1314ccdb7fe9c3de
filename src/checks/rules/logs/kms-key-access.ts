import { Decision, logsKeyRequests, PolicyIndex } from '../../engine/policy';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { displayName } from '../sqs/display-name';

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
    const policies = PolicyIndex.of(context.index);
    const target = policies.keyOf(keyId);
    if (target?.key === undefined) {
      return RuleResult.unknown('the KMS key is not a key of this stack');
    }
    const key = target.key;
    const decision = policies.decideAll(
      (request) => policies.decideKey(key, request),
      logsKeyRequests(resource, key, policies.lookup, policies.region),
    );
    if (decision.decision === Decision.ALLOWED) {
      return RuleResult.compliant();
    }
    if (decision.decision === Decision.UNKNOWN) {
      return RuleResult.unknown(`key ${key.logicalId}: ${decision.reason}`);
    }
    return RuleResult.nonCompliant(
      `Log group ${displayName(resource)} is encrypted with key ${displayName(key)}, whose policy does not let the ` +
        `regional CloudWatch Logs service principal (logs.<region>.amazonaws.com) use it (${decision.reason}), so the log group cannot be created. Call ` +
        "`key.grantEncryptDecrypt(new iam.ServicePrincipal('logs.' + this.region + '.amazonaws.com'))`.",
    );
  }
}
