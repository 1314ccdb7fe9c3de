import { RuleSummary } from './report-model';
import { Pillar, Rule, Severity } from './rule';
import { WellArchitectedRules } from '../rules';

/** Which rules run. Shared by the aspect's props and the CLI's flags. */
export interface RuleSelection {
  /** Replaces the built-in catalogue. @default WellArchitectedRules.all() */
  readonly rules?: Rule[];
  /** Added to the catalogue. @default - none */
  readonly additionalRules?: Rule[];
  /** Only rules of these pillars run. @default - every pillar */
  readonly pillars?: Pillar[];
  /** These rule ids do not run. @default - none */
  readonly disabledRules?: string[];
  /** Rules below this severity do not run. @default Severity.INFO */
  readonly minimumSeverity?: Severity;
}

const SEVERITY_RANK: Record<Severity, number> = {
  [Severity.ERROR]: 3,
  [Severity.WARNING]: 2,
  [Severity.INFO]: 1,
};

const FIND_IDS_HINT =
  'The ids are listed in RULES.md and by `WellArchitectedRules.all().map((rule) => rule.id)`; ' +
  'a custom rule must be passed in `rules` or `additionalRules` to be disabled.';

/**
 * The rules that run, validated once and indexed by resource type, so each resource is dispatched only to
 * the rules that evaluate its type.
 */
export class RuleSet {
  /** Validate a selection and build the rule set; throws an actionable error for an invalid selection. */
  public static select(selection: RuleSelection = {}, propertyPrefix = ''): RuleSet {
    const catalogue = [...(selection.rules ?? WellArchitectedRules.all()), ...(selection.additionalRules ?? [])];
    const byId = new Map<string, Rule>();
    for (const rule of catalogue) {
      if (byId.has(rule.id)) {
        throw new Error(
          `Two rules have the id '${rule.id}' (${describe(byId.get(rule.id)!)} and ${describe(rule)}): ` +
            `rule ids must be unique. Rename the custom rule, or pass it in \`${propertyPrefix}rules\` to replace the catalogue.`,
        );
      }
      byId.set(rule.id, rule);
    }

    const disabled = new Set(selection.disabledRules ?? []);
    const unknown = [...disabled].filter((id) => !byId.has(id));
    if (unknown.length > 0) {
      const suggestions = unknown
        .map((id) => [id, [...byId.keys()].find((known) => known.toLowerCase() === id.toLowerCase())])
        .filter(([, match]) => match !== undefined)
        .map(([id, match]) => ` Did you mean '${match}' instead of '${id}'?`)
        .join('');
      throw new Error(
        `${propertyPrefix}disabledRules: unknown rule id${unknown.length > 1 ? 's' : ''} ` +
          `${unknown.map((id) => `'${id}'`).join(', ')}.${suggestions} ${FIND_IDS_HINT}`,
      );
    }

    if (selection.pillars !== undefined && selection.pillars.length === 0) {
      throw new Error(
        `${propertyPrefix}pillars is empty, so no rule would run: list the pillars to check, e.g. [Pillar.RELIABILITY], or omit it to check every pillar.`,
      );
    }
    const pillars = selection.pillars ? new Set(selection.pillars) : undefined;
    const minimumRank = SEVERITY_RANK[selection.minimumSeverity ?? Severity.INFO];
    if (minimumRank === undefined) {
      throw new Error(
        `${propertyPrefix}minimumSeverity '${selection.minimumSeverity}' is not a severity: use Severity.ERROR, Severity.WARNING or Severity.INFO.`,
      );
    }

    const active = [...byId.values()]
      .filter((rule) => !disabled.has(rule.id))
      .filter((rule) => !pillars || pillars.has(rule.pillar))
      .filter((rule) => (SEVERITY_RANK[rule.severity] ?? 0) >= minimumRank)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return new RuleSet(active);
  }

  /** The rules that run, sorted by id. */
  public readonly rules: readonly Rule[];
  private readonly byType = new Map<string, Rule[]>();
  private readonly ids: ReadonlySet<string>;

  private constructor(rules: Rule[]) {
    this.rules = rules;
    this.ids = new Set(rules.map((rule) => rule.id));
    for (const rule of rules) {
      for (const resourceType of new Set(rule.resourceTypes)) {
        const forType = this.byType.get(resourceType) ?? [];
        forType.push(rule);
        this.byType.set(resourceType, forType);
      }
    }
  }

  /** The rules that evaluate this CloudFormation type, by id. */
  public rulesFor(resourceType: string): readonly Rule[] {
    return this.byType.get(resourceType) ?? [];
  }

  /** Whether a rule with this id runs. */
  public has(ruleId: string): boolean {
    return this.ids.has(ruleId);
  }

  /** The rules as the report lists them. */
  public summaries(): RuleSummary[] {
    return this.rules.map((rule) => ({
      id: rule.id,
      pillar: rule.pillar,
      severity: rule.severity,
      lensQuestion: rule.lensQuestion,
      description: rule.description,
      remediation: rule.remediation,
      resourceTypes: [...rule.resourceTypes],
      equivalents: rule.equivalents ?? {},
    }));
  }
}

function describe(rule: Rule): string {
  return `a ${rule.constructor?.name || 'Rule'}`;
}
