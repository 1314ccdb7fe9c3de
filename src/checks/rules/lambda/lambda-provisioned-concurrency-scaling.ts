import { describeFunction, resolveFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

const SCALABLE_TARGET = 'AWS::ApplicationAutoScaling::ScalableTarget';

/** Provisioned concurrency on an alias or version is managed by Application Auto Scaling. */
export class LambdaProvisionedConcurrencyScalingRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaProvisionedConcurrencyScaling',
      pillar: Pillar.COST_OPTIMIZATION,
      lensQuestion: 'COST 1',
      severity: Severity.INFO,
      description:
        'Provisioned concurrency is billed around the clock; with Application Auto Scaling (target tracking on utilization, or a schedule) it follows the traffic instead of staying at its peak size.',
      remediation:
        'Call `alias.addAutoScaling({ minCapacity, maxCapacity }).scaleOnUtilization({ utilizationTarget: 0.7 })` (or `scaleOnSchedule`) on the Alias with `provisionedConcurrentExecutions`.',
      resourceTypes: ['AWS::Lambda::Alias', 'AWS::Lambda::Version'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const raw = resource.get('ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions');
    if (raw === undefined) {
      return RuleResult.notApplicable('no provisioned concurrency');
    }
    const provisioned = Values.asNumber(raw);
    if (provisioned === undefined) {
      return RuleResult.unknown('ProvisionedConcurrentExecutions cannot be resolved at synth time');
    }
    if (provisioned === 0) {
      return RuleResult.notApplicable('no provisioned concurrency');
    }
    const scaled = context.index
      .referencesTo(resource.logicalId, SCALABLE_TARGET)
      .some((ref) => ref.propertyPath.startsWith('ResourceId'));
    if (scaled) {
      return RuleResult.compliant();
    }
    // A literal `function:<name>:<alias or version>` resource id.
    const fn = resolveFunction(resource.get('FunctionName'), context.index);
    const qualifier = resource.resourceType === 'AWS::Lambda::Alias' ? resource.get('Name') : undefined;
    const literalTargets = context.index
      .ofType(SCALABLE_TARGET)
      .map((t) => t.get('ResourceId'))
      .filter((id) => typeof id === 'string' && !Values.isUnknown(id)) as string[];
    if (fn.kind === 'found' && typeof qualifier === 'string') {
      const name = fn.value.get('FunctionName');
      if (typeof name === 'string' && literalTargets.includes(`function:${name}:${qualifier}`)) {
        return RuleResult.compliant();
      }
    }
    const owner = fn.kind === 'found' ? ` of function ${describeFunction(fn.value)}` : '';
    const kind = resource.resourceType === 'AWS::Lambda::Alias' ? 'Alias' : 'Version';
    return RuleResult.nonCompliant(
      `${kind} ${resource.logicalId}${owner} keeps ${provisioned} provisioned concurrent executions without auto scaling, billed even when idle. Call \`alias.addAutoScaling(...).scaleOnUtilization(...)\` or \`scaleOnSchedule(...)\`.`,
    );
  }
}
