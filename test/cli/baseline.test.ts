import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

/**
 * Adopting the checks on an existing app: record today's findings once, then fail only on new ones; an entry that
 * no longer matches is reported as stale. Entries match by rule id and construct path.
 */

function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A template with one queue per name; `open` queues get a policy that lets everyone send (an error finding). */
function template(queues: Record<string, boolean>): any {
  const resources: Record<string, any> = {};
  for (const [name, open] of Object.entries(queues)) {
    resources[name] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: name.toLowerCase() } };
    if (open) {
      resources[`${name}Policy`] = {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: name }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }],
          },
        },
      };
    }
  }
  return { Resources: resources };
}

test('baseline round trip: record, add a fault, only the new finding fails, fix a fault, its entry is stale', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-baseline-'));
  const file = path.join(dir, 'app.json');
  const baseline = path.join(dir, 'baseline.json');
  const write = (queues: Record<string, boolean>) => fs.writeFileSync(file, JSON.stringify(template(queues)));

  write({ Orders: true, Billing: false });
  expect(cli('check', file).code).toBe(1);
  const recorded = cli('baseline', file, '--output', baseline, '--reason', 'adopted 2026-12');
  expect(recorded.code).toBe(0);
  const entries = JSON.parse(fs.readFileSync(baseline, 'utf-8')).entries;
  expect(entries).toContainEqual({
    ruleId: 'WA-SqsPolicyOpenAccess',
    constructPath: 'app.json/OrdersPolicy',
    reason: 'adopted 2026-12',
  });

  // The recorded finding no longer fails, and the reports show it apart.
  const clean = cli('check', file, '--baseline', baseline, '--format', 'json');
  expect(clean.code).toBe(0);
  const report = JSON.parse(clean.stdout);
  const orders = report.findings.find((f: any) => f.ruleId === 'WA-SqsPolicyOpenAccess');
  expect(orders).toMatchObject({ baselined: true, baselineReason: 'adopted 2026-12', acknowledged: false });
  expect(report.staleBaselineEntries).toEqual([]);
  expect(report.summary.baselined).toBeGreaterThan(0);

  // A new fault fails, and only it.
  write({ Orders: true, Billing: true });
  const added = cli('check', file, '--baseline', baseline, '--format', 'json');
  expect(added.code).toBe(1);
  const open = JSON.parse(added.stdout).findings.filter(
    (f: any) => f.ruleId === 'WA-SqsPolicyOpenAccess' && !f.baselined,
  );
  expect(open.map((f: any) => f.constructPath)).toEqual(['app.json/BillingPolicy']);

  // SARIF marks the baselined result suppressed with the reason, the new one as new.
  const sarif = JSON.parse(cli('check', file, '--baseline', baseline, '--format', 'sarif').stdout);
  const results = sarif.runs[0].results.filter((r: any) => r.ruleId === 'WA-SqsPolicyOpenAccess');
  const byPath = (part: string) =>
    results.find((r: any) => JSON.stringify(r.locations).includes(part) || JSON.stringify(r).includes(part));
  expect(byPath('OrdersPolicy')).toMatchObject({
    baselineState: 'unchanged',
    suppressions: [{ kind: 'external', status: 'accepted', justification: 'adopted 2026-12' }],
  });
  expect(byPath('BillingPolicy').suppressions).toBeUndefined();
  expect(byPath('BillingPolicy').baselineState).toBe('new');

  // Fix the recorded fault: its entry is reported as stale.
  write({ Orders: false, Billing: false });
  const fixed = cli('check', file, '--baseline', baseline);
  expect(fixed.code).toBe(0);
  expect(fixed.stdout).toMatch(/STALE BASELINE ENTRY WA-SqsPolicyOpenAccess at app\.json\/OrdersPolicy/);
});

test('a baseline file that cannot be read is an input error naming the file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-baseline-'));
  const file = path.join(dir, 'app.json');
  fs.writeFileSync(file, JSON.stringify(template({ Orders: false })));
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, '{"entries": [{"ruleId": 3}]}');
  const run = cli('check', file, '--baseline', bad);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/baseline .*bad\.json: entries\[0\] needs a "ruleId" and a "constructPath"/);
});
