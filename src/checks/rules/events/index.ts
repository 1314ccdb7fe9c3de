import { Rule } from '../../engine/rule';

/** The events rules, one a file in this folder. */
export function eventsRules(): Rule[] {
  return [];
}
