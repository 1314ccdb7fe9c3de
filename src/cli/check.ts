import { LoadedTemplate } from './load';
import { Finding } from '../checks/engine/finding';
import { CheckReport, RuleError, StaleAcknowledgment } from '../checks/engine/report-model';
import { Compliance, Pillar, Rule, Severity } from '../checks/engine/rule';
import { StackIndex } from '../checks/engine/stack-index';
import { WellArchitectedRules } from '../checks/rules';

/** What the CLI's `check` command runs. */
export interface CheckOptions {
  /** Only rules of these pillars; all when empty. */
  readonly pillars: Pillar[];
  /** Findings below this severity are not reported. */
  readonly minimumSeverity: Severity;
  /** Written into the report. */
  readonly generatedBy: string;
  /** The rules to run. @default the built-in catalogue */
  readonly rules?: Rule[];
}

const SEVERITY_RANK: Record<Severity, number> = { [Severity.ERROR]: 3, [Severity.WARNING]: 2, [Severity.INFO]: 1 };

/** Run the rules over plain templates: the same rules, index and unknown-value semantics as the aspect. */
export function checkTemplates(templates: LoadedTemplate[], options: CheckOptions): CheckReport {
  const rules = (options.rules ?? WellArchitectedRules.all()).filter(
    (r) =>
      (options.pillars.length === 0 || options.pillars.includes(r.pillar)) &&
      SEVERITY_RANK[r.severity] >= SEVERITY_RANK[options.minimumSeverity],
  );
  const rulesByType = new Map<string, Rule[]>();
  for (const rule of rules) {
    for (const resourceType of rule.resourceTypes) {
      rulesByType.set(resourceType, [...(rulesByType.get(resourceType) ?? []), rule]);
    }
  }
  const knownRuleIds = new Set(
    WellArchitectedRules.all()
      .map((r) => r.id)
      .concat(rules.map((r) => r.id)),
  );

  const findings: Finding[] = [];
  const ruleErrors: RuleError[] = [];
  const staleAcknowledgments: StaleAcknowledgment[] = [];
  let resourcesChecked = 0;

  for (const template of templates) {
    const index = StackIndex.fromResources(template.resources);
    const usedAcks = new Set<string>();
    for (const resource of template.resources) {
      resourcesChecked++;
      if (resource.unresolvedReason) {
        continue;
      }
      for (const rule of rulesByType.get(resource.resourceType) ?? []) {
        let result;
        try {
          result = rule.evaluate(resource, { index });
        } catch (e) {
          ruleErrors.push({
            ruleId: rule.id,
            constructPath: resource.constructPath,
            logicalId: resource.logicalId,
            message: String((e as Error)?.message ?? e).split('\n')[0],
          });
          continue;
        }
        if (result.compliance !== Compliance.NON_COMPLIANT) {
          continue;
        }
        const ack =
          template.acknowledgments.get(resource.logicalId)?.find((a) => a.id === rule.id) ??
          template.acknowledgments.get('*')?.find((a) => a.id === rule.id);
        if (ack) {
          usedAcks.add(`${ack.location}\u0000${ack.id}`);
        }
        findings.push({
          ruleId: rule.id,
          pillar: rule.pillar,
          severity: rule.severity,
          lensQuestion: rule.lensQuestion,
          stackName: template.name,
          constructPath: resource.constructPath,
          logicalId: resource.logicalId,
          resourceType: resource.resourceType,
          message: result.message ?? rule.description,
          remediation: rule.remediation,
          acknowledged: ack !== undefined,
          acknowledgedReason: ack?.reason,
        });
      }
    }
    for (const acks of template.acknowledgments.values()) {
      for (const ack of acks) {
        if (knownRuleIds.has(ack.id) && !usedAcks.has(`${ack.location}\u0000${ack.id}`)) {
          const where = ack.location === 'Metadata' ? template.name : `${template.name}/${ack.location}`;
          staleAcknowledgments.push({ constructPath: where, ruleId: ack.id, reason: ack.reason });
        }
      }
    }
  }

  return {
    findings: findings.sort(
      (a, b) =>
        a.stackName.localeCompare(b.stackName) ||
        a.constructPath.localeCompare(b.constructPath) ||
        a.ruleId.localeCompare(b.ruleId),
    ),
    rules: rules.map((r) => ({
      id: r.id,
      pillar: r.pillar,
      severity: r.severity,
      lensQuestion: r.lensQuestion,
      description: r.description,
      remediation: r.remediation,
      resourceTypes: r.resourceTypes,
      equivalents: r.equivalents,
    })),
    staleAcknowledgments,
    ruleErrors,
    resourcesChecked,
    stacks: templates.map((t) => t.name).sort(),
    generatedBy: options.generatedBy,
  };
}
