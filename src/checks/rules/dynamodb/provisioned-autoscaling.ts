import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { literalText } from '../apigateway/lambda-target';

const SCALABLE_TARGET = 'AWS::ApplicationAutoScaling::ScalableTarget';

/** Provisioned-capacity DynamoDB tables scale their read and write capacity. */
export class DynamoDbProvisionedAutoScalingRule extends Rule {
  constructor() {
    super({
      id: 'WA-DynamoDbProvisionedAutoScaling',
      pillar: Pillar.COST_OPTIMIZATION,
      lensQuestion: 'COST 1',
      severity: Severity.INFO,
      description:
        'A DynamoDB table in provisioned capacity mode has Application Auto Scaling on the read and write capacity of the table and of each provisioned global secondary index. Fixed capacity either throttles at peaks or pays for idle capacity; on-demand (`PAY_PER_REQUEST`) suits most serverless workloads.',
      remediation:
        'Set `billingMode: dynamodb.BillingMode.PAY_PER_REQUEST` on the Table, or call `table.autoScaleReadCapacity(...)` and `table.autoScaleWriteCapacity(...)` (and the `...GlobalSecondaryIndex...` variants), or use TableV2 with `Capacity.autoscaled(...)`.',
      resourceTypes: ['AWS::DynamoDB::Table'],
      equivalents: {
        cdkNag: ['HIPAA.Security-DynamoDBAutoScalingEnabled', 'NIST.800.53.R4-DynamoDBAutoScalingEnabled'],
        checkov: ['CKV2_AWS_16'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const billingMode = resource.get('BillingMode');
    if (Values.isUnknown(billingMode)) {
      return RuleResult.unknown('BillingMode is not known at synth time');
    }
    // CloudFormation's default billing mode is PROVISIONED.
    if (billingMode === 'PAY_PER_REQUEST') {
      return RuleResult.notApplicable('the table uses on-demand capacity');
    }
    const indexes = Values.asList(resource.get('GlobalSecondaryIndexes')) ?? [];
    if (
      Values.isUnknown(resource.get('GlobalSecondaryIndexes')) ||
      indexes.some((i) => Values.isUnknown(i?.IndexName))
    ) {
      return RuleResult.unknown('the global secondary indexes are not known at synth time');
    }
    const needed = new Set<string>();
    for (const scope of ['table', ...indexes.map((i) => `index/${i.IndexName}`)]) {
      const kind = scope === 'table' ? 'table' : 'index';
      needed.add(`${scope}|dynamodb:${kind}:ReadCapacityUnits`);
      needed.add(`${scope}|dynamodb:${kind}:WriteCapacityUnits`);
    }
    const tableName = resource.get('TableName');
    const literalName = typeof tableName === 'string' && !Values.isUnknown(tableName) ? tableName : undefined;
    let unclear = false;
    for (const target of context.index.ofType(SCALABLE_TARGET)) {
      if (target.unresolvedReason) {
        unclear = true;
        continue;
      }
      const namespace = target.get('ServiceNamespace');
      const dimension = target.get('ScalableDimension');
      const resourceId = target.get('ResourceId');
      if (Values.isUnknown(namespace) || Values.isUnknown(dimension)) {
        unclear = true;
        continue;
      }
      if (namespace !== 'dynamodb') {
        continue;
      }
      const refs = context.index.referencesFrom(target.logicalId);
      let prefix: string | undefined;
      if (refs.some((r) => r.target === resource)) {
        // `table/<Ref Table>[/index/<name>]`: the Ref drops out of the literal text.
        prefix = 'table/';
      } else if (literalName !== undefined && !Values.containsUnknown(resourceId)) {
        prefix = `table/${literalName}`;
      } else if (refs.length === 0 && Values.containsUnknown(resourceId)) {
        unclear = true;
      }
      const text = literalText(resourceId);
      if (prefix === undefined || !text.startsWith(prefix)) {
        continue;
      }
      const scope = text.slice(prefix.length).replace(/^\//, '');
      needed.delete(`${scope === '' ? 'table' : scope}|${dimension}`);
    }
    if (needed.size === 0) {
      return RuleResult.compliant();
    }
    if (unclear) {
      return RuleResult.unknown('a scalable target in this stack is not known at synth time');
    }
    const missing = [...needed].map((n) => {
      const [scope, dimension] = n.split('|');
      return `${scope} ${dimension.includes('Read') ? 'read' : 'write'}`;
    });
    return RuleResult.nonCompliant(
      `This table uses provisioned capacity without auto scaling (${missing.join(', ')}). Set \`billingMode: BillingMode.PAY_PER_REQUEST\`, or add \`autoScaleReadCapacity\` / \`autoScaleWriteCapacity\`.`,
    );
  }
}
