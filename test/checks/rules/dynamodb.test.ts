import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Compliance } from '../../../src';
import { dynamoDbRules } from '../../../src/checks/rules/dynamodb';
import { DynamoDbCustomerManagedKeyRule } from '../../../src/checks/rules/dynamodb/customer-managed-key';
import { DynamoDbPointInTimeRecoveryRule } from '../../../src/checks/rules/dynamodb/point-in-time-recovery';
import { DynamoDbProvisionedAutoScalingRule } from '../../../src/checks/rules/dynamodb/provisioned-autoscaling';
import { complianceOf, findings } from '../rule-harness';
import { describeRobustness } from '../rule-robustness';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { region: 'us-east-1', account: '111122223333' } });
}

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
const KEY_SCHEMA = [{ attributeName: 'pk', keyType: 'HASH' }];
const ATTRIBUTES = [{ attributeName: 'pk', attributeType: 'S' }];

test('the DynamoDB catalogue ids', () => {
  expect(dynamoDbRules().map((r) => r.id)).toEqual([
    'WA-DynamoDbPointInTimeRecovery',
    'WA-DynamoDbCustomerManagedKey',
    'WA-DynamoDbProvisionedAutoScaling',
  ]);
});

describe('WA-DynamoDbPointInTimeRecovery', () => {
  const rule = new DynamoDbPointInTimeRecoveryRule();

  test('L2 Table with PITR is compliant; default is non-compliant', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'Recoverable', {
      partitionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    new dynamodb.Table(stack, 'Plain', { partitionKey });
    expect(complianceOf(rule, stack, 'Recoverable')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Plain')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/pointInTimeRecoveryEnabled: true/);
  });

  test('L2 TableV2: a replica without PITR is non-compliant', () => {
    const stack = newStack();
    new dynamodb.TableV2(stack, 'Global', {
      partitionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      replicas: [{ region: 'eu-west-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }],
    });
    new dynamodb.TableV2(stack, 'Covered', {
      partitionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    expect(findings(rule, stack).map((f) => f.result.message)).toEqual([
      expect.stringMatching(/^A replica of this global table has no point-in-time recovery/),
    ]);
    expect(complianceOf(rule, stack, 'Covered')).toBe(Compliance.COMPLIANT);
  });

  test('L1 CfnTable', () => {
    const stack = newStack();
    new dynamodb.CfnTable(stack, 'On', {
      keySchema: KEY_SCHEMA,
      attributeDefinitions: ATTRIBUTES,
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    new dynamodb.CfnTable(stack, 'Off', {
      keySchema: KEY_SCHEMA,
      attributeDefinitions: ATTRIBUTES,
      billingMode: 'PAY_PER_REQUEST',
    });
    expect(complianceOf(rule, stack, 'On')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Off')).toBe(Compliance.NON_COMPLIANT);
  });

  test('a parameter flag, or Fn::If replicas, is unknown', () => {
    const stack = newStack();
    new dynamodb.CfnTable(stack, 'Param', {
      keySchema: KEY_SCHEMA,
      attributeDefinitions: ATTRIBUTES,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: new CfnParameter(stack, 'Pitr').valueAsString as any,
      },
    });
    new dynamodb.CfnGlobalTable(stack, 'If', {
      keySchema: KEY_SCHEMA,
      attributeDefinitions: ATTRIBUTES,
      replicas: Fn.conditionIf('C', [{ Region: 'us-east-1' }], []) as any,
    });
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'If')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-DynamoDbCustomerManagedKey', () => {
  const rule = new DynamoDbCustomerManagedKeyRule();

  test('L2 Table: CUSTOMER_MANAGED is compliant; default and AWS_MANAGED are info findings', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'Cmk', {
      partitionKey,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: new kms.Key(stack, 'Key'),
    });
    new dynamodb.Table(stack, 'Owned', { partitionKey });
    new dynamodb.Table(stack, 'Managed', { partitionKey, encryption: dynamodb.TableEncryption.AWS_MANAGED });
    expect(complianceOf(rule, stack, 'Cmk/Resource')).toBe(Compliance.COMPLIANT);
    expect(findings(rule, stack).map((f) => f.result.message)).toEqual([
      expect.stringMatching(/AWS owned key/),
      expect.stringMatching(/AWS managed key \(aws\/dynamodb\)/),
    ]);
    expect(rule.severity).toBe('info');
  });

  test('L2 TableV2 with a customer managed key is compliant', () => {
    const stack = newStack();
    new dynamodb.TableV2(stack, 'Global', {
      partitionKey,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(new kms.Key(stack, 'Key')),
    });
    expect(complianceOf(rule, stack, 'Global')).toBe(Compliance.COMPLIANT);
  });

  test('L1 with a KMS key id is compliant; Fn::If SSE is unknown', () => {
    const stack = newStack();
    new dynamodb.CfnTable(stack, 'Raw', {
      keySchema: KEY_SCHEMA,
      attributeDefinitions: ATTRIBUTES,
      sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: 'alias/mine' },
    });
    new dynamodb.CfnTable(stack, 'If', {
      keySchema: KEY_SCHEMA,
      attributeDefinitions: ATTRIBUTES,
      sseSpecification: Fn.conditionIf('C', { SSEEnabled: true }, { SSEEnabled: false }) as any,
    });
    expect(complianceOf(rule, stack, 'Raw')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'If')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-DynamoDbProvisionedAutoScaling', () => {
  const rule = new DynamoDbProvisionedAutoScalingRule();

  test('L2: on-demand is not applicable; provisioned without scaling is non-compliant', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'OnDemand', { partitionKey, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
    new dynamodb.Table(stack, 'Fixed', { partitionKey });
    expect(complianceOf(rule, stack, 'OnDemand')).toBe(Compliance.NOT_APPLICABLE);
    expect(findings(rule, stack)[0].result.message).toMatch(/without auto scaling \(table read, table write\)/);
  });

  test('L2 autoScaleReadCapacity and autoScaleWriteCapacity (and the GSI variants) are compliant', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'Scaled', { partitionKey });
    table
      .autoScaleReadCapacity({ minCapacity: 1, maxCapacity: 10 })
      .scaleOnUtilization({ targetUtilizationPercent: 70 });
    table
      .autoScaleWriteCapacity({ minCapacity: 1, maxCapacity: 10 })
      .scaleOnUtilization({ targetUtilizationPercent: 70 });
    expect(complianceOf(rule, stack, 'Scaled/Resource')).toBe(Compliance.COMPLIANT);
    table.addGlobalSecondaryIndex({
      indexName: 'byOwner',
      partitionKey: { name: 'owner', type: dynamodb.AttributeType.STRING },
    });
    expect(findings(rule, stack)[0].result.message).toMatch(/index\/byOwner read, index\/byOwner write/);
    table.autoScaleGlobalSecondaryIndexReadCapacity('byOwner', { minCapacity: 1, maxCapacity: 5 });
    table.autoScaleGlobalSecondaryIndexWriteCapacity('byOwner', { minCapacity: 1, maxCapacity: 5 });
    expect(complianceOf(rule, stack, 'Scaled/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('L1 table scaled through a literal resource id is compliant; write-only scaling is not', () => {
    const stack = newStack();
    new dynamodb.CfnTable(stack, 'Raw', {
      tableName: 'orders',
      keySchema: KEY_SCHEMA,
      attributeDefinitions: ATTRIBUTES,
      provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 },
    });
    new appscaling.CfnScalableTarget(stack, 'Write', {
      serviceNamespace: 'dynamodb',
      resourceId: 'table/orders',
      scalableDimension: 'dynamodb:table:WriteCapacityUnits',
      minCapacity: 1,
      maxCapacity: 10,
    });
    expect(findings(rule, stack)[0].result.message).toMatch(/\(table read\)/);
    new appscaling.CfnScalableTarget(stack, 'Read', {
      serviceNamespace: 'dynamodb',
      resourceId: 'table/orders',
      scalableDimension: 'dynamodb:table:ReadCapacityUnits',
      minCapacity: 1,
      maxCapacity: 10,
    });
    expect(complianceOf(rule, stack, 'Raw')).toBe(Compliance.COMPLIANT);
  });

  test('a parameter billing mode, or a scalable target on a parameter resource id, is unknown', () => {
    const stack = newStack();
    new dynamodb.CfnTable(stack, 'Param', {
      keySchema: KEY_SCHEMA,
      attributeDefinitions: ATTRIBUTES,
      billingMode: new CfnParameter(stack, 'Mode').valueAsString,
    });
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    const opaque = newStack();
    new dynamodb.Table(opaque, 'Fixed', { partitionKey });
    new appscaling.CfnScalableTarget(opaque, 'Somewhere', {
      serviceNamespace: 'dynamodb',
      resourceId: new CfnParameter(opaque, 'Target').valueAsString,
      scalableDimension: 'dynamodb:table:ReadCapacityUnits',
      minCapacity: 1,
      maxCapacity: 10,
    });
    expect(complianceOf(rule, opaque, 'Fixed')).toBe(Compliance.UNKNOWN);
  });
});

describeRobustness(dynamoDbRules());
