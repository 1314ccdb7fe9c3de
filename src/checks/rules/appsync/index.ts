import { Rule } from '../../engine/rule';

/** The appsync rules, one a file in this folder. */
export function appSyncRules(): Rule[] {
  return [];
}
