import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { loadTemplates } from '../../src/cli/load';
import { main } from '../../src/cli/main';

/*
 * Robustness of the CLI over a varied corpus: our own fixtures (test/cli/corpus) and, when present, a directory
 * of public templates (WA_TEMPLATE_CORPUS, default /tmp/wa-template-corpus). Times are recorded, never asserted.
 */

const corpusDir = path.join(__dirname, 'corpus');
const publicCorpusDir = process.env.WA_TEMPLATE_CORPUS ?? '/tmp/wa-template-corpus';
const TEMPLATE_FILE = /\.(json|ya?ml|template)$/i;

/** Why the CLI may refuse a file of a public corpus (exit code 2): it is not a deployable CloudFormation template. */
const NOT_A_TEMPLATE =
  /: (not a CloudFormation template|a SAM template|neither JSON nor valid YAML|invalid JSON|resource \S+ has a Type that is not a string)/;

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly milliseconds: number;
}

function checkJson(file: string): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  const start = process.hrtime.bigint();
  const code = main(
    ['check', file, '--format', 'json'],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  const milliseconds = Number(process.hrtime.bigint() - start) / 1e6;
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), milliseconds };
}

function templateFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return templateFiles(full);
      }
      return entry.isFile() && TEMPLATE_FILE.test(entry.name) ? [full] : [];
    })
    .sort();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
}

function tmpFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wa-corpus-')), name);
  fs.writeFileSync(file, text);
  return file;
}

function logicalIdsOf(file: string): string[] {
  return loadTemplates(file).flatMap((t) => t.resources.map((r) => r.logicalId));
}

describe('our corpus (test/cli/corpus): every template is checked without a rule error', () => {
  const timings = new Map<string, number>();
  const files = templateFiles(corpusDir);

  test('has a varied set of fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(14);
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('.yaml'))).toBe(true);
  });

  test.each(files.map((f) => [path.basename(f), f]))('%s (and its text, SARIF and Markdown reports)', (_name, file) => {
    const run = checkJson(file);
    timings.set(path.basename(file), run.milliseconds);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    const report = JSON.parse(run.stdout);
    expect(report.ruleErrors).toEqual([]);
    expect(report.resourcesChecked).toBeGreaterThan(0);
    for (const format of ['text', 'sarif', 'markdown']) {
      const err: string[] = [];
      expect(
        main(
          ['check', file, '--format', format],
          () => undefined,
          (e) => err.push(e),
        ),
      ).toBe(run.code);
      expect(err).toEqual([]);
    }
  });

  test('a generated template with 2,000 resources of many types', () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 400; i++) {
      resources[`Dlq${i}`] = { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600 } };
      resources[`Queue${i}`] = {
        Type: 'AWS::SQS::Queue',
        Properties: {
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [`Dlq${i}`, 'Arn'] }, maxReceiveCount: 5 },
        },
      };
      resources[`Fn${i}`] = {
        Type: 'AWS::Lambda::Function',
        Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::1:role/r', Code: {} },
      };
      resources[`Mapping${i}`] = {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: { Ref: `Fn${i}` }, EventSourceArn: { 'Fn::GetAtt': [`Queue${i}`, 'Arn'] } },
      };
      resources[`Alarm${i}`] = {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [`Dlq${i}`, 'QueueName'] } }],
          Threshold: 1,
          EvaluationPeriods: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        },
      };
    }
    const file = tmpFile('two-thousand.json', JSON.stringify({ Resources: resources }));
    const run = checkJson(file);
    timings.set('two-thousand.json (generated)', run.milliseconds);
    expect([0, 1]).toContain(run.code);
    const report = JSON.parse(run.stdout);
    expect(report.resourcesChecked).toBe(2000);
    expect(report.ruleErrors).toEqual([]);
  });

  afterAll(() => {
    const lines = [...timings.entries()].map(([name, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${name}`);
    // Recorded for BENCHMARKS.md; not asserted (timings depend on the machine).
    console.log(`CLI time per corpus template:\n${lines.join('\n')}`);
  });
});

describe('what the corpus exercises', () => {
  test('short-form !GetAtt A.B, !Sub with a variable map and nested !Join/!Select/!Split parse to the long forms', () => {
    const [template] = loadTemplates(path.join(corpusDir, 'short-form-intrinsics.yaml'));
    const fn = template.resources.find((r) => r.logicalId === 'Fn')!;
    expect(fn.properties.Role).toEqual({ 'Fn::GetAtt': ['Role', 'Arn'] });
    expect(fn.properties.Timeout).toEqual({ 'Fn::If': ['IsProd', 30, { Ref: 'AWS::NoValue' }] });
    const sub = fn.properties.Code.ZipFile['Fn::Sub'];
    expect(sub[1].Greeting).toEqual({
      'Fn::Join': ['-', [{ 'Fn::Select': [0, { 'Fn::Split': [',', 'hello,world'] }] }, { Ref: 'Stage' }]],
    });
  });

  test('Fn::ForEach over literal lists expands (nested loops, ${Id}, &{Id}, Ref Id); a parameter collection is skipped', () => {
    const file = path.join(corpusDir, 'foreach-language-extensions.yaml');
    expect(logicalIdsOf(file).sort()).toEqual(
      [
        'OrdersQueue',
        'OrdersDlq',
        'OrdersTableeuwest1',
        'OrdersTableuseast1',
        'PaymentsQueue',
        'PaymentsDlq',
        'PaymentsTableeuwest1',
        'PaymentsTableuseast1',
      ].sort(),
    );
    const [template] = loadTemplates(file);
    const table = template.resources.find((r) => r.logicalId === 'PaymentsTableuseast1')!;
    expect(table.properties.TableName).toEqual({ 'Fn::Join': ['-', ['Payments', 'us-east-1']] });
    const queue = template.resources.find((r) => r.logicalId === 'OrdersQueue')!;
    expect(queue.properties.QueueName).toEqual({ 'Fn::Sub': 'Orders-queue' });
    expect(queue.properties.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': ['OrdersDlq', 'Arn'] });
  });

  test('the expanded Fn::ForEach queues are related: their dead-letter queues need no redrive policy', () => {
    const report = JSON.parse(checkJson(path.join(corpusDir, 'foreach-language-extensions.yaml')).stdout);
    const redrive = report.findings.filter((f: any) => f.ruleId === 'WA-SqsRedrivePolicy');
    expect(redrive).toEqual([]);
  });

  test('a malformed Fn::ForEach is one line of input error', () => {
    const file = tmpFile('bad-foreach.yaml', 'Resources:\n  Fn::ForEach::X:\n    - Id\n    - [a]\n');
    const out: string[] = [];
    const err: string[] = [];
    expect(
      main(
        ['check', file],
        (s) => out.push(s),
        (s) => err.push(s),
      ),
    ).toBe(2);
    expect(err).toEqual([
      expect.stringMatching(/Fn::ForEach::X must be \[Identifier, Collection, \{ OutputKey: OutputValue \}\]$/),
    ]);
  });

  test('regression: a queue named by a redrive policy written as a Fn::Sub or Fn::Join JSON string is a dead-letter queue', () => {
    const report = JSON.parse(checkJson(path.join(corpusDir, 'redrive-policy-sub-string.yaml')).stdout);
    const redrive = report.findings.filter((f: any) => f.ruleId === 'WA-SqsRedrivePolicy').map((f: any) => f.logicalId);
    expect(redrive).not.toContain('DeadLetters');
    expect(redrive).not.toContain('JoinedDeadLetters');
  });

  test('anchors, aliases and merge keys give each function the shared properties', () => {
    const [template] = loadTemplates(path.join(corpusDir, 'anchors-and-aliases.yaml'));
    const byId = Object.fromEntries(template.resources.map((r) => [r.logicalId, r.properties]));
    expect(byId.Second.MemorySize).toBe(1024);
    expect(byId.Second.TracingConfig).toEqual({ Mode: 'Active' });
    expect(byId.Third.MemorySize).toBe(512);
  });

  test('empty, null and missing Properties are an empty property bag', () => {
    const [template] = loadTemplates(path.join(corpusDir, 'custom-and-third-party-types.yaml'));
    const byId = Object.fromEntries(template.resources.map((r) => [r.logicalId, r.properties]));
    expect(byId.NullQueue).toEqual({});
    expect(byId.NullFunction).toEqual({});
    expect(byId.BareTopic).toEqual({});
  });

  test('a tag of a pre-processor (!Rain::Embed) or a Rules function (!Contains) parses without a warning on stderr', () => {
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const file = tmpFile(
        'tags.yaml',
        [
          'Rules:',
          '  Region:',
          '    Assertions:',
          '      - Assert: !Contains [[eu-west-1], !Ref AWS::Region]',
          'Resources:',
          '  Fn:',
          '    Type: AWS::Lambda::Function',
          '    Properties:',
          '      Code: { ZipFile: !Rain::Embed handler.py }',
        ].join('\n'),
      );
      expect(checkJson(file).code).not.toBe(2);
      expect(emitWarning).not.toHaveBeenCalled();
    } finally {
      emitWarning.mockRestore();
    }
  });

  test('a resource whose Type is not a string (a Rain module) is one line of input error naming it', () => {
    const file = tmpFile(
      'rain.json',
      JSON.stringify({ Resources: { Network: { Type: { 'Rain::Module': 'vpc.yml' } } } }),
    );
    const run = checkJson(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/resource Network has a Type that is not a string \(a Rain module or a macro\?\)/);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });
});

/**
 * A child process checks the files (a JSON list on stdin) one by one and reports each on a line, so a hang is
 * caught per template.
 */
const WORKER = `
const { main } = require(${JSON.stringify(path.resolve(__dirname, '..', '..', 'src', 'cli', 'main'))});
const files = JSON.parse(require('fs').readFileSync(0, 'utf-8'));
for (const file of files) {
  const out = [], err = [];
  const start = process.hrtime.bigint();
  const code = main(['check', file, '--format', 'json'], (s) => out.push(s), (s) => err.push(s));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let ruleErrors = [];
  const otherFormats = {};
  if (code !== 2) {
    try { ruleErrors = JSON.parse(out.join('\\n')).ruleErrors; } catch (e) { ruleErrors = ['unparsable report']; }
    for (const format of ['text', 'sarif', 'markdown']) {
      otherFormats[format] = main(['check', file, '--format', format], () => {}, (s) => err.push(s));
    }
  }
  process.stdout.write(JSON.stringify({ file, code, stderr: err.join('\\n'), ruleErrors, otherFormats, ms }) + '\\n');
}
`;

interface PublicRun {
  readonly file: string;
  readonly code: number;
  readonly stderr: string;
  readonly ruleErrors: unknown[];
  /** The exit code of the text, SARIF and Markdown reports of a template the JSON report checked. */
  readonly otherFormats: Record<string, number>;
  /** The time of the JSON report. */
  readonly ms: number;
}

/** Runs the worker; rejects when one template takes longer than `perTemplateMs` (naming it) or the worker dies. */
function runPublicCorpus(files: string[], perTemplateMs: number): Promise<PublicRun[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', WORKER], {
      cwd: path.resolve(__dirname, '..', '..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // The file list goes through stdin: thousands of paths exceed the argument size limit.
    // A child killed by the hang guard before it read the whole list closes the pipe: not an error of its own.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(files));
    const runs: PublicRun[] = [];
    let stderr = '';
    let watchdog: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${files[runs.length]} took more than ${perTemplateMs} ms: the CLI hangs on it`));
      }, perTemplateMs);
    };
    arm();
    child.stderr.on('data', (chunk) => (stderr += chunk));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      runs.push(JSON.parse(line));
      arm();
    });
    child.on('close', (code) => {
      clearTimeout(watchdog);
      if (runs.length === files.length) {
        resolve(runs);
      } else {
        reject(
          new Error(`worker exited (${code}) after ${runs.length}/${files.length} templates: ${stderr.slice(0, 2000)}`),
        );
      }
    });
  });
}

const describePublic = fs.existsSync(publicCorpusDir) ? describe : describe.skip;

describePublic(`public templates under ${publicCorpusDir} (WA_TEMPLATE_CORPUS)`, () => {
  test('every template is checked (exit 0/1, in every format) without rule errors; only non-templates and SAM exit 2, in one line', async () => {
    const files = templateFiles(publicCorpusDir);
    expect(files.length).toBeGreaterThan(0);
    // The hang guard: the longest one template may take, ts-node start-up included for the first one.
    const runs = await runPublicCorpus(files, Number(process.env.WA_CORPUS_TEMPLATE_TIMEOUT_MS ?? 30_000));

    const refused = runs.filter((r) => r.code === 2);
    for (const run of refused) {
      expect({ file: run.file, stderr: run.stderr }).toEqual({
        file: run.file,
        stderr: expect.stringMatching(NOT_A_TEMPLATE),
      });
      expect(run.stderr.split('\n')).toHaveLength(1);
    }
    for (const run of runs.filter((r) => r.code !== 2)) {
      expect({
        file: run.file,
        ruleErrors: run.ruleErrors,
        otherFormats: run.otherFormats,
        stderr: run.stderr,
      }).toEqual({
        file: run.file,
        ruleErrors: [],
        otherFormats: { text: run.code, sarif: run.code, markdown: run.code },
        stderr: '',
      });
      expect([0, 1]).toContain(run.code);
    }

    const reasons = new Map<string, number>();
    for (const run of refused) {
      const reason = NOT_A_TEMPLATE.exec(run.stderr)![1].replace(/resource \S+ /, 'resource ');
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const times = runs.map((r) => r.ms);
    // Recorded for BENCHMARKS.md; not asserted.
    console.log(
      [
        `public corpus: ${runs.length} templates, ${runs.length - refused.length} checked, ${refused.length} exit 2`,
        ...[...reasons.entries()].map(([reason, n]) => `  exit 2: ${n} × ${reason}`),
        `time per template: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${
          runs.find((r) => r.ms === Math.max(...times))?.file
        })`,
      ].join('\n'),
    );
  }, 600_000);
});
