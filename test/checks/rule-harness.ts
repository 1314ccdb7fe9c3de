import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CheckedResource, Compliance, Rule, RuleResult, StackIndex } from '../../src';

/** The outcome of one rule on one resource, by logical id and construct path. */
export interface RuleOutcome {
  readonly logicalId: string;
  readonly constructPath: string;
  readonly result: RuleResult;
}

/**
 * Evaluate one rule over every resource of a stack exactly as the engine does (resolve once, one index per
 * stack, dispatch by resource type), without the aspect: rule tests stay independent of reporting.
 */
export function evaluateRule(rule: Rule, stack: Stack): RuleOutcome[] {
  const resources = stack.node
    .findAll()
    .filter((c: IConstruct): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack)
    .map((c) => CheckedResource.fromCfnResource(c));
  const index = StackIndex.fromResources(resources);
  return resources
    .filter((r) => rule.resourceTypes.includes(r.resourceType))
    .map((r) => ({ logicalId: r.logicalId, constructPath: r.constructPath, result: rule.evaluate(r, { index }) }));
}

/** The outcomes that are findings (non-compliant). */
export function findings(rule: Rule, stack: Stack): RuleOutcome[] {
  return evaluateRule(rule, stack).filter((o) => o.result.compliance === Compliance.NON_COMPLIANT);
}

/** The compliance of the single resource whose construct path contains `pathPart`. */
export function complianceOf(rule: Rule, stack: Stack, pathPart: string): Compliance {
  const matches = evaluateRule(rule, stack).filter((o) => o.constructPath.includes(pathPart));
  if (matches.length !== 1) {
    throw new Error(
      `expected one ${rule.resourceTypes.join('/')} at a path containing '${pathPart}', found ${matches.length}`,
    );
  }
  return matches[0].result.compliance;
}
