import { EventBridgeDlqPermissionRule } from './dlq-permission';
import { EventBridgeTargetDlqRule } from './target-dlq';
import { EventBridgeTargetRetryPolicyRule } from './target-retry-policy';
import { Rule } from '../../engine/rule';

/** The EventBridge rules, one a file in this folder. */
export function eventsRules(): Rule[] {
  return [new EventBridgeTargetDlqRule(), new EventBridgeTargetRetryPolicyRule(), new EventBridgeDlqPermissionRule()];
}
