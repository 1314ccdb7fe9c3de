import { displayName } from './display-name';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * SQS queues are encrypted at rest. SQS encrypts new queues with SSE-SQS by default (since 2022), so a
 * queue is non-compliant only when `SqsManagedSseEnabled` is explicitly `false` and no KMS key is set.
 */
export class SqsEncryptedAtRestRule extends Rule {
  constructor() {
    super({
      id: 'WA-SqsEncryptedAtRest',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        'SQS queues keep messages encrypted at rest. New queues get SSE-SQS by default, so only a queue that turns ' +
        'it off (`SqsManagedSseEnabled: false`) without a KMS key is reported.',
      remediation:
        'Remove `SqsManagedSseEnabled: false`, or set `encryption: sqs.QueueEncryption.SQS_MANAGED` (or `KMS` with ' +
        '`encryptionMasterKey`) on the `sqs.Queue`; `WellArchitectedQueue` encrypts by default.',
      resourceTypes: ['AWS::SQS::Queue'],
      equivalents: { cdkNag: ['AwsSolutions-SQS2'], checkov: ['CKV_AWS_27'] },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const kmsKey = resource.get('KmsMasterKeyId');
    if (Values.isIntrinsic(kmsKey)) {
      // A key of the stack, an ARN built with Fn::Join or an import all name a key; a parameter (which may be
      // empty) or Fn::If (which may be AWS::NoValue) does not say.
      const conditional = kmsKey['Fn::If'] !== undefined;
      const parameter = kmsKey.Ref !== undefined && context.index.resolveReference(kmsKey) === undefined;
      return conditional || parameter
        ? RuleResult.unknown('the KMS key is resolved at deploy time')
        : RuleResult.compliant();
    }
    if (typeof kmsKey === 'string' && kmsKey !== '') {
      return RuleResult.compliant();
    }
    const sqsManaged = resource.get('SqsManagedSseEnabled');
    if (Values.isUnknown(sqsManaged)) {
      return RuleResult.unknown('SqsManagedSseEnabled is resolved at deploy time');
    }
    if (sqsManaged !== undefined && Values.asBoolean(sqsManaged) === undefined) {
      return RuleResult.unknown(`SqsManagedSseEnabled has an unexpected value: ${JSON.stringify(sqsManaged)}`);
    }
    if (Values.asBoolean(sqsManaged) === false) {
      return RuleResult.nonCompliant(
        `Queue ${displayName(resource)} turns off server-side encryption (SqsManagedSseEnabled: false) and has no KMS key. ` +
          'Set `encryption: sqs.QueueEncryption.SQS_MANAGED` (or `KMS`) on the queue.',
      );
    }
    return RuleResult.compliant();
  }
}
