import { CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AcknowledgmentLookup, AcknowledgmentRecord, ConstructAcknowledgments } from './acknowledgments';
import { AppView } from './app-view';
import { Finding } from './finding';
import { RuleError, SkippedResource } from './report-model';
import { CheckedResource } from './resource';
import { Compliance, Pillar, Rule, RuleResult } from './rule';
import { RuleSet } from './rule-set';
import { StackIndex } from './stack-index';
import { stackDisplayName } from './stack-names';
import { cdkFrameworkFunction, FUNCTION } from '../rules/lambda/lambda-resources';

/** A finding with what the engine needs to annotate it: the rule and the resource. */
export interface EvaluatedFinding {
  readonly finding: Finding;
  readonly rule: Rule;
  readonly resource: CheckedResource;
  readonly acknowledgment?: AcknowledgmentRecord;
}

/** A rule that threw on a resource. */
export interface EvaluatedRuleError {
  readonly error: RuleError;
  readonly rule: Rule;
  readonly resource: CheckedResource;
}

/** What evaluating the rules over one stack gave. */
export interface StackEvaluation {
  /** The stack's name as reports show it (a nested stack: `<parent>/<path in parent>`). */
  readonly stackName: string;
  readonly findings: EvaluatedFinding[];
  readonly ruleErrors: EvaluatedRuleError[];
  /** The resources the rules evaluated (resolved ones), in construct order. */
  readonly checked: CheckedResource[];
  /** The resources whose properties could not be resolved: no rule evaluated them. */
  readonly unresolved: CheckedResource[];
  /** The checked resources that aws-cdk-lib created for itself, which configuration rules skip. */
  readonly skipped: SkippedResource[];
  /** The index built for the stack (once). */
  readonly index: StackIndex;
}

/** Options for `evaluateStack`. */
export interface EvaluateStackOptions {
  /**
   * The L1 resources to evaluate; the index still holds every resource of the stack.
   * @default - every CfnResource of the stack (not those of its nested stacks)
   */
  readonly resources?: Iterable<CfnResource>;
  /**
   * Where acknowledgments come from.
   * @default - construct metadata written by `Validations.of(scope).acknowledge()`
   */
  readonly acknowledgments?: AcknowledgmentLookup;
}

/**
 * The CfnResources that belong to a stack itself, in construct order: nested stacks and stages below it are
 * their own stacks and are not entered.
 */
export function stackResources(stack: Stack): CfnResource[] {
  const found: CfnResource[] = [];
  const walk = (construct: IConstruct): void => {
    for (const child of construct.node.children) {
      if (Stack.isStack(child) || Stage.isStage(child)) {
        continue;
      }
      if (CfnResource.isCfnResource(child)) {
        found.push(child);
      }
      walk(child);
    }
  };
  walk(stack);
  return found;
}

/**
 * Evaluate the rules over one stack from its constructs: every resource is resolved once, the stack is indexed
 * once, and each resource goes only to the rules for its type. Rules that throw are caught and reported; the rest
 * go on. The checks aspect reads the template aws-cdk-lib renders instead, and uses this only for a stack whose
 * template it could not listen to.
 */
export function evaluateStack(stack: Stack, ruleSet: RuleSet, options: EvaluateStackOptions = {}): StackEvaluation {
  const all = stackResources(stack);
  const checkedByConstruct = new Map<CfnResource, CheckedResource>();
  for (const resource of all) {
    checkedByConstruct.set(resource, CheckedResource.fromCfnResource(resource));
  }
  const index = StackIndex.fromResources([...checkedByConstruct.values()]);
  const acknowledgments = options.acknowledgments ?? new ConstructAcknowledgments();

  const targets = options.resources ? [...new Set(options.resources)] : all;
  const evaluation = evaluateResources(
    targets.map((r) => checkedByConstruct.get(r) ?? CheckedResource.fromCfnResource(r)),
    index,
    ruleSet,
    acknowledgments,
  );
  return { stackName: stackDisplayName(stack), ...evaluation, index };
}

/** What evaluating the rules over a set of resources gave. */
export interface ResourcesEvaluation {
  readonly findings: EvaluatedFinding[];
  readonly ruleErrors: EvaluatedRuleError[];
  /** The resources the rules evaluated (resolved ones), in the order given. */
  readonly checked: CheckedResource[];
  /** The resources whose properties could not be resolved: no rule evaluated them. */
  readonly unresolved: CheckedResource[];
  /** The checked resources that aws-cdk-lib created for itself, which configuration rules skip. */
  readonly skipped: SkippedResource[];
}

/**
 * Evaluate the rules over resources of one stack or template, indexed once in `index`: each resource goes
 * only to the rules for its type; a rule that throws is caught and reported, the rest go on. The core of both
 * the aspect (resources of a CDK stack) and the CLI (resources of a plain template).
 */
export function evaluateResources(
  targets: CheckedResource[],
  index: StackIndex,
  ruleSet: RuleSet,
  acknowledgments: AcknowledgmentLookup,
  app?: AppView,
): ResourcesEvaluation {
  const findings: EvaluatedFinding[] = [];
  const ruleErrors: EvaluatedRuleError[] = [];
  const checked: CheckedResource[] = [];
  const unresolved: CheckedResource[] = [];
  const skipped: SkippedResource[] = [];
  for (const resource of targets) {
    if (resource.unresolvedReason !== undefined) {
      unresolved.push(resource);
      continue;
    }
    checked.push(resource);
    const framework = resource.resourceType === FUNCTION ? cdkFrameworkFunction(resource) : undefined;
    if (framework !== undefined) {
      skipped.push({
        stackName: resource.stackName,
        constructPath: resource.constructPath,
        logicalId: resource.logicalId,
        resourceType: resource.resourceType,
        reason: `an aws-cdk-lib ${framework} function`,
      });
    }
    acknowledgments.noteChecked(resource);
    for (const rule of ruleSet.rulesFor(resource.resourceType)) {
      const outcome = runRule(rule, resource, index, app);
      if (outcome instanceof Error) {
        ruleErrors.push({
          rule,
          resource,
          error: {
            ruleId: rule.id,
            constructPath: resource.constructPath,
            logicalId: resource.logicalId,
            message: outcome.message,
          },
        });
      } else if (outcome.compliance === Compliance.NON_COMPLIANT) {
        const acknowledgment = acknowledgments.find(resource, rule.id);
        findings.push({ rule, resource, acknowledgment, finding: toFinding(rule, resource, outcome, acknowledgment) });
      }
    }
  }
  return { findings, ruleErrors, checked, unresolved, skipped };
}

const COMPLIANCE_VALUES: ReadonlySet<string> = new Set(Object.values(Compliance));

/** A rule's result, or the error it threw (or the contract it broke). */
function runRule(rule: Rule, resource: CheckedResource, index: StackIndex, app?: AppView): RuleResult | Error {
  let result: RuleResult;
  try {
    result = rule.evaluate(resource, { index, app });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return new Error(message.split('\n')[0] || 'threw without a message');
  }
  if (!result || !COMPLIANCE_VALUES.has(result.compliance)) {
    return new Error('evaluate() did not return a RuleResult (use RuleResult.compliant(), nonCompliant(message), ...)');
  }
  return result;
}

function toFinding(
  rule: Rule,
  resource: CheckedResource,
  result: RuleResult,
  acknowledgment: AcknowledgmentRecord | undefined,
): Finding {
  return {
    ruleId: rule.id,
    pillar: rule.pillar,
    severity: rule.severity,
    lensQuestion: rule.lensQuestion,
    stackName: resource.stackName,
    constructPath: resource.constructPath,
    logicalId: resource.logicalId,
    resourceType: resource.resourceType,
    message: result.message?.trim() || rule.description,
    remediation: rule.remediation,
    acknowledged: acknowledgment !== undefined,
    acknowledgedReason: acknowledgment?.reason,
  };
}

const PILLAR_TITLES: Record<Pillar, string> = {
  [Pillar.OPERATIONAL_EXCELLENCE]: 'Operational Excellence',
  [Pillar.SECURITY]: 'Security',
  [Pillar.RELIABILITY]: 'Reliability',
  [Pillar.PERFORMANCE_EFFICIENCY]: 'Performance Efficiency',
  [Pillar.COST_OPTIMIZATION]: 'Cost Optimization',
  [Pillar.SUSTAINABILITY]: 'Sustainability',
};

/** The pillar's name, e.g. `Operational Excellence`. */
export function pillarTitle(pillar: Pillar): string {
  return PILLAR_TITLES[pillar] ?? String(pillar);
}

/**
 * The one-line message of a finding in `cdk synth` output. A rule's own message already says how to fix the
 * resource; the rule's general remediation is added only when the rule gave no message of its own.
 */
export function annotationMessage(finding: Finding, rule: Rule): string {
  const message = finding.message.replace(/\s+$/, '');
  const sentence = /[.!?]$/.test(message) ? message.slice(0, -1) : message;
  const fix = finding.message === rule.description ? ` Fix: ${finding.remediation}` : '';
  return `[${finding.ruleId}] ${sentence} (${pillarTitle(finding.pillar)}, ${finding.lensQuestion}).${fix}`;
}
