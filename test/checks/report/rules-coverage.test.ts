import * as fs from 'fs';
import * as path from 'path';
import { CheckedResource, Pillar, Rule, RuleResult, Severity } from '../../../src/checks/engine';
import { CDK_NAG_SERVERLESS, EXTERNAL_RULE_SETS, ExternalRuleSet } from '../../../src/checks/report/external-rule-sets';
import { coveringRules, renderRulesMarkdown } from '../../../src/checks/report/rules-markdown';
import { WellArchitectedRules } from '../../../src/checks/rules';

class TestRule extends Rule {
  public evaluate(_resource: CheckedResource): RuleResult {
    return RuleResult.compliant();
  }
}

function testRule(id: string, serverlessRules: string[]): Rule {
  return new TestRule({
    id,
    pillar: Pillar.RELIABILITY,
    lensQuestion: 'REL 2',
    severity: Severity.WARNING,
    description: 'Checks something.',
    remediation: 'Fix it.',
    resourceTypes: ['AWS::SQS::Queue'],
    equivalents: { serverlessRules },
  });
}

const RULE_SET: ExternalRuleSet = {
  equivalentsKey: 'serverlessRules',
  name: 'Other | tool',
  source: 'its `docs`',
  evidence: 'Read from its docs.',
  rules: [
    {
      id: 'ES6000',
      aliases: ['aws_sqs_queue_redrive_policy'],
      title: 'SQS redrive policy',
      verdict: { kind: 'equivalent' },
    },
    { id: 'ES7000', title: 'SNS redrive policy', verdict: { kind: 'narrower', reason: 'Email is | exempt.' } },
    {
      id: 'ES9999',
      title: 'Queue colour',
      verdict: { kind: 'not-covered', reason: 'Colour is not a | well-architected concern.' },
    },
  ],
};

function rowOf(markdown: string, firstCell: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${firstCell} |`));
  if (!line) {
    throw new Error(`no row starting with '${firstCell}' in:\n${markdown}`);
  }
  return line.slice(2, -2).split(/ (?<!\\)\| /);
}

describe('the coverage section of RULES.md', () => {
  // One rule names the check by its tflint alias, one by its cfn-lint id: both cover it.
  const rules = [
    testRule('WA-B', ['aws_sqs_queue_redrive_policy']),
    testRule('WA-A', ['ES6000']),
    testRule('WA-C', ['ES7000']),
  ];
  const markdown = renderRulesMarkdown(rules, [RULE_SET]);

  test('lists each external check with the rules whose equivalents name its id or an alias, and the verdict', () => {
    expect(markdown).toContain('\n## Coverage of other serverless rule sets\n');
    expect(markdown).toContain(
      '\n### Other \\| tool\n\nAll 3 checks: 1 equivalent, 1 narrower, 1 not-covered. Ids from its `docs`. Read from its docs.\n',
    );
    expect(rowOf(markdown, '`ES6000`<br>`aws_sqs_queue_redrive_policy`')).toEqual([
      '`ES6000`<br>`aws_sqs_queue_redrive_policy`',
      'SQS redrive policy',
      '`WA-A`<br>`WA-B`',
      'equivalent',
      '—',
    ]);
  });

  test('a narrower check shows the reason, made safe for the table', () => {
    expect(rowOf(markdown, '`ES7000`')).toEqual([
      '`ES7000`',
      'SNS redrive policy',
      '`WA-C`',
      '**narrower**',
      'Email is \\| exempt.',
    ]);
  });

  test('an uncovered check says so and why', () => {
    expect(rowOf(markdown, '`ES9999`')).toEqual([
      '`ES9999`',
      'Queue colour',
      '—',
      '**not covered**',
      'Colour is not a \\| well-architected concern.',
    ]);
  });

  test('a partial list says it holds only the checks the catalogue names', () => {
    const partial = renderRulesMarkdown(rules, [{ ...RULE_SET, partial: true }]);
    expect(partial).toContain('\nThe checks this catalogue names: 1 equivalent, 1 narrower, 1 not-covered.');
  });

  test('comes before the Serverless Lens questions, and is left out without rule sets', () => {
    expect(markdown.indexOf('## Coverage of other')).toBeLessThan(markdown.indexOf('## Serverless Lens questions'));
    expect(renderRulesMarkdown(rules, [])).not.toContain('Coverage of other');
  });
});

describe('the catalogue against the external rule sets', () => {
  const all = WellArchitectedRules.all();

  test.each(EXTERNAL_RULE_SETS.flatMap((set) => set.rules.map((r) => [set.name, r.id, set, r] as const)))(
    '%s %s is covered by a rule with a verdict, or is not covered and says why',
    (_name, _id, set, external) => {
      const covering = coveringRules(all, set, external);
      if (covering.length === 0) {
        expect(external.verdict.kind).toBe('not-covered');
      } else {
        expect(external.verdict.kind).not.toBe('not-covered');
      }
      if (external.verdict.kind !== 'equivalent') {
        expect(external.verdict.reason).toEqual(expect.stringMatching(/\S/));
      }
    },
  );

  test('every serverless-rules and cdk-nag id the rules name has a verdict (no typos, no id without one)', () => {
    const known = (key: 'serverlessRules' | 'cdkNag') =>
      new Set(
        EXTERNAL_RULE_SETS.filter((set) => set.equivalentsKey === key).flatMap((set) =>
          set.rules.flatMap((r) => [r.id, ...(r.aliases ?? [])]),
        ),
      );
    const serverlessRules = known('serverlessRules');
    const cdkNag = known('cdkNag');
    const unknown = all.flatMap((rule) => [
      ...(rule.equivalents.serverlessRules ?? [])
        .filter((id) => !serverlessRules.has(id))
        .map((id) => `${rule.id}: ${id}`),
      ...(rule.equivalents.cdkNag ?? []).filter((id) => !cdkNag.has(id)).map((id) => `${rule.id}: ${id}`),
    ]);
    expect(unknown).toEqual([]);
  });

  test('the cdk-nag list is the installed ServerlessChecks pack, rule for rule', () => {
    const pack = fs.readFileSync(
      path.join(path.dirname(require.resolve('cdk-nag/package.json')), 'lib', 'packs', 'serverless.js'),
      'utf-8',
    );
    const installed = [...pack.matchAll(/rule: \w+\.(\w+)/g)].map((m) => `Serverless-${m[1]}`).sort();
    expect(installed.length).toBeGreaterThan(0);
    expect(CDK_NAG_SERVERLESS.rules.map((r) => r.id).sort()).toEqual(installed);
  });

  test('ids are unique within the rule sets of each tool', () => {
    for (const key of ['cdkNag', 'serverlessRules']) {
      const ids = EXTERNAL_RULE_SETS.filter((set) => set.equivalentsKey === key).flatMap((set) =>
        set.rules.flatMap((r) => [r.id, ...(r.aliases ?? [])]),
      );
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
