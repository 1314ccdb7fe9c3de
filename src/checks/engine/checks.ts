import * as fs from 'fs';
import * as path from 'path';
import { Annotations, AspectPriority, Aspects, CfnResource, IAspect, Stack, Stage } from 'aws-cdk-lib';
import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import { Construct, IConstruct } from 'constructs';
import { acknowledgmentKey, AcknowledgmentRecord, ConstructAcknowledgments, owningStage } from './acknowledgments';
import { AppStackProps, AppView } from './app-view';
import { BaselineLookup, readBaseline } from './baseline';
import { Finding } from './finding';
import { packageIdentity } from './package-identity';
import { forgetRenderedAhead, listenToRenderedTemplates, renderAhead, renderedResources } from './rendered';
import {
  CheckReport,
  RemediationRecord,
  ReportFormat,
  RuleError,
  SkippedResource,
  StaleAcknowledgment,
} from './report-model';
import { CheckedResource } from './resource';
import { Pillar, Rule, Severity } from './rule';
import { RuleSet } from './rule-set';
import {
  annotationMessage,
  evaluateResources,
  stackResources,
  EvaluatedFinding,
  EvaluatedRuleError,
  ResourcesEvaluation,
} from './runner';
import { stackDisplayName } from './stack-names';
import { REPORT_FILE_NAMES, writeReports } from '../report';
import { compareStrings, sortFindings } from '../report/pillars';

/** Options for `WellArchitectedChecks`. */
export interface WellArchitectedChecksProps {
  /**
   * The rules to run, replacing the built-in catalogue.
   * @default WellArchitectedRules.all()
   */
  readonly rules?: Rule[];
  /**
   * Your own rules (subclasses of `Rule`, in any jsii language), run with the catalogue.
   * @default - none
   */
  readonly additionalRules?: Rule[];
  /**
   * Only run the rules of these pillars.
   * @default - every pillar
   */
  readonly pillars?: Pillar[];
  /**
   * Ids of rules not to run, e.g. `['WA-LambdaTracing']`. To skip a rule for some resources only, acknowledge
   * it there instead: `Validations.of(scope).acknowledge({ id, reason })`.
   * @default - none
   */
  readonly disabledRules?: string[];
  /**
   * Rules whose severity is below this do not run.
   * @default Severity.INFO
   */
  readonly minimumSeverity?: Severity;
  /**
   * Whether error findings are CDK errors, which fail `cdk synth`. When false they are reported as warnings
   * (which fail only `cdk synth --strict`); the reports still show their severity.
   * @default true
   */
  readonly failOnError?: boolean;
  /**
   * The reports written on every synth. An empty list writes none.
   * @default [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.MARKDOWN]
   */
  readonly reportFormats?: ReportFormat[];
  /**
   * Where the reports are written (relative paths from the working directory).
   * @default - the cloud assembly directory (`cdk.out`, or the stage's assembly directory inside it)
   */
  readonly reportDirectory?: string;
  /**
   * A baseline file (written by `cdk-well-architected baseline <cdk.out>`): findings it records (rule id and
   * construct path) are not annotated, so they fail neither `cdk synth` nor `cdk synth --strict`; the reports show
   * them apart, and its entries that match no finding are reported as stale.
   * @default - no baseline
   */
  readonly baselineFile?: string;
}

/** Marks every copy of this class, so two copies of the library still recognize each other's aspects. */
const CHECKS_ASPECT = Symbol.for('cdk-well-architected.WellArchitectedChecks');

/**
 * aws-cdk-lib calls `onSynthesize` of a construct carrying this symbol when it writes the assembly, after the
 * templates of the constructs before it (every aws-cdk-lib 2.x does). Not a public API: the report tests of
 * `checks.test.ts` fail if a new aws-cdk-lib stops calling it.
 */
const CUSTOM_SYNTHESIS = Symbol.for('@aws-cdk/core:customSynthesis');

/**
 * One synthesis of one assembly root (App or Stage): its resources are collected while the aspects run
 * (`collecting`); validation prepares the evaluation (`evaluating`); each stack is evaluated when aws-cdk-lib renders
 * its template; the report is written once every stack of the root is written (`finished`).
 */
interface RootRun {
  readonly stacks: Map<Stack, Set<CfnResource>>;
  /** The stacks the aspect visited themselves, so it covers every resource they render. */
  readonly wholeStacks: Set<Stack>;
  phase: 'collecting' | 'evaluating' | 'finished';
  evaluation?: RunEvaluation;
}

/** What the stacks of a root evaluated so far have given. */
interface RunEvaluation {
  readonly acknowledgments: ConstructAcknowledgments;
  /** The stacks of the run (those with resources the aspect visited), with those resources. */
  readonly stacks: ReadonlyMap<Stack, unknown>;
  /** The stacks of the run whose templates are not rendered yet. */
  readonly pending: Set<Stack>;
  /**
   * The position of each stack of the run in the order aws-cdk-lib writes them (children before parents), worked
   * out the first time an acknowledgment above the stacks needs it.
   */
  readonly writeOrder: () => ReadonlyMap<Stack, number>;
  readonly findings: Finding[];
  readonly ruleErrors: RuleError[];
  readonly stackNames: Set<string>;
  readonly templateFiles: Record<string, string>;
  readonly remediations: RemediationRecord[];
  readonly skippedResources: SkippedResource[];
  resourcesChecked: number;
  /** Acknowledgments nested stages already matched, and those they met that this root owns. */
  readonly nestedUsed: Set<string>;
  readonly nestedCandidates: AcknowledgmentRecord[];
  /** Acknowledgments already judged stale or not, by key. */
  readonly judged: Set<string>;
  /** The stack each acknowledgment waits for (`lastWrittenStackUnder`), by key, worked out once. */
  readonly anchors: Map<string, Stack | undefined>;
  readonly staleAcknowledgments: StaleAcknowledgment[];
  /** Every stack of the run and the references between them, built when the first stack is rendered. */
  app?: RunView;
}

/** The app-wide view of a run, with the resources of each stack the rules are given. */
interface RunView {
  readonly view: AppView;
  readonly resources: Map<Stack, CheckedResource[]>;
}

/** What one assembly root contributed, kept so an enclosing App can report its nested stages too. */
interface RootResult {
  readonly root: Stage;
  readonly findings: Finding[];
  readonly ruleErrors: RuleError[];
  readonly resourcesChecked: number;
  readonly stacks: string[];
  readonly staleAcknowledgments: StaleAcknowledgment[];
  readonly acknowledgmentCandidates: AcknowledgmentRecord[];
  readonly usedAcknowledgments: string[];
  /** The template file of each stack checked, by the stack name findings carry. */
  readonly templateFiles: Record<string, string>;
  readonly remediations: RemediationRecord[];
  readonly skippedResources: SkippedResource[];
}

/** The metadata type `WellArchitectedDefaults` records each change under, on the changed resource. */
const REMEDIATION_METADATA = 'cdk-well-architected:remediation';

/**
 * Checks every CloudFormation resource of an app against the Well-Architected rules at synth time.
 *
 * Findings are CDK annotations on the resource (errors fail `cdk synth` by default, warnings fail
 * `cdk synth --strict`), acknowledged with `Validations.of(scope).acknowledge({ id, reason })` on the resource
 * or any construct above it. On every synth, the reports are written into the cloud assembly.
 *
 * Apply it with `WellArchitectedChecks.applyTo(app)`, which also reaches the resources inside `Stage`s. Adding
 * it yourself works for the stacks of the scope, not for stages inside it, and must use the read-only priority
 * so that it sees what every other aspect changed:
 * `Aspects.of(app).add(new WellArchitectedChecks(), { priority: AspectPriority.READONLY })`.
 */
export class WellArchitectedChecks implements IAspect {
  /**
   * Apply the checks to a scope (usually the App) and to every `Stage` below it, after every aspect that
   * changes resources. Call it once the stages exist: a stage added later is not checked (synth warns).
   *
   * @param scope the App, a Stage, a Stack or any construct whose resources to check
   * @param props the options
   * @returns the aspect, whose `report` holds the last report after synth
   */
  public static applyTo(scope: IConstruct, props?: WellArchitectedChecksProps): WellArchitectedChecks {
    const checks = new WellArchitectedChecks(props);
    const targets = [scope, ...scope.node.findAll().filter((c) => c !== scope && Stage.isStage(c))];
    for (const target of targets) {
      Aspects.of(target).add(checks, { priority: AspectPriority.READONLY });
    }
    // A stage synthesized already (CDK Pipelines' `addStage` synthesizes it) keeps its assembly: no aspect runs on it.
    const synthesized = targets.filter((t) => Stage.isStage(t) && (t as any).assembly !== undefined);
    if (synthesized.length > 0) {
      warnWhereVisible(
        scope,
        'cdk-well-architected:UncheckedStage',
        `[cdk-well-architected] The resources of ${synthesized.map((s) => `'${s.node.path}'`).join(', ')} are not ` +
          'checked: the stage was synthesized before WellArchitectedChecks.applyTo (CDK Pipelines synthesizes a stage ' +
          'in addStage). Call WellArchitectedChecks.applyTo(app) before pipeline.addStage(stage).',
      );
    }
    return checks;
  }

  /** The rules that run, after `pillars`, `disabledRules` and `minimumSeverity`, sorted by id. */
  public readonly rules: Rule[];

  private readonly ruleSet: RuleSet;
  private readonly failOnError: boolean;
  private readonly reportFormats: ReportFormat[];
  private readonly reportDirectory?: string;
  private readonly runs = new Map<Stage, RootRun>();
  private readonly results = new Map<Stage, RootResult>();
  private readonly rootsWithValidation = new WeakSet<Stage>();
  private readonly reportWriters = new Map<Stage, Construct>();
  private lastReport?: CheckReport;
  private readonly baseline?: BaselineLookup;

  constructor(props: WellArchitectedChecksProps = {}) {
    this.ruleSet = RuleSet.select(props, 'WellArchitectedChecks: ');
    this.rules = [...this.ruleSet.rules];
    this.failOnError = props.failOnError ?? true;
    const formats = props.reportFormats ?? [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.MARKDOWN];
    const known = Object.values(ReportFormat) as string[];
    const unknown = formats.filter((format) => !known.includes(format));
    if (unknown.length > 0) {
      throw new Error(
        `WellArchitectedChecks: reportFormats has unknown format ${unknown.map((f) => `'${f}'`).join(', ')}: ` +
          'use ReportFormat.JSON, ReportFormat.SARIF or ReportFormat.MARKDOWN, or [] to write no report.',
      );
    }
    this.reportFormats = [...new Set(formats)];
    if (props.reportDirectory !== undefined && props.reportDirectory.trim() === '') {
      throw new Error(
        "WellArchitectedChecks: reportDirectory is empty: give a directory such as 'reports', or omit it to write into the cloud assembly.",
      );
    }
    this.reportDirectory = props.reportDirectory;
    if (props.baselineFile !== undefined) {
      try {
        this.baseline = new BaselineLookup(readBaseline(props.baselineFile));
      } catch (e) {
        throw new Error(
          `WellArchitectedChecks: baselineFile '${props.baselineFile}': ${(e as Error).message}, or omit baselineFile.`,
        );
      }
    }
    Object.defineProperty(this, CHECKS_ASPECT, { value: true });
  }

  /**
   * The report of the last synth: for an App, its stacks and those of the stages checked inside it.
   * Undefined until the app (or stage) is synthesized.
   */
  public get report(): CheckReport | undefined {
    return this.lastReport;
  }

  /** Collects the CloudFormation resources; each stack is evaluated when aws-cdk-lib renders its template. */
  public visit(node: IConstruct): void {
    if (Stage.isStage(node)) {
      // An assembly root is visited first in each synthesis: start a fresh run for it.
      this.startRun(node);
      this.warnAboutUncheckedStages(node);
    }
    if (Stack.isStack(node)) {
      const stage = Stage.of(node);
      if (stage) {
        this.currentRun(stage).wholeStacks.add(node);
      }
    }
    if (!CfnResource.isCfnResource(node)) {
      return;
    }
    const root = Stage.of(node);
    if (!root) {
      return;
    }
    const run = this.currentRun(root);
    const stack = Stack.of(node);
    const resources = run.stacks.get(stack) ?? new Set<CfnResource>();
    resources.add(node);
    run.stacks.set(stack, resources);
  }

  private currentRun(root: Stage): RootRun {
    const run = this.runs.get(root);
    return run && run.phase === 'collecting' ? run : this.startRun(root);
  }

  private startRun(root: Stage): RootRun {
    const run: RootRun = { stacks: new Map(), wholeStacks: new Set(), phase: 'collecting' };
    this.runs.set(root, run);
    if (!this.rootsWithValidation.has(root)) {
      this.rootsWithValidation.add(root);
      // Validations run after every aspect and after cross-stack references are prepared, before any template is
      // rendered: a synth that skips validation evaluates nothing and writes no report.
      root.node.addValidation({
        validate: () => {
          this.prepareRun(root);
          return [];
        },
      });
      this.attachReportWriter(root);
    }
    return run;
  }

  /**
   * Get ready to evaluate each stack of the run as aws-cdk-lib renders it, and remove the reports of an earlier
   * synth: if this one fails before every template is written, no report is left that it did not produce.
   */
  private prepareRun(root: Stage): void {
    const run = this.runs.get(root);
    if (!run || run.phase !== 'collecting') {
      return;
    }
    run.phase = 'evaluating';
    // The reports are written by the root's last child, after every stack. An aspect may have added a stack to the
    // root after the writer (pipelines.CodePipeline adds its cross-region support stacks in one): move it last.
    const writer = this.reportWriters.get(root);
    const children = root.node.children;
    if (writer && children[children.length - 1] !== writer) {
      root.node.tryRemoveChild(writer.node.id);
      this.attachReportWriter(root);
    }
    const nested = this.nestedResults(root);
    let order: Map<Stack, number> | undefined;
    const writeOrder = (): ReadonlyMap<Stack, number> => {
      if (order === undefined) {
        const positions = new Map<Stack, number>();
        postOrderStacks(root)
          .filter((stack) => run.stacks.has(stack))
          .forEach((stack, i) => positions.set(stack, i));
        order = positions;
      }
      return order;
    };
    run.evaluation = {
      acknowledgments: new ConstructAcknowledgments(),
      stacks: run.stacks,
      pending: new Set(run.stacks.keys()),
      writeOrder,
      findings: [],
      ruleErrors: [],
      stackNames: new Set(),
      templateFiles: {},
      remediations: [],
      skippedResources: [],
      resourcesChecked: 0,
      nestedUsed: new Set(nested.flatMap((r) => r.usedAcknowledgments)),
      nestedCandidates: nested.flatMap((r) => r.acknowledgmentCandidates),
      judged: new Set(),
      anchors: new Map(),
      staleAcknowledgments: [],
    };
    this.removeEarlierReports(root);
    for (const stack of run.stacks.keys()) {
      forgetRenderedAhead(stack);
      // A stack whose template cannot be listened to is evaluated from its constructs when the report is written.
      listenToRenderedTemplates(stack, this.onTemplateRendered);
    }
  }

  private removeEarlierReports(root: Stage): void {
    for (const format of this.reportFormats) {
      const earlier = path.join(this.directoryOf(root), REPORT_FILE_NAMES[format]);
      try {
        fs.rmSync(earlier, { force: true });
      } catch (e) {
        throw new Error(
          `WellArchitectedChecks could not remove the report of an earlier synth, ${earlier}: ${(e as Error).message}. ` +
            'Set reportDirectory to a writable directory, or reportFormats to [] to write none.',
        );
      }
    }
  }

  /** One listener per aspect, shared by every stack. */
  private readonly onTemplateRendered = (stack: Stack, template: any): void => this.evaluateRendered(stack, template);

  /** Evaluate a stack of the run it belongs to from the template aws-cdk-lib just rendered for it. */
  private evaluateRendered(stack: Stack, template: any): void {
    const root = Stage.of(stack);
    const run = root && this.runs.get(root);
    const evaluation = run?.evaluation;
    if (!root || !run || run.phase !== 'evaluating' || !evaluation || !evaluation.pending.has(stack)) {
      return;
    }
    this.evaluatePending(root, run, evaluation, stack, template);
    this.judgeAcknowledgments(root, evaluation, stack);
  }

  /**
   * Evaluate one stack of the run with the app-wide view, built the first time: from the template just rendered
   * (`template`), and for every other stack of the run from its template rendered ahead (or, when it cannot be, from
   * its constructs).
   */
  private evaluatePending(
    root: Stage,
    run: RootRun,
    evaluation: RunEvaluation,
    stack: Stack,
    template: any | undefined,
  ): ResourcesEvaluation {
    evaluation.pending.delete(stack);
    evaluation.app ??= buildRunView(run, stack, template);
    const rendered = evaluation.app.resources.get(stack) ?? [];
    const targets = run.stacks.get(stack) ?? new Set<CfnResource>();
    // Every resource of the stack is indexed; those of the aspect's scope are evaluated. A resource no L1 rendered
    // is evaluated when the aspect covers the whole stack (it visited the stack itself).
    const wholeStack = run.wholeStacks.has(stack);
    const evaluated = rendered.filter((r) => (r.cfnResource ? targets.has(r.cfnResource) : wholeStack));
    for (const resource of evaluated) {
      if (resource.cfnResource) {
        this.collectRemediations(resource.cfnResource, resource.logicalId, evaluation);
      }
    }
    const view = evaluation.app.view;
    const index = view.indexOfStack(stackDisplayName(stack))!;
    const result = evaluateResources(evaluated, index, this.ruleSet, evaluation.acknowledgments, view);
    this.recordStack(root, stack, result, evaluation);
    return result;
  }

  private collectRemediations(resource: CfnResource, logicalId: string, evaluation: RunEvaluation): void {
    for (const entry of resource.node.metadata) {
      if (entry.type === REMEDIATION_METADATA) {
        evaluation.remediations.push({
          constructPath: resource.node.path,
          logicalId,
          resourceType: resource.cfnResourceType,
          description: String(entry.data),
        });
      }
    }
  }

  private recordStack(root: Stage, stack: Stack, result: ResourcesEvaluation, evaluation: RunEvaluation): void {
    const stackName = stackDisplayName(stack);
    evaluation.stackNames.add(stackName);
    evaluation.templateFiles[stackName] = path.join(root.outdir, stack.templateFile);
    evaluation.resourcesChecked += result.checked.length;
    evaluation.skippedResources.push(...result.skipped);
    result.findings.forEach((f) => this.annotateFinding(f));
    result.ruleErrors.forEach((e) => this.annotateRuleError(e));
    for (const resource of result.unresolved) {
      Annotations.of(resource.cfnResource ?? stack).addInfo(
        `[cdk-well-architected] ${resource.resourceType} ${resource.constructPath} was not checked: ${resource.unresolvedReason}.`,
      );
    }
    evaluation.findings.push(...result.findings.map((f) => f.finding));
    evaluation.ruleErrors.push(...result.ruleErrors.map((e) => e.error));
  }

  /**
   * Once every template of the root is written: evaluate any stack whose template was not rendered through
   * `Stack._toCloudFormation()` from its constructs, judge the acknowledgments left, and write the reports.
   */
  private finishRun(root: Stage): void {
    const run = this.runs.get(root);
    if (run?.phase === 'collecting') {
      // Validation was skipped (`synth({ skipValidation: true })`): nothing was checked, so no report may stay.
      this.removeEarlierReports(root);
      return;
    }
    const evaluation = run?.evaluation;
    if (!run || run.phase !== 'evaluating' || !evaluation) {
      return;
    }
    for (const stack of [...evaluation.pending]) {
      forgetRenderedAhead(stack);
      const result = this.evaluatePending(root, run, evaluation, stack, undefined);
      if (result.findings.length > 0) {
        process.stderr.write(
          `[cdk-well-architected] The template of ${stack.node.path} was not rendered through Stack._toCloudFormation(), ` +
            `so its ${result.findings.length} finding(s) are in the reports but not in the synth output.\n`,
        );
      }
    }
    this.judgeAcknowledgments(root, evaluation, undefined);
    run.phase = 'finished';

    const own: RootResult = {
      root,
      findings: evaluation.findings,
      ruleErrors: evaluation.ruleErrors,
      resourcesChecked: evaluation.resourcesChecked,
      skippedResources: evaluation.skippedResources,
      stacks: [...evaluation.stackNames],
      staleAcknowledgments: evaluation.staleAcknowledgments,
      acknowledgmentCandidates: evaluation.acknowledgments.allCandidates(),
      usedAcknowledgments: evaluation.acknowledgments.usedKeys(),
      templateFiles: evaluation.templateFiles,
      remediations: evaluation.remediations,
    };
    this.results.set(root, own);
    const nested = this.nestedResults(root);
    const report = this.combine([own, ...nested], root);
    this.lastReport = report;
    this.write(root, report, this.reportFormats, {
      templateFiles: Object.assign({}, ...[own, ...nested].map((r) => r.templateFiles)),
    });
  }

  /** The results of the stages inside this root, which aws-cdk-lib synthesizes before it. */
  private nestedResults(root: Stage): RootResult[] {
    return [...this.results.values()].filter((r) => r.root !== root && isBelow(r.root, root));
  }

  private directoryOf(root: Stage): string {
    return path.resolve(this.reportDirectory ?? root.outdir);
  }

  private write(
    root: Stage,
    report: CheckReport,
    formats: ReportFormat[],
    options: { templateFiles?: Record<string, string> },
  ): void {
    if (formats.length === 0) {
      return;
    }
    const directory = this.directoryOf(root);
    try {
      writeReports(report, directory, formats, options);
    } catch (e) {
      throw new Error(
        `WellArchitectedChecks could not write the reports to ${directory}: ${(e as Error).message}. ` +
          'Set reportDirectory to a writable directory, or reportFormats to [] to write none.',
      );
    }
  }

  /**
   * The report covers every stack of the root, and SARIF points at the line of each resource in its template: a
   * construct added last to the root is synthesized after every stack before it, and writes the reports then.
   */
  private attachReportWriter(root: Stage): void {
    let id = 'WellArchitectedChecksReport';
    for (let n = 2; root.node.tryFindChild(id); n++) {
      id = `WellArchitectedChecksReport${n}`;
    }
    const writer = new Construct(root, id);
    this.reportWriters.set(root, writer);
    Object.defineProperty(writer, CUSTOM_SYNTHESIS, {
      value: { onSynthesize: () => this.finishRun(root) },
    });
  }

  /**
   * Judge the acknowledgments owned by this root (made on it or on a construct whose nearest stage it is) of a rule
   * that ran: one that matched no finding is stale. Each is judged once every resource under it is evaluated: when
   * `rendered`, the stack aws-cdk-lib writes last among those under it, is rendered (its warning still reaches the
   * synth output), or at the end of the run (`rendered` undefined) for the rest, whose warning goes to stderr.
   */
  private judgeAcknowledgments(root: Stage, evaluation: RunEvaluation, rendered: Stack | undefined): void {
    let used: ReadonlySet<string> | undefined;
    for (const record of [...evaluation.acknowledgments.allCandidates(), ...evaluation.nestedCandidates]) {
      const key = acknowledgmentKey(record);
      if (evaluation.judged.has(key)) {
        continue;
      }
      if (!evaluation.anchors.has(key)) {
        const anchor = record.scope
          ? lastWrittenStackUnder(record.scope, evaluation.stacks, evaluation.writeOrder)
          : undefined;
        evaluation.anchors.set(key, anchor);
      }
      if (rendered && evaluation.anchors.get(key) !== rendered) {
        continue;
      }
      evaluation.judged.add(key);
      used ??= new Set([...evaluation.acknowledgments.usedKeys(), ...evaluation.nestedUsed]);
      if (used.has(key) || !this.ruleSet.has(record.ruleId) || !record.scope || owningStage(record.scope) !== root) {
        continue;
      }
      evaluation.staleAcknowledgments.push({
        constructPath: record.scopePath,
        ruleId: record.ruleId,
        reason: record.reason,
      });
      const message =
        `[cdk-well-architected] The acknowledgment of ${record.ruleId} on ${record.scopePath || 'the app'} matches no finding ` +
        `(reason given: "${record.reason}"): the resources under it now follow the rule. Remove the ` +
        `Validations.of(...).acknowledge({ id: '${record.ruleId}', ... }) call so the rule guards them again.`;
      const id = `cdk-well-architected:StaleAcknowledgment:${record.ruleId}`;
      if (rendered) {
        Annotations.of(insideStack(record.scope) ? record.scope : rendered).addWarningV2(id, message);
      } else {
        process.stderr.write(`[Warning at /${record.scope.node.path}] ${message}\n`);
      }
    }
  }

  private combine(results: RootResult[], root?: Stage): CheckReport {
    const report = this.combineResults(results);
    if (!this.baseline) {
      return report;
    }
    // A Stage's report judges only the entries under it; the App's judges every entry and warns about stale ones.
    const prefix = root && root.node.scope ? `${root.node.path}/` : '';
    const applied = this.baseline.apply(report);
    const baselined = {
      ...applied,
      staleBaselineEntries: (applied.staleBaselineEntries ?? []).filter((e) => e.constructPath.startsWith(prefix)),
    };
    for (const entry of prefix ? [] : baselined.staleBaselineEntries) {
      process.stderr.write(
        `[cdk-well-architected] The baseline entry ${entry.ruleId} at ${entry.constructPath} matches no finding: the ` +
          'resource follows the rule now (or is gone). Remove the entry from the baseline file.\n',
      );
    }
    return baselined;
  }

  private combineResults(results: RootResult[]): CheckReport {
    return {
      findings: sortFindings(results.flatMap((r) => r.findings)),
      rules: this.ruleSet.summaries(),
      staleAcknowledgments: results
        .flatMap((r) => r.staleAcknowledgments)
        .sort((a, b) => compareStrings(a.constructPath, b.constructPath) || compareStrings(a.ruleId, b.ruleId)),
      ruleErrors: results
        .flatMap((r) => r.ruleErrors)
        .sort((a, b) => compareStrings(a.constructPath, b.constructPath) || compareStrings(a.ruleId, b.ruleId)),
      resourcesChecked: results.reduce((sum, r) => sum + r.resourcesChecked, 0),
      skippedResources: results
        .flatMap((r) => r.skippedResources)
        .sort((a, b) => compareStrings(a.constructPath, b.constructPath)),
      stacks: [...new Set(results.flatMap((r) => r.stacks))].sort(compareStrings),
      remediations: results
        .flatMap((r) => r.remediations)
        .sort(
          (a, b) => compareStrings(a.constructPath, b.constructPath) || compareStrings(a.description, b.description),
        ),
      generatedBy: packageIdentity(),
    };
  }

  private annotateFinding({ finding, rule, resource }: EvaluatedFinding): void {
    if (finding.acknowledged || !resource.cfnResource || this.baseline?.find(finding.ruleId, finding.constructPath)) {
      return;
    }
    const message = annotationMessage(finding, rule);
    // The same messages `Annotations` writes (with the `[ack: id]` tag the CDK CLI reads), without the stack trace
    // it captures for each: the trace would point into this engine, not at the user's code, and capturing one per
    // finding was half of the checks' own synth time. Acknowledged findings never get here.
    const node = resource.cfnResource.node;
    const annotate = (level: string, data: string) => {
      // Like `Annotations`, a message already on the construct is not added again (an app synthesized twice).
      if (!node.metadata.some((entry) => entry.type === level && entry.data === data)) {
        node.addMetadata(level, data, { stackTrace: false });
      }
    };
    if (finding.severity === Severity.ERROR && this.failOnError) {
      // CDK does not acknowledge errors itself (the CLI does not offer to), so the message says how.
      annotate(
        cxschema.ArtifactMetadataEntryType.ERROR,
        `${message} To accept it here: Validations.of(construct).acknowledge({ id: '${rule.id}', reason: '...' }). [ack: ${rule.id}]`,
      );
    } else if (finding.severity === Severity.INFO) {
      annotate(cxschema.ArtifactMetadataEntryType.INFO, `${message} [ack: ${rule.id}]`);
    } else {
      annotate(cxschema.ArtifactMetadataEntryType.WARN, `${message} [ack: ${rule.id}]`);
    }
  }

  private annotateRuleError({ error, resource }: EvaluatedRuleError): void {
    if (!resource.cfnResource) {
      return;
    }
    Annotations.of(resource.cfnResource).addWarningV2(
      `cdk-well-architected:RuleError:${error.ruleId}`,
      `[cdk-well-architected] Rule ${error.ruleId} failed on ${error.constructPath} (${error.logicalId}) and did not ` +
        `check it: ${error.message}. The other rules ran; report this to the rule's author or disable the rule ` +
        'with disabledRules.',
    );
  }

  /**
   * Aspects do not cross into nested stages, and a nested stage is synthesized before its parent's aspects
   * run, so it cannot be reached from here any more: tell the user how to include it.
   */
  private warnAboutUncheckedStages(root: Stage): void {
    const unchecked: string[] = [];
    const walk = (construct: IConstruct, insideUncheckedStage: boolean): void => {
      for (const child of construct.node.children) {
        if (Stage.isStage(child)) {
          const checked = isCheckedStage(child);
          if (!checked && !insideUncheckedStage) {
            unchecked.push(child.node.path);
          }
          walk(child, !checked);
        } else {
          walk(child, insideUncheckedStage);
        }
      }
    };
    walk(root, false);
    if (unchecked.length === 0) {
      return;
    }
    warnWhereVisible(
      root,
      'cdk-well-architected:UncheckedStage',
      `[cdk-well-architected] The resources of ${unchecked.map((p) => `'${p}'`).join(', ')} are not checked: ` +
        'aspects added to an App do not reach inside a Stage. Call WellArchitectedChecks.applyTo(app) after ' +
        'creating the stages, or WellArchitectedChecks.applyTo(stage) for each stage.',
    );
  }
}

/**
 * The app-wide view of a run: `current` from the template aws-cdk-lib just rendered, every other stack of the run
 * from its template rendered ahead, or from its constructs when its render method could not be wrapped.
 */
function buildRunView(run: RootRun, current: Stack | undefined, template: any | undefined): RunView {
  const resources = new Map<Stack, CheckedResource[]>();
  const stacks: AppStackProps[] = [];
  for (const stack of run.stacks.keys()) {
    const rendered = stack === current ? template : renderAhead(stack);
    const checked =
      rendered !== undefined
        ? renderedResources(stack, rendered)
        : stackResources(stack).map((r) => CheckedResource.fromCfnResource(r));
    resources.set(stack, checked);
    const parent = stack.nestedStackParent;
    let parentLogicalId: string | undefined;
    if (parent && stack.nestedStackResource) {
      try {
        parentLogicalId = parent.resolve((stack.nestedStackResource as CfnResource).logicalId);
      } catch {
        parentLogicalId = undefined;
      }
    }
    stacks.push({
      stackName: stackDisplayName(stack),
      resources: checked,
      outputs: rendered?.Outputs,
      parentStackName: parent ? stackDisplayName(parent) : undefined,
      parentLogicalId,
    });
  }
  return { view: AppView.fromStacks(stacks), resources };
}

/** Whether a checks aspect is applied to the stage or to any construct of its own (not nested stages). */
function isCheckedStage(stage: Stage): boolean {
  const pending: IConstruct[] = [stage];
  while (pending.length > 0) {
    const construct = pending.pop()!;
    if (Aspects.of(construct).all.some((aspect) => (aspect as any)[CHECKS_ASPECT] === true)) {
      return true;
    }
    pending.push(...construct.node.children.filter((child) => !Stage.isStage(child)));
  }
  return false;
}

/**
 * The stacks of a root in the order aws-cdk-lib writes them: depth first, children before their parent (a nested
 * stack before the stack that holds it). Stages inside the root are written before it and are not entered.
 */
function postOrderStacks(root: Stage): Stack[] {
  const order: Stack[] = [];
  const walk = (construct: IConstruct): void => {
    for (const child of construct.node.children) {
      if (!Stage.isStage(child)) {
        walk(child);
      }
    }
    if (Stack.isStack(construct)) {
      order.push(construct);
    }
  };
  walk(root);
  return order;
}

/**
 * The checked stack whose template aws-cdk-lib renders last among those holding resources under `scope`: the
 * nearest stack of a construct inside one when it is checked (the stacks below it come first), else the last of
 * the checked stacks below the scope.
 */
function lastWrittenStackUnder(
  scope: IConstruct,
  checked: ReadonlyMap<Stack, unknown>,
  writeOrderOf: () => ReadonlyMap<Stack, number>,
): Stack | undefined {
  const own = insideStack(scope) ? Stack.of(scope) : undefined;
  if (own && checked.has(own)) {
    return own;
  }
  const writeOrder = writeOrderOf();
  let last: Stack | undefined;
  for (const [stack, position] of writeOrder) {
    if (isBelow(stack, scope) && (last === undefined || position > writeOrder.get(last)!)) {
      last = stack;
    }
  }
  return last;
}

function isBelow(construct: IConstruct, ancestor: IConstruct): boolean {
  return construct.node.scopes.includes(ancestor);
}

/**
 * Annotations only reach `cdk synth` output from constructs inside a stack. A warning about a construct outside
 * any stack (an App, a Stage) goes on the first stack of its own, or to stderr when it has none.
 */
function warnWhereVisible(scope: IConstruct, id: string, message: string): void {
  const anchor = insideStack(scope) ? scope : firstStackOf(scope);
  if (anchor) {
    Annotations.of(anchor).addWarningV2(id, message);
  } else {
    process.stderr.write(`[Warning at /${scope.node.path}] ${message}\n`);
  }
}

function insideStack(scope: IConstruct): boolean {
  return scope.node.scopes.some((s) => Stack.isStack(s));
}

function firstStackOf(scope: IConstruct): Stack | undefined {
  const pending: IConstruct[] = [...scope.node.children];
  while (pending.length > 0) {
    const construct = pending.shift()!;
    if (Stack.isStack(construct)) {
      return construct;
    }
    if (!Stage.isStage(construct)) {
      pending.push(...construct.node.children);
    }
  }
  return undefined;
}
