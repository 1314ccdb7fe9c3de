import { compareStrings, sortFindings } from './pillars';
import { PillarCounts, summarize } from './summary';
import { CheckReport, RuleSummary } from '../engine/report-model';
import { RuleEquivalents } from '../engine/rule';

/**
 * The version of the layout of `well-architected-report.json`. Bump the major part when a field is
 * renamed or removed (consumers parse this file in CI), the minor part when one is added.
 */
export const JSON_REPORT_SCHEMA_VERSION = '1.1';

function equivalentsOf(equivalents: RuleEquivalents | undefined) {
  // Every key present, in a fixed order, so consumers need no existence checks and diffs stay small.
  return {
    serverlessRules: [...(equivalents?.serverlessRules ?? [])],
    cdkNag: [...(equivalents?.cdkNag ?? [])],
    checkov: [...(equivalents?.checkov ?? [])],
    cfnLint: [...(equivalents?.cfnLint ?? [])],
  };
}

function ruleOf(rule: RuleSummary) {
  return {
    id: rule.id,
    pillar: rule.pillar,
    severity: rule.severity,
    lensQuestion: rule.lensQuestion,
    description: rule.description,
    remediation: rule.remediation,
    resourceTypes: [...rule.resourceTypes],
    equivalents: equivalentsOf(rule.equivalents),
  };
}

function countsOf(counts: PillarCounts) {
  return {
    total: counts.total,
    open: counts.open,
    bySeverity: { error: counts.bySeverity.error, warning: counts.bySeverity.warning, info: counts.bySeverity.info },
    acknowledged: counts.acknowledged,
    ...(counts.baselined > 0 ? { baselined: counts.baselined } : {}),
    rulesRun: counts.rulesRun,
  };
}

/**
 * The content of `well-architected-report.json` as an object: every field of `CheckReport` (so the file reads
 * back as one), plus `schemaVersion` and the `summary` counts. Keys are written in a fixed order and every
 * list is sorted, so two runs over the same app give byte-identical files and a diff shows only real changes.
 */
export function buildJsonReport(report: CheckReport) {
  const summary = summarize(report);
  const pillars: Record<string, ReturnType<typeof countsOf>> = {};
  for (const { pillar, counts } of summary.pillars) {
    pillars[pillar] = countsOf(counts);
  }
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    generatedBy: report.generatedBy,
    resourcesChecked: report.resourcesChecked,
    stacks: [...report.stacks].sort(compareStrings),
    summary: {
      ...countsOf(summary.overall),
      pillars,
    },
    findings: sortFindings(report.findings).map((f) => ({
      ruleId: f.ruleId,
      pillar: f.pillar,
      severity: f.severity,
      lensQuestion: f.lensQuestion,
      stackName: f.stackName,
      constructPath: f.constructPath,
      logicalId: f.logicalId,
      resourceType: f.resourceType,
      message: f.message,
      remediation: f.remediation,
      acknowledged: f.acknowledged,
      // null rather than absent: every finding has the same keys, which keeps `jq` filters simple.
      acknowledgedReason: f.acknowledged ? (f.acknowledgedReason ?? null) : null,
      // With a baseline only: whether an entry covers the finding (it does not fail), and the entry's reason.
      ...(report.staleBaselineEntries !== undefined
        ? { baselined: f.baselined === true, baselineReason: f.baselined ? (f.baselineReason ?? null) : null }
        : {}),
    })),
    rules: [...report.rules].sort((a, b) => compareStrings(a.id, b.id)).map(ruleOf),
    staleAcknowledgments: [...report.staleAcknowledgments]
      .sort((a, b) => compareStrings(a.constructPath, b.constructPath) || compareStrings(a.ruleId, b.ruleId))
      .map((s) => ({ constructPath: s.constructPath, ruleId: s.ruleId, reason: s.reason })),
    ruleErrors: [...report.ruleErrors]
      .sort(
        (a, b) =>
          compareStrings(a.ruleId, b.ruleId) ||
          compareStrings(a.constructPath, b.constructPath) ||
          compareStrings(a.message, b.message),
      )
      .map((e) => ({ ruleId: e.ruleId, constructPath: e.constructPath, logicalId: e.logicalId, message: e.message })),
    // What WellArchitectedDefaults changed before the checks ran; empty when it was not used.
    remediations: [...(report.remediations ?? [])]
      .sort((a, b) => compareStrings(a.constructPath, b.constructPath) || compareStrings(a.description, b.description))
      .map((r) => ({
        constructPath: r.constructPath,
        logicalId: r.logicalId,
        resourceType: r.resourceType,
        description: r.description,
      })),
    ...(report.staleBaselineEntries !== undefined
      ? {
          staleBaselineEntries: report.staleBaselineEntries.map((e) => ({
            ruleId: e.ruleId,
            constructPath: e.constructPath,
            reason: e.reason ?? null,
          })),
        }
      : {}),
    // Resources the rules skipped (functions aws-cdk-lib created for itself, resources a transform expands).
    skippedResources: [...(report.skippedResources ?? [])]
      .sort((a, b) => compareStrings(a.stackName, b.stackName) || compareStrings(a.constructPath, b.constructPath))
      .map((r) => ({
        stackName: r.stackName,
        constructPath: r.constructPath,
        logicalId: r.logicalId,
        resourceType: r.resourceType,
        reason: r.reason,
      })),
  };
}

/** `well-architected-report.json`: the report as pretty-printed JSON, ending with a newline. */
export function renderJson(report: CheckReport): string {
  return JSON.stringify(buildJsonReport(report), undefined, 2) + '\n';
}
