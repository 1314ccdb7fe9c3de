import { LoadedTemplate, TemplateAcknowledgment } from './load';
import { AcknowledgmentLookup, AcknowledgmentRecord } from '../checks/engine/acknowledgments';
import { AppView } from '../checks/engine/app-view';
import { Finding } from '../checks/engine/finding';
import { CheckReport, RuleError, SkippedResource, StaleAcknowledgment } from '../checks/engine/report-model';
import { CheckedResource } from '../checks/engine/resource';
import { Pillar, Rule, Severity } from '../checks/engine/rule';
import { RuleSet } from '../checks/engine/rule-set';
import { evaluateResources } from '../checks/engine/runner';
import { StackIndex } from '../checks/engine/stack-index';
import { compareStrings, sortFindings } from '../checks/report/pillars';

/** What the CLI's `check` command runs. */
export interface CheckOptions {
  /** Only rules of these pillars; all when empty. */
  readonly pillars: Pillar[];
  /** Rules below this severity do not run. */
  readonly minimumSeverity: Severity;
  /** Written into the report. */
  readonly generatedBy: string;
  /** The rules to run. @default the built-in catalogue */
  readonly rules?: Rule[];
}

/**
 * Acknowledgments written into a template's metadata: on a resource, or in the template's own `Metadata`
 * for every resource of the template. The one on the resource wins.
 */
class TemplateAcknowledgments implements AcknowledgmentLookup {
  private readonly used = new Set<TemplateAcknowledgment>();

  constructor(private readonly template: LoadedTemplate) {}

  public find(resource: CheckedResource, ruleId: string): AcknowledgmentRecord | undefined {
    const ack =
      this.template.acknowledgments.get(resource.logicalId)?.find((a) => a.id === ruleId) ??
      this.template.acknowledgments.get('*')?.find((a) => a.id === ruleId);
    if (!ack) {
      return undefined;
    }
    this.used.add(ack);
    return { ruleId, reason: ack.reason, scopePath: this.scopePath(ack) };
  }

  public noteChecked(): void {}

  public unused(): AcknowledgmentRecord[] {
    return [...this.template.acknowledgments.values()]
      .flat()
      .filter((ack) => !this.used.has(ack))
      .map((ack) => ({ ruleId: ack.id, reason: ack.reason, scopePath: this.scopePath(ack) }));
  }

  private scopePath(ack: TemplateAcknowledgment): string {
    return ack.location === 'Metadata' ? this.template.name : `${this.template.name}/${ack.location}`;
  }
}

/**
 * Run the rules over plain templates: the same rules, index and evaluation as the aspect. The templates of one
 * unit (a cloud assembly, or the files given together) share one app-wide view, so a partner in another template
 * of the unit is found; a single template is a view of its own.
 */
export function checkTemplates(templates: LoadedTemplate[], options: CheckOptions): CheckReport {
  const ruleSet = RuleSet.select({
    rules: options.rules,
    pillars: options.pillars.length > 0 ? options.pillars : undefined,
    minimumSeverity: options.minimumSeverity,
  });
  const findings: Finding[] = [];
  const ruleErrors: RuleError[] = [];
  const staleAcknowledgments: StaleAcknowledgment[] = [];
  let resourcesChecked = 0;
  const skippedResources: SkippedResource[] = [];

  const views = new Map<string, AppView>();
  for (const unit of new Set(templates.map((t) => t.unit))) {
    const members = templates.filter((t) => t.unit === unit);
    views.set(
      unit,
      AppView.fromStacks(
        members.map((t) => ({
          stackName: t.name,
          resources: t.resources,
          outputs: t.outputs,
          parentStackName: t.parent?.name,
          parentLogicalId: t.parent?.logicalId,
        })),
      ),
    );
  }

  for (const template of templates) {
    const acknowledgments = new TemplateAcknowledgments(template);
    const view = views.get(template.unit)!;
    const evaluation = evaluateResources(
      template.resources,
      view.indexOfStack(template.name) ?? StackIndex.fromResources(template.resources),
      ruleSet,
      acknowledgments,
      view,
    );
    resourcesChecked += evaluation.checked.length;
    skippedResources.push(
      ...template.skipped.map((r) => ({ ...r, stackName: template.name })),
      ...evaluation.unresolved.map((r) => ({
        stackName: template.name,
        constructPath: r.constructPath,
        logicalId: r.logicalId,
        resourceType: r.resourceType,
        reason: r.unresolvedReason ?? 'its properties could not be read',
      })),
    );
    skippedResources.push(...evaluation.skipped);
    findings.push(...evaluation.findings.map((f) => f.finding));
    ruleErrors.push(...evaluation.ruleErrors.map((e) => e.error));
    for (const stale of acknowledgments.unused()) {
      // Only acknowledgments of rules that ran can be judged: another tool's id, or a filtered-out rule, is not stale.
      if (ruleSet.has(stale.ruleId)) {
        staleAcknowledgments.push({ constructPath: stale.scopePath, ruleId: stale.ruleId, reason: stale.reason });
      }
    }
  }

  return {
    findings: sortFindings(findings),
    rules: ruleSet.summaries(),
    staleAcknowledgments,
    ruleErrors,
    resourcesChecked,
    stacks: templates.map((t) => t.name).sort(compareStrings),
    skippedResources: skippedResources.sort(
      (a, b) => compareStrings(a.stackName, b.stackName) || compareStrings(a.constructPath, b.constructPath),
    ),
    generatedBy: options.generatedBy,
  };
}
