import { DynamoDbCustomerManagedKeyRule } from './customer-managed-key';
import { DynamoDbPointInTimeRecoveryRule } from './point-in-time-recovery';
import { DynamoDbProvisionedAutoScalingRule } from './provisioned-autoscaling';
import { Rule } from '../../engine/rule';

/** The DynamoDB rules, one a file in this folder. */
export function dynamoDbRules(): Rule[] {
  return [
    new DynamoDbPointInTimeRecoveryRule(),
    new DynamoDbCustomerManagedKeyRule(),
    new DynamoDbProvisionedAutoScalingRule(),
  ];
}
