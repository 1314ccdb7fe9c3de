import { Rule } from '../../engine/rule';

/** The lambda rules, one a file in this folder. */
export function lambdaRules(): Rule[] {
  return [];
}
