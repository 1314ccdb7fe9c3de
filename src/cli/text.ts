import { CheckReport } from '../checks/engine/report-model';
import { Severity } from '../checks/engine/rule';
import { compareStrings } from '../checks/report/pillars';

const SEVERITY_ORDER: Severity[] = [Severity.ERROR, Severity.WARNING, Severity.INFO];

/** The report as a person reads it in a terminal: one block per finding, then a summary line. */
export function renderText(report: CheckReport): string {
  const lines: string[] = [];
  const open = report.findings.filter((f) => !f.acknowledged && !f.baselined);
  const baselined = report.findings.filter((f) => f.baselined).length;
  const sorted = [...open].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      compareStrings(a.constructPath, b.constructPath) ||
      compareStrings(a.ruleId, b.ruleId),
  );
  for (const f of sorted) {
    lines.push(`${f.severity.toUpperCase()} ${f.ruleId} ${f.constructPath} (${f.resourceType})`);
    lines.push(`  ${f.message}`);
    lines.push(`  Fix: ${f.remediation}`);
    lines.push(`  ${f.pillar}, Serverless Lens ${f.lensQuestion}`);
  }
  for (const s of report.staleAcknowledgments) {
    lines.push(
      `STALE ACKNOWLEDGMENT ${s.ruleId} at ${s.constructPath || '(template)'}: it matched no finding; remove it.`,
    );
  }
  for (const e of report.staleBaselineEntries ?? []) {
    lines.push(
      `STALE BASELINE ENTRY ${e.ruleId} at ${e.constructPath}: it matched no finding; remove it from the baseline.`,
    );
  }
  for (const r of report.skippedResources ?? []) {
    lines.push(`SKIPPED ${r.constructPath} (${r.resourceType}): ${r.reason}`);
  }
  for (const e of report.ruleErrors) {
    lines.push(`RULE ERROR ${e.ruleId} on ${e.constructPath}: ${e.message}`);
  }
  const count = (severity: Severity) => open.filter((f) => f.severity === severity).length;
  const acknowledged = report.findings.filter((f) => f.acknowledged).length;
  if (lines.length > 0) {
    lines.push('');
  }
  lines.push(
    `${report.stacks.length} template(s), ${report.resourcesChecked} resources, ${report.rules.length} rules: ` +
      `${count(Severity.ERROR)} errors, ${count(Severity.WARNING)} warnings, ${count(Severity.INFO)} info, ${acknowledged} acknowledged${report.staleBaselineEntries !== undefined ? `, ${baselined} in the baseline` : ''}`,
  );
  return lines.join('\n');
}
