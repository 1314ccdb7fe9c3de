import { Rule } from '../../engine/rule';

/** The sqs rules, one a file in this folder. */
export function sqsRules(): Rule[] {
  return [];
}
