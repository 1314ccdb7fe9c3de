import { CheckedResource } from '../../engine/resource';
import { RuleResult } from '../../engine/rule';
import { Values } from '../../engine/values';

/** The targets of an EventBridge rule, or a RuleResult when there are none or they cannot be read. */
export function targetsOf(resource: CheckedResource): any[] | RuleResult {
  if (resource.unresolvedReason) {
    return RuleResult.unknown(resource.unresolvedReason);
  }
  const targets = resource.get('Targets');
  if (targets === undefined || (Array.isArray(targets) && targets.length === 0)) {
    return RuleResult.notApplicable('the rule has no targets');
  }
  if (!Array.isArray(targets) || targets.some((t) => t === null || typeof t !== 'object' || Values.isUnknown(t))) {
    return RuleResult.unknown('the targets are not known at synth time');
  }
  return targets;
}

/** A target's `Id` for messages. */
export function targetLabel(target: any): string {
  return typeof target?.Id === 'string' && !Values.isUnknown(target.Id) ? `'${target.Id}'` : '(unnamed)';
}
