import { Rule } from '../../engine/rule';

/** The dynamodb rules, one a file in this folder. */
export function dynamoDbRules(): Rule[] {
  return [];
}
