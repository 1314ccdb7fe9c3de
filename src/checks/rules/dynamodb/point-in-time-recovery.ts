import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** DynamoDB tables (and every replica of a global table) have point-in-time recovery. */
export class DynamoDbPointInTimeRecoveryRule extends Rule {
  constructor() {
    super({
      id: 'WA-DynamoDbPointInTimeRecovery',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'A DynamoDB table has point-in-time recovery, so it can be restored to any second of the last 35 days (by default) after a bad deployment or an accidental write or delete.',
      remediation:
        'Set `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }` on the Table (on TableV2, per replica or table-wide).',
      resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
      equivalents: {
        cdkNag: ['AwsSolutions-DDB3', 'HIPAA.Security-DynamoDBPITREnabled'],
        checkov: ['CKV_AWS_28', 'CKV_AWS_165'],
      },
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    if (resource.resourceType === 'AWS::DynamoDB::Table') {
      return this.result([resource.get('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled')], 'This table');
    }
    const replicas = resource.get('Replicas');
    if (!Array.isArray(replicas) || replicas.some((r) => Values.isUnknown(r))) {
      return RuleResult.unknown('the replicas are not known at synth time');
    }
    return this.result(
      replicas.map((r) => Values.get(r, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled')),
      'A replica of this global table',
    );
  }

  private result(flags: any[], label: string): RuleResult {
    if (flags.some((f) => !Values.isUnknown(f) && Values.asBoolean(f) !== true)) {
      return RuleResult.nonCompliant(
        `${label} has no point-in-time recovery, so it cannot be restored after an accidental write or delete. Set \`pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }\`.`,
      );
    }
    return flags.some((f) => Values.isUnknown(f))
      ? RuleResult.unknown('PointInTimeRecoveryEnabled is not known at synth time')
      : RuleResult.compliant();
  }
}
