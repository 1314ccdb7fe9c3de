import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** DynamoDB tables are encrypted with a customer managed KMS key (advice, not a requirement). */
export class DynamoDbCustomerManagedKeyRule extends Rule {
  constructor() {
    super({
      id: 'WA-DynamoDbCustomerManagedKey',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.INFO,
      description:
        'DynamoDB always encrypts data at rest; a customer managed KMS key adds control over who can use the key (key policy), auditable key use in CloudTrail and the ability to revoke access. Optional: the AWS owned key is the right choice for most data.',
      remediation:
        'Set `encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED` with `encryptionKey` on the Table (TableV2: `encryption: TableEncryptionV2.customerManagedKey(key)`), or acknowledge the finding.',
      resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
      equivalents: {
        checkov: ['CKV_AWS_119'],
      },
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const sse = resource.get('SSESpecification');
    if (Values.isUnknown(sse)) {
      return RuleResult.unknown('SSESpecification is not known at synth time');
    }
    const enabled = Values.get(sse, 'SSEEnabled');
    const type = Values.get(sse, 'SSEType');
    if (Values.isUnknown(enabled) || Values.isUnknown(type)) {
      return RuleResult.unknown('SSESpecification is not known at synth time');
    }
    const kms = Values.asBoolean(enabled) === true && (type === undefined || type === 'KMS');
    if (!kms) {
      return RuleResult.nonCompliant(
        'This table is encrypted with the AWS owned key. If you need key-policy control or key-use audit, set `encryption: TableEncryption.CUSTOMER_MANAGED` with an `encryptionKey`; otherwise acknowledge this advice.',
      );
    }
    const keys =
      resource.resourceType === 'AWS::DynamoDB::Table'
        ? [Values.get(sse, 'KMSMasterKeyId')]
        : (Values.asList(resource.get('Replicas')) ?? [undefined]).map((r) =>
            Values.get(r, 'SSESpecification.KMSMasterKeyId'),
          );
    if (keys.some((k) => k === undefined)) {
      return RuleResult.nonCompliant(
        'This table is encrypted with the AWS managed key (aws/dynamodb), whose policy you cannot change. If you need key-policy control, set `encryption: TableEncryption.CUSTOMER_MANAGED` with an `encryptionKey`; otherwise acknowledge this advice.',
      );
    }
    return RuleResult.compliant();
  }
}
