import { Rule } from '../../engine/rule';

/** The stepfunctions rules, one a file in this folder. */
export function stepFunctionsRules(): Rule[] {
  return [];
}
