import { Rule } from '../../engine/rule';

/** The cloudwatch rules, one a file in this folder. */
export function cloudWatchRules(): Rule[] {
  return [];
}
