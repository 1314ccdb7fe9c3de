import { emptyReport, ruleSummary, sampleReport } from './fixtures';
import { Pillar, Severity } from '../../../src/checks/engine';
import { renderMarkdown } from '../../../src/checks/report';
import { pillarTitle } from '../../../src/checks/report/pillars';

/** The cells of the table row whose first cell is `label`. */
function rowOf(markdown: string, label: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${label} |`));
  if (!line) {
    throw new Error(`no table row starting with '${label}' in:\n${markdown}`);
  }
  return line
    .slice(2, -2)
    .split(' | ')
    .map((c) => c.trim());
}

/** The text of one `## heading` section, up to the next one. */
function sectionOf(markdown: string, heading: string): string {
  const start = markdown
    .split('\n## ')
    .find((s) => s.replace(/^\S+ /, '').startsWith(heading) || s.startsWith(heading));
  if (!start) {
    throw new Error(`no section '${heading}' in:\n${markdown}`);
  }
  return start;
}

describe('well-architected-report.md', () => {
  const markdown = renderMarkdown(sampleReport());

  test('opens with what was checked and the open totals', () => {
    expect(markdown.startsWith('# Well-Architected report\n')).toBe(true);
    expect(markdown).toContain(
      '`cdk-well-architected@1.2.3` checked 9 resources in 2 stacks (`Billing`, `Orders`) against 4 rules: ' +
        '**3 errors**, 2 warnings and 0 info findings open, 1 acknowledged.',
    );
  });

  test('the scorecard has a row per pillar with status, open counts by severity, acknowledged and rules run', () => {
    expect(rowOf(markdown, 'Pillar')).toEqual([
      'Pillar',
      'Status',
      'Errors',
      'Warnings',
      'Info',
      'Acknowledged',
      'Rules run',
    ]);
    expect(rowOf(markdown, 'Operational excellence')).toEqual([
      'Operational excellence',
      '⚠️',
      '0',
      '2',
      '0',
      '0',
      '1',
    ]);
    expect(rowOf(markdown, 'Security')).toEqual(['Security', '❌', '2', '0', '0', '0', '1']);
    expect(rowOf(markdown, 'Reliability')).toEqual(['Reliability', '❌', '1', '0', '0', '1', '1']);
    expect(rowOf(markdown, 'Cost optimization')).toEqual(['Cost optimization', '✅', '0', '0', '0', '0', '1']);
    expect(rowOf(markdown, 'Performance efficiency')).toEqual([
      'Performance efficiency',
      '➖',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    expect(rowOf(markdown, '**All pillars**')).toEqual([
      '**All pillars**',
      '❌',
      '**3**',
      '**2**',
      '**0**',
      '**1**',
      '**4**',
    ]);
  });

  test('an info-only pillar shows the info icon', () => {
    const report = sampleReport();
    const info = {
      ...report,
      findings: [
        {
          ...report.findings[0],
          ruleId: 'WA-LambdaArm64',
          pillar: Pillar.COST_OPTIMIZATION,
          severity: Severity.INFO,
          lensQuestion: 'COST 1',
        },
      ],
    };
    expect(rowOf(renderMarkdown(info), 'Cost optimization')).toEqual([
      'Cost optimization',
      'ℹ️',
      '0',
      '0',
      '1',
      '0',
      '1',
    ]);
  });

  test('findings are grouped under their pillar with severity, rule, resource, message and fix', () => {
    const security = sectionOf(markdown, 'Security');
    expect(security).toContain(
      '| ❌ error | `WA-SqsEnforceSsl` (SEC 2) | `Orders/Queue/Resource` | Queue breaks WA-SqsEnforceSsl. | Set `enforceSSL: true` on the queue. |',
    );
    expect(security).not.toContain('WA-LambdaTracing');
    expect(sectionOf(markdown, 'Operational excellence')).toContain('`Billing/Worker/Resource`');
    // Pillars without findings get no section.
    expect(markdown).not.toContain('## ✅ Cost optimization');
  });

  test('within a pillar, errors come before warnings', () => {
    const report = sampleReport();
    const mixed = {
      ...report,
      findings: [
        { ...report.findings[0], constructPath: 'A/First/Resource', severity: Severity.WARNING },
        { ...report.findings[0], constructPath: 'B/Second/Resource', severity: Severity.ERROR },
      ],
    };
    const section = sectionOf(renderMarkdown(mixed), 'Security');
    expect(section.indexOf('B/Second')).toBeLessThan(section.indexOf('A/First'));
  });

  test('acknowledged findings are folded in a details block with their reason, not in the open table', () => {
    const reliability = sectionOf(markdown, 'Reliability');
    const [open, folded] = reliability.split('<details>');
    expect(open).not.toContain('Billing/Dlq/Resource');
    expect(folded).toContain('<summary>1 acknowledged finding</summary>');
    expect(folded).toContain('This queue \\*is\\* the dead-letter queue \\| by design');
    expect(folded).toContain('</details>');
  });

  test('an acknowledgment without a reason says so', () => {
    const report = sampleReport();
    const noReason = {
      ...report,
      findings: [{ ...report.findings[0], acknowledged: true, acknowledgedReason: undefined }],
    };
    expect(renderMarkdown(noReason)).toContain('_no reason given_');
  });

  test('escapes pipes and newlines in messages so the table stays intact, keeping code spans', () => {
    const line = markdown.split('\n').find((l) => l.includes('Function Handler has no tracing'))!;
    expect(line).toContain('Function Handler has no tracing \\| see `Tracing.ACTIVE`<br>second line');
    // 5 cells: the escaped pipe is not a separator.
    expect(line.split(/(?<!\\)\|/).length - 2).toBe(5);
  });

  test('escapes every backtick of a message whose backticks do not pair up', () => {
    const report = sampleReport();
    const odd = { ...report, findings: [{ ...report.findings[0], message: 'Queue `a|b has *no* `x` DLQ' }] };
    expect(renderMarkdown(odd)).toContain('| Queue \\`a\\|b has \\*no\\* \\`x\\` DLQ |');
  });

  test('escapes HTML and emphasis in construct paths and reasons', () => {
    const report = sampleReport();
    const hostile = {
      ...report,
      findings: [],
      staleAcknowledgments: [
        { constructPath: 'Stack/`odd`|id', ruleId: 'WA-X', reason: '<script>alert(1)</script> _now_' },
      ],
    };
    const md = renderMarkdown(hostile);
    expect(md).toContain('| ``Stack/`odd`\\|id`` | `WA-X` |');
    expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\_now\\_');
    expect(md).not.toContain('<script>');
  });

  test('lists stale acknowledgments and rule errors in their own sections', () => {
    expect(sectionOf(markdown, 'Stale acknowledgments')).toContain(
      '| `Billing/OldQueue` | `WA-SqsEnforceSsl` | legacy consumer |',
    );
    expect(sectionOf(markdown, 'Rule errors')).toContain(
      '| `WA-LambdaTracing` | `Billing/Broken/Resource` | Cannot read properties of undefined |',
    );
  });

  test('a stale acknowledgment made on the app itself names the app root', () => {
    const report = { ...sampleReport(), staleAcknowledgments: [{ constructPath: '', ruleId: 'WA-X', reason: 'old' }] };
    expect(renderMarkdown(report)).toContain('| _app root_ | `WA-X` | old |');
  });

  test('a clean report says there are no findings and has no empty sections', () => {
    const report = { ...emptyReport(), rules: [ruleSummary({ id: 'WA-One', pillar: Pillar.RELIABILITY })] };
    const md = renderMarkdown(report);
    expect(md).toContain('\nNo findings.\n');
    expect(rowOf(md, 'Reliability')).toEqual(['Reliability', '✅', '0', '0', '0', '0', '1']);
    expect(md).not.toContain('## Stale acknowledgments');
    expect(md).not.toContain('## Rule errors');
    expect(md).not.toContain('<details>');
  });
});

describe('a large report', () => {
  test('each table lists the first 100 findings, most serious first, and says how many more the other reports hold', () => {
    const report = sampleReport();
    const base = report.findings[0];
    const findings = Array.from({ length: 160 }, (_, i) => ({
      ...base,
      constructPath: `Stack/Queue${String(i).padStart(3, '0')}/Resource`,
      severity: i === 150 ? Severity.ERROR : Severity.WARNING,
      acknowledged: false,
      acknowledgedReason: undefined,
    }));
    const acknowledged = Array.from({ length: 101 }, (_, i) => ({
      ...base,
      constructPath: `Stack/Accepted${String(i).padStart(3, '0')}/Resource`,
      acknowledged: true,
      acknowledgedReason: 'accepted',
    }));
    const markdown = renderMarkdown({ ...report, findings: [...findings, ...acknowledged] });
    const section = sectionOf(markdown, pillarTitle(base.pillar));
    const [open, folded] = section.split('<details>');

    expect(open.split('\n').filter((l) => l.includes('`Stack/Queue'))).toHaveLength(100);
    // The one error is listed although it comes 151st by construct path.
    expect(open).toContain('`Stack/Queue150/Resource`');
    expect(open).toContain('_…and 60 more open findings: the JSON and SARIF reports list every one._');
    expect(folded).toContain('<summary>101 acknowledged findings</summary>');
    expect(folded.split('\n').filter((l) => l.includes('`Stack/Accepted'))).toHaveLength(100);
    expect(folded).toContain('_…and 1 more acknowledged finding: the JSON and SARIF reports list every one._');
    // The scorecard still counts all of them.
    expect(rowOf(markdown, '**All pillars**')).toContain('**159**');
  });
});
