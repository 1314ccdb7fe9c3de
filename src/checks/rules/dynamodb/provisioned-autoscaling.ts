import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';
import { literalText } from '../apigateway/lambda-target';

const SCALABLE_TARGET = 'AWS::ApplicationAutoScaling::ScalableTarget';

/** The DynamoDB scalable targets of one stack, built once per stack. */
interface ScalingTable {
  /** By `ref:<table logical id>` or `name:<table name>`: the `<scope>|<dimension>` entries scaled (scope `table` or `index/<name>`). */
  readonly byTable: Map<string, string[]>;
  /** True when some scalable target cannot be read, so it might scale any table. */
  readonly unclear: boolean;
}

const scalingTables = new WeakMap<StackIndex, ScalingTable>();

/** One pass over the stack's scalable targets, shared by every table. */
function scalingTable(index: StackIndex): ScalingTable {
  const cached = scalingTables.get(index);
  if (cached) {
    return cached;
  }
  const byTable = new Map<string, string[]>();
  let unclear = false;
  const add = (tableKey: string, scope: string, dimension: string) => {
    const entries = byTable.get(tableKey) ?? [];
    entries.push(`${scope === '' ? 'table' : scope}|${dimension}`);
    byTable.set(tableKey, entries);
  };
  for (const target of index.ofType(SCALABLE_TARGET)) {
    const namespace = target.get('ServiceNamespace');
    const dimension = target.get('ScalableDimension');
    const resourceId = target.get('ResourceId');
    if (target.unresolvedReason || Values.isUnknown(namespace) || Values.isUnknown(dimension)) {
      unclear = true;
      continue;
    }
    if (namespace !== 'dynamodb') {
      continue;
    }
    const table = index
      .referencesFrom(target.logicalId, 'AWS::DynamoDB::Table')
      .find((r) => r.propertyPath.startsWith('ResourceId'))?.target;
    const text = literalText(resourceId);
    if (table && text.startsWith('table/')) {
      // `table/<Ref Table>[/index/<name>]`: the Ref drops out of the literal text.
      add(`ref:${table.logicalId}`, text.slice('table/'.length).replace(/^\//, ''), dimension);
    } else if (typeof resourceId === 'string' && !Values.isUnknown(resourceId)) {
      const [, name, ...scope] = resourceId.split('/');
      add(`name:${name}`, scope.join('/'), dimension);
    } else {
      unclear = true;
    }
  }
  const result = { byTable, unclear };
  scalingTables.set(index, result);
  return result;
}

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
      indexes.some((i) => typeof i?.IndexName !== 'string' || Values.isUnknown(i.IndexName))
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
    const scaling = scalingTable(context.index);
    const scaled = [
      ...(scaling.byTable.get(`ref:${resource.logicalId}`) ?? []),
      ...(typeof tableName === 'string' && !Values.isUnknown(tableName)
        ? (scaling.byTable.get(`name:${tableName}`) ?? [])
        : []),
    ];
    for (const entry of scaled) {
      needed.delete(entry);
    }
    const unclear = scaling.unclear;
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
