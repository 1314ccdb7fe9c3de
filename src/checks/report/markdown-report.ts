import { codeSpan, escapeHtml, escapeMarkdown, escapeMessage, markdownTableCell } from './markdown-escape';
import { compareSeverities, compareStrings, pillarTitle, sortFindings } from './pillars';
import { PillarCounts, summarize } from './summary';
import { Finding } from '../engine/finding';
import { CheckReport } from '../engine/report-model';
import { Severity } from '../engine/rule';

const SEVERITY_ICONS: Record<Severity, string> = {
  [Severity.ERROR]: '❌',
  [Severity.WARNING]: '⚠️',
  [Severity.INFO]: 'ℹ️',
};

/** The pillar's status at a glance: its most serious open finding, or whether anything was checked at all. */
function statusIcon(counts: PillarCounts): string {
  if (counts.bySeverity.error > 0) return SEVERITY_ICONS[Severity.ERROR];
  if (counts.bySeverity.warning > 0) return SEVERITY_ICONS[Severity.WARNING];
  if (counts.bySeverity.info > 0) return SEVERITY_ICONS[Severity.INFO];
  return counts.rulesRun > 0 || counts.total > 0 ? '✅' : '➖';
}

/**
 * The most findings one table lists. A large app has thousands, and GitHub takes at most 1 MiB of job summary and
 * 65,536 characters of comment: past this, a table lists the most serious and says how many more the JSON and SARIF
 * reports hold. The counts in the scorecard are always complete.
 */
export const MARKDOWN_MAX_TABLE_ROWS = 100;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function countsRow(label: string, counts: PillarCounts, bold: boolean): string {
  const b = (n: number) => (bold ? `**${n}**` : String(n));
  return row([
    label,
    statusIcon(counts),
    b(counts.bySeverity.error),
    b(counts.bySeverity.warning),
    b(counts.bySeverity.info),
    b(counts.acknowledged),
    b(counts.rulesRun),
  ]);
}

function severityCell(severity: Severity): string {
  return `${SEVERITY_ICONS[severity] ?? ''} ${escapeMarkdown(String(severity))}`.trim();
}

/** The line under a table that lists only the first `MARKDOWN_MAX_TABLE_ROWS` of `total`. */
function moreRows(total: number, what: string): string[] {
  return total > MARKDOWN_MAX_TABLE_ROWS
    ? [
        '',
        `_…and ${plural(total - MARKDOWN_MAX_TABLE_ROWS, `more ${what}`, `more ${what}s`)}: the JSON and SARIF reports list every one._`,
      ]
    : [];
}

function openFindingsTable(allFindings: Finding[]): string[] {
  const findings = allFindings.slice(0, MARKDOWN_MAX_TABLE_ROWS);
  // Findings of one rule share its fix: escape each fix once.
  const fixes = new Map<string, string>();
  const fixCell = (remediation: string): string => {
    let cell = fixes.get(remediation);
    if (cell === undefined) {
      cell = markdownTableCell(remediation);
      fixes.set(remediation, cell);
    }
    return cell;
  };
  return [
    row(['Severity', 'Rule', 'Resource', 'Finding', 'Fix']),
    row(['---', '---', '---', '---', '---']),
    ...findings.map((f) =>
      row([
        severityCell(f.severity),
        `${codeSpan(f.ruleId)} (${escapeMarkdown(f.lensQuestion)})`,
        codeSpan(f.constructPath),
        escapeMessage(f.message),
        // The fix is the rule's own Markdown; the message keeps its code spans but quotes user input, so the rest is escaped.
        fixCell(f.remediation),
      ]),
    ),
    ...moreRows(allFindings.length, 'open finding'),
  ];
}

function acknowledgedDetails(allFindings: Finding[]): string[] {
  const findings = allFindings.slice(0, MARKDOWN_MAX_TABLE_ROWS);
  return [
    '<details>',
    `<summary>${escapeHtml(plural(allFindings.length, 'acknowledged finding'))}</summary>`,
    '',
    row(['Severity', 'Rule', 'Resource', 'Finding', 'Reason']),
    row(['---', '---', '---', '---', '---']),
    ...findings.map((f) =>
      row([
        severityCell(f.severity),
        codeSpan(f.ruleId),
        codeSpan(f.constructPath),
        escapeMessage(f.message),
        f.acknowledgedReason ? escapeMessage(f.acknowledgedReason) : '_no reason given_',
      ]),
    ),
    ...moreRows(allFindings.length, 'acknowledged finding'),
    '',
    '</details>',
  ];
}

/**
 * `well-architected-report.md`: a scorecard a person reads in a pull request. A table of pillars with their
 * open findings by severity, then the findings of each pillar (most serious first) with the fix, the
 * acknowledged ones folded away with their reasons, then stale acknowledgments and rule errors.
 * Everything that comes from users or rules is escaped, so a `|` or a backtick in a message cannot break a table.
 */
export function renderMarkdown(report: CheckReport): string {
  const summary = summarize(report);
  const overall = summary.overall;
  const stacks = [...report.stacks].sort(compareStrings);
  const lines: string[] = [
    '# Well-Architected report',
    '',
    `${codeSpan(report.generatedBy)} checked ${plural(report.resourcesChecked, 'resource')} in ` +
      `${plural(stacks.length, 'stack')}${stacks.length ? ` (${stacks.map(codeSpan).join(', ')})` : ''} ` +
      `against ${plural(report.rules.length, 'rule')}: ` +
      `**${plural(overall.bySeverity.error, 'error')}**, ${plural(overall.bySeverity.warning, 'warning')} and ` +
      `${plural(overall.bySeverity.info, 'info finding')} open, ${overall.acknowledged} acknowledged${overall.baselined > 0 ? `, ${overall.baselined} in the baseline` : ''}.`,
    '',
    row(['Pillar', 'Status', 'Errors', 'Warnings', 'Info', 'Acknowledged', 'Rules run']),
    row(['---', ':---:', '---:', '---:', '---:', '---:', '---:']),
    ...summary.pillars.map(({ pillar, counts }) => countsRow(escapeMarkdown(pillarTitle(pillar)), counts, false)),
    countsRow('**All pillars**', overall, true),
    '',
    '❌ open errors · ⚠️ open warnings · ℹ️ open advice only · ✅ no open findings · ➖ no rules ran',
  ];

  const sorted = sortFindings(report.findings);
  if (sorted.length === 0) {
    lines.push('', 'No findings.');
  }
  for (const { pillar, counts } of summary.pillars) {
    if (counts.total === 0) {
      continue;
    }
    const ofPillar = sorted.filter((f) => f.pillar === pillar);
    // A stable sort: within a severity the findings keep the stack / construct path / rule order.
    const open = ofPillar
      .filter((f) => !f.acknowledged && !f.baselined)
      .sort((a, b) => compareSeverities(a.severity, b.severity));
    const acknowledged = ofPillar.filter((f) => f.acknowledged);
    lines.push('', `## ${statusIcon(counts)} ${escapeMarkdown(pillarTitle(pillar))}`, '');
    if (open.length) {
      lines.push(...openFindingsTable(open));
    } else {
      lines.push('No open findings.');
    }
    if (acknowledged.length) {
      lines.push('', ...acknowledgedDetails(acknowledged));
    }
  }

  if (report.staleAcknowledgments.length) {
    const stale = [...report.staleAcknowledgments].sort(
      (a, b) => compareStrings(a.constructPath, b.constructPath) || compareStrings(a.ruleId, b.ruleId),
    );
    lines.push(
      '',
      '## Stale acknowledgments',
      '',
      'These acknowledgments match no finding any more (the problem was fixed or the resource removed): remove them.',
      '',
      row(['Construct', 'Rule', 'Reason']),
      row(['---', '---', '---']),
      ...stale.map((s) =>
        row([s.constructPath ? codeSpan(s.constructPath) : '_app root_', codeSpan(s.ruleId), escapeMessage(s.reason)]),
      ),
    );
  }

  const remediations = [...(report.remediations ?? [])].sort(
    (a, b) => compareStrings(a.constructPath, b.constructPath) || compareStrings(a.description, b.description),
  );
  if (remediations.length) {
    lines.push(
      '',
      '<details>',
      `<summary>Changed by WellArchitectedDefaults (${remediations.length})</summary>`,
      '',
      row(['Resource', 'Type', 'Change']),
      row(['---', '---', '---']),
      ...remediations.map((r) =>
        row([codeSpan(r.constructPath), codeSpan(r.resourceType), escapeMessage(r.description)]),
      ),
      '',
      '</details>',
    );
  }

  const skipped = [...(report.skippedResources ?? [])].sort((a, b) => compareStrings(a.constructPath, b.constructPath));
  if (skipped.length) {
    lines.push(
      '',
      '<details>',
      `<summary>Skipped resources (${skipped.length}): not checked, with the reason</summary>`,
      '',
      row(['Resource', 'Type', 'Why']),
      row(['---', '---', '---']),
      ...skipped.map((r) => row([codeSpan(r.constructPath), codeSpan(r.resourceType), escapeMessage(r.reason)])),
      '',
      '</details>',
    );
  }

  if (report.ruleErrors.length) {
    const errors = [...report.ruleErrors].sort(
      (a, b) => compareStrings(a.ruleId, b.ruleId) || compareStrings(a.constructPath, b.constructPath),
    );
    lines.push(
      '',
      '## Rule errors',
      '',
      'These rules threw while evaluating a resource, so the resource was not checked against them. Please report it to the rule author.',
      '',
      row(['Rule', 'Resource', 'Error']),
      row(['---', '---', '---']),
      ...errors.map((e) => row([codeSpan(e.ruleId), codeSpan(e.constructPath), escapeMarkdown(e.message)])),
    );
  }
  return lines.join('\n') + '\n';
}
