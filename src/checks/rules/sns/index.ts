import { Rule } from '../../engine/rule';

/** The sns rules, one a file in this folder. */
export function snsRules(): Rule[] {
  return [];
}
