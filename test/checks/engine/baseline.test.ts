import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { baselineOf, renderBaseline, WellArchitectedChecks } from '../../../src';

/** The same baseline file works for the aspect: recorded findings are not annotated, the report shows them apart. */
function build(withFault: boolean) {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wa-baseline-aspect-')) });
  const stack = new Stack(app, 'Service');
  new sqs.Queue(stack, 'Orphan');
  if (withFault) {
    new sqs.Queue(stack, 'Another');
  }
  return { app, stack };
}

test('baselined findings are not annotated and are reported apart; a stale entry is reported', () => {
  const first = build(false);
  const recording = WellArchitectedChecks.applyTo(first.app, { reportFormats: [] });
  first.app.synth();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wa-baseline-file-')), 'baseline.json');
  const entries = baselineOf(recording.report!);
  expect(entries.map((e) => `${e.ruleId} ${e.constructPath}`)).toContain('WA-SqsUnusedQueue Service/Orphan/Resource');
  fs.writeFileSync(
    file,
    renderBaseline([...entries, { ruleId: 'WA-SqsUnusedQueue', constructPath: 'Service/Gone/Resource' }], 'test'),
  );

  const second = build(true);
  const checks = WellArchitectedChecks.applyTo(second.app, { reportFormats: [], baselineFile: file });
  const assembly = second.app.synth();
  const messages = assembly.getStackArtifact(second.stack.artifactId).messages.map((m) => `${m.id} ${m.entry.data}`);
  expect(messages.filter((m) => m.includes('WA-SqsUnusedQueue')).map((m) => m.split(' ')[0])).toEqual([
    '/Service/Another/Resource',
  ]);
  const unused = checks.report!.findings.filter((f) => f.ruleId === 'WA-SqsUnusedQueue');
  expect(unused.map((f) => [f.constructPath, f.baselined])).toEqual([
    ['Service/Another/Resource', false],
    ['Service/Orphan/Resource', true],
  ]);
  expect(checks.report!.staleBaselineEntries).toEqual([
    { ruleId: 'WA-SqsUnusedQueue', constructPath: 'Service/Gone/Resource', reason: undefined },
  ]);
});

test('a baseline file that cannot be read is a construct-time error naming the prop and the file', () => {
  expect(() => new WellArchitectedChecks({ baselineFile: '/nonexistent/baseline.json' })).toThrow(
    /WellArchitectedChecks: baselineFile '\/nonexistent\/baseline.json': baseline .* cannot be read/,
  );
});
