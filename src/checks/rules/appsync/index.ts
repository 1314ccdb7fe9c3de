import { AppSyncAuthorizationRule } from './authorization';
import { AppSyncFieldLoggingRule } from './field-logging';
import { AppSyncTracingRule } from './tracing';
import { Rule } from '../../engine/rule';

/** The AppSync rules, one a file in this folder. */
export function appSyncRules(): Rule[] {
  return [new AppSyncTracingRule(), new AppSyncFieldLoggingRule(), new AppSyncAuthorizationRule()];
}
