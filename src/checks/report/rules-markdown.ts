import { CoverageVerdict, EXTERNAL_RULE_SETS, ExternalRule, ExternalRuleSet } from './external-rule-sets';
import { codeSpan, escapeMarkdown, markdownTableCell } from './markdown-escape';
import { compareStrings, pillarsOf, pillarTitle } from './pillars';
import { RuleSummary } from '../engine/report-model';
import { RuleEquivalents, Severity } from '../engine/rule';

/** The questions of the AWS Well-Architected Serverless Applications Lens the rules cite. */
const LENS_QUESTIONS: ReadonlyArray<[string, string]> = [
  ['OPS 1', 'How do you evaluate your serverless application’s health?'],
  ['OPS 2', 'How do you approach application lifecycle management?'],
  ['SEC 1', 'How do you control access to your serverless API?'],
  ['SEC 2', 'How do you manage your serverless application’s security boundaries?'],
  ['SEC 3', 'How do you implement application security in your workload?'],
  ['REL 1', 'How do you regulate inbound request rates?'],
  ['REL 2', 'How do you build resiliency into your serverless application?'],
  ['PERF 1', 'How do you optimize your serverless application’s performance?'],
  ['COST 1', 'How do you optimize your serverless application’s costs?'],
];

const EQUIVALENT_TOOLS: ReadonlyArray<[keyof RuleEquivalents, string]> = [
  ['serverlessRules', 'serverless-rules'],
  ['cdkNag', 'cdk-nag'],
  ['checkov', 'Checkov'],
  ['cfnLint', 'cfn-lint'],
];

/** The anchor GitHub gives a `## heading`: lower case, punctuation dropped, spaces as dashes. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function equivalentsCell(equivalents: RuleEquivalents | undefined): string {
  const parts = EQUIVALENT_TOOLS.filter(([key]) => (equivalents?.[key] ?? []).length > 0).map(
    ([key, tool]) => `${tool}: ${equivalents![key]!.map(codeSpan).join(', ')}`,
  );
  return parts.length ? parts.join('<br>') : '—';
}

function countOf(rules: readonly RuleSummary[], severity: Severity): number {
  return rules.filter((r) => r.severity === severity).length;
}

/** Our rules whose `equivalents` name the external rule (by its id or an alias), sorted by id. */
export function coveringRules(
  rules: readonly RuleSummary[],
  ruleSet: ExternalRuleSet,
  external: ExternalRule,
): RuleSummary[] {
  const ids = new Set([external.id, ...(external.aliases ?? [])]);
  return rules
    .filter((r) => (r.equivalents?.[ruleSet.equivalentsKey] ?? []).some((id) => ids.has(id)))
    .sort((a, b) => compareStrings(a.id, b.id));
}

const VERDICT_LABELS: Record<CoverageVerdict['kind'], string> = {
  equivalent: 'equivalent',
  narrower: '**narrower**',
  broader: 'broader',
  'not-covered': '**not covered**',
};

function verdictCounts(rows: readonly ExternalRule[]): string {
  const kinds: CoverageVerdict['kind'][] = ['equivalent', 'narrower', 'broader', 'not-covered'];
  return kinds
    .map((kind) => [kind, rows.filter((r) => r.verdict.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
}

/**
 * The coverage section: per external rule set, each of its checks, the rules of ours that cover it and the verdict
 * on how they compare (narrower and broader with the reason).
 */
function coverageLines(rules: readonly RuleSummary[], ruleSets: readonly ExternalRuleSet[]): string[] {
  if (ruleSets.length === 0) {
    return [];
  }
  const lines = [
    '',
    '## Coverage of other serverless rule sets',
    '',
    'Each check of these rule sets, the rules of this catalogue that name it in their _Equivalents_, and how they ' +
      'compare: **equivalent** (the same findings), **narrower** (ours flags less, on purpose: dropping the other ' +
      'tool loses those findings), **broader** (ours flags the same and more).',
  ];
  for (const ruleSet of ruleSets) {
    const rows = ruleSet.rules.map((external) => ({ external, covering: coveringRules(rules, ruleSet, external) }));
    lines.push(
      '',
      `### ${escapeMarkdown(ruleSet.name)}`,
      '',
      `${ruleSet.partial ? 'The checks this catalogue names' : `All ${rows.length} checks`}: ${verdictCounts(
        ruleSet.rules,
      )}. Ids from ${markdownTableCell(ruleSet.source)}. ${markdownTableCell(ruleSet.evidence)}`,
      '',
      row(['Check', 'What it checks', 'Covered by', 'Verdict', 'Why']),
      row(['---', '---', '---', '---', '---']),
      ...rows.map(({ external, covering }) =>
        row([
          [external.id, ...(external.aliases ?? [])].map(codeSpan).join('<br>'),
          markdownTableCell(external.title),
          covering.length ? covering.map((r) => codeSpan(r.id)).join('<br>') : '—',
          VERDICT_LABELS[external.verdict.kind],
          external.verdict.kind === 'equivalent' ? '—' : markdownTableCell(external.verdict.reason),
        ]),
      ),
    );
  }
  return lines;
}

/**
 * The text of RULES.md, the catalogue page, from the rules' own metadata: an introduction, a table of pillars
 * with their rule counts, and per pillar a table of its rules (id, severity, lens question, resource types,
 * what it checks, how to fix it, equivalent checks in other tools), then which of our rules covers each check of
 * the serverless rule sets of other tools (`externalRuleSets`).
 *
 * Deterministic: rules are sorted by id within a pillar and pillars follow the framework's order, whatever
 * order `rules` comes in, so the generated file changes only when a rule does.
 */
export function renderRulesMarkdown(
  rules: readonly RuleSummary[],
  externalRuleSets: readonly ExternalRuleSet[] = EXTERNAL_RULE_SETS,
): string {
  const sorted = [...rules].sort((a, b) => compareStrings(a.id, b.id));
  const pillars = pillarsOf(sorted);
  const lines: string[] = [
    '<!-- Generated by scripts/generate-rules-md.ts from the rule catalogue (src/checks/rules). Do not edit: change the rule and rebuild. -->',
    '',
    '# Rules',
    '',
    `The checks evaluate every CloudFormation resource of a CDK app (or of a template, with the CLI) against ${
      sorted.length === 1 ? 'this rule' : `these ${sorted.length} rules`
    }. ` +
      'Each rule belongs to a pillar of the AWS Well-Architected Framework and answers a question of the Serverless Applications Lens.',
    '',
    '- **error**: fails the synth by default; **warning**: reported, does not fail; **info**: advice.',
    "- A finding you accept is acknowledged with a reason: `Validations.of(scope).acknowledge({ id: 'WA-...', reason: '...' })`.",
    '- A value that cannot be known at synth time (a token, a parameter, `Fn::If`, an imported resource) never gives a finding.',
    '- _Equivalents_ lists the checks of other tools that look for the same thing, to compare results or migrate.',
    '',
    row(['Pillar', 'Rules', 'Error', 'Warning', 'Info']),
    row(['---', '---:', '---:', '---:', '---:']),
  ];
  for (const pillar of pillars) {
    const ofPillar = sorted.filter((r) => r.pillar === pillar);
    const title = pillarTitle(pillar);
    lines.push(
      row([
        `[${escapeMarkdown(title)}](#${anchorOf(title)})`,
        String(ofPillar.length),
        String(countOf(ofPillar, Severity.ERROR)),
        String(countOf(ofPillar, Severity.WARNING)),
        String(countOf(ofPillar, Severity.INFO)),
      ]),
    );
  }
  lines.push(
    row([
      '**All pillars**',
      `**${sorted.length}**`,
      `**${countOf(sorted, Severity.ERROR)}**`,
      `**${countOf(sorted, Severity.WARNING)}**`,
      `**${countOf(sorted, Severity.INFO)}**`,
    ]),
  );

  for (const pillar of pillars) {
    const ofPillar = sorted.filter((r) => r.pillar === pillar);
    lines.push('', `## ${escapeMarkdown(pillarTitle(pillar))}`, '');
    if (ofPillar.length === 0) {
      lines.push('No rules yet.');
      continue;
    }
    lines.push(
      row(['Rule', 'Severity', 'Lens question', 'Resource types', 'What it checks', 'How to fix', 'Equivalents']),
      row(['---', '---', '---', '---', '---', '---', '---']),
      ...ofPillar.map((r) =>
        row([
          codeSpan(r.id),
          escapeMarkdown(r.severity),
          escapeMarkdown(r.lensQuestion),
          r.resourceTypes.map(codeSpan).join('<br>'),
          // Rule texts are Markdown on purpose (they name props as `code`): only made safe for the table.
          markdownTableCell(r.description),
          markdownTableCell(r.remediation),
          equivalentsCell(r.equivalents),
        ]),
      ),
    );
  }

  lines.push(...coverageLines(sorted, externalRuleSets));

  lines.push(
    '',
    '## Serverless Lens questions',
    '',
    row(['Question', '']),
    row(['---', '---']),
    ...LENS_QUESTIONS.map(([id, question]) => row([id, escapeMarkdown(question)])),
  );
  return lines.join('\n') + '\n';
}
