import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { main } from '../../src/cli/main';

const fixtures = path.join(__dirname, 'fixtures');

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'wa-cli-'));
}

describe('input it cannot read: one line, exit code 2', () => {
  test.each([
    ['broken.json', /broken\.json: invalid JSON/],
    ['broken.yaml', /broken\.yaml: neither JSON nor valid YAML/],
    ['not-a-template.yaml', /not a CloudFormation template \(no Resources section\)/],
    ['sam.yaml', /a SAM template \(Transform: AWS::Serverless-2016-10-31\); check the processed template instead/],
    ['missing.json', /missing\.json: no such file or directory/],
  ])('%s', (file, message) => {
    const run = cli('check', path.join(fixtures, file));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  test('a directory that is not a cloud assembly', () => {
    const run = cli('check', tmpDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a cloud assembly \(no manifest\.json\)/);
  });

  test('bad usage', () => {
    expect(cli('check').stderr).toMatch(/needs at least one template file/);
    expect(cli('lint', 'x').stderr).toMatch(/unknown command 'lint'/);
    expect(cli('check', path.join(fixtures, 'orders.yaml'), '--format', 'xml').stderr).toMatch(
      /--format 'xml' is not one of text, json, sarif, markdown/,
    );
    expect(cli('check', path.join(fixtures, 'orders.yaml'), '--pillar', 'speed').stderr).toMatch(
      /--pillar 'speed' is not one of operational-excellence/,
    );
    expect(cli('check', path.join(fixtures, 'orders.yaml'), '--min-severity', 'fatal').code).toBe(2);
    expect(cli('check', path.join(fixtures, 'orders.yaml'), '--bogus').code).toBe(2);
  });
});

describe('a YAML template with short-form intrinsics', () => {
  test('is checked, with text output ending in a summary', () => {
    const run = cli('check', path.join(fixtures, 'orders.yaml'));
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toMatch(
      /1 template\(s\), 4 resources, \d+ rules: \d+ errors, \d+ warnings, \d+ info, \d+ acknowledged/,
    );
  });

  test('JSON output carries the report fields', () => {
    const run = cli('check', path.join(fixtures, 'orders.yaml'), '--format', 'json');
    const report = JSON.parse(run.stdout);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const finding of report.findings) {
      expect(finding.stackName).toBe('orders.yaml');
      expect(finding.constructPath).toBe(`orders.yaml/${finding.logicalId}`);
    }
    // Timeout is `!If [IsProd, 30, 10]`: unknown at check time, never a finding about the timeout.
    expect(
      report.findings
        .filter((f: any) => f.logicalId === 'Worker' && /timeout/i.test(f.ruleId))
        .map((f: any) => f.ruleId),
    ).toEqual([]);
  });

  test('exit code 1 exactly when there are unacknowledged error findings', () => {
    const run = cli('check', path.join(fixtures, 'orders.yaml'), '--format', 'json');
    const report = JSON.parse(run.stdout);
    const errors = report.findings.filter((f: any) => f.severity === 'error' && !f.acknowledged);
    expect(run.code).toBe(errors.length > 0 ? 1 : 0);
  });

  test('--pillar and --min-severity filter the rules that run', () => {
    const report = JSON.parse(
      cli(
        'check',
        path.join(fixtures, 'orders.yaml'),
        '--format',
        'json',
        '--pillar',
        'security',
        '--min-severity',
        'warning',
      ).stdout,
    );
    expect(report.rules.length).toBeGreaterThan(0);
    for (const rule of report.rules) {
      expect(rule.pillar).toBe('security');
      expect(rule.severity).not.toBe('info');
    }
  });

  test('--output writes the report to a file', () => {
    const file = path.join(tmpDir(), 'nested', 'report.sarif');
    const run = cli('check', path.join(fixtures, 'orders.yaml'), '--format', 'sarif', '--output', file);
    expect(run.stdout).toBe('');
    const log = JSON.parse(fs.readFileSync(file, 'utf-8'));
    expect(log.version).toBe('2.1.0');
    // Each result points at the template and the line of its resource.
    const lines = fs.readFileSync(path.join(fixtures, 'orders.yaml'), 'utf-8').split('\n');
    for (const result of log.runs[0].results) {
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toMatch(/orders\.yaml$/);
      const logicalId = result.locations[0].logicalLocations[0].fullyQualifiedName.split('/').pop();
      expect(lines[location.region.startLine - 1]).toContain(`${logicalId}:`);
    }
  });

  test('markdown output', () => {
    expect(cli('check', path.join(fixtures, 'orders.yaml'), '--format', 'markdown').stdout).toMatch(/^#/m);
  });
});

describe('acknowledgments in template metadata', () => {
  function writeTemplate(dir: string, queueMetadata: any): string {
    const file = path.join(dir, 'queue.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Metadata: queueMetadata, Properties: {} } } }),
    );
    return file;
  }

  test('acknowledge a finding with a reason, kept in the report; a stale one is listed', () => {
    const dir = tmpDir();
    const plain = JSON.parse(cli('check', writeTemplate(dir, {}), '--format', 'json').stdout);
    const target = plain.findings[0];
    expect(target).toBeDefined();

    const acked = JSON.parse(
      cli(
        'check',
        writeTemplate(dir, {
          'cdk-well-architected': {
            acknowledgments: [
              { id: target.ruleId, reason: 'Checked by hand.' },
              { id: 'WA-LambdaTracing', reason: 'Not a function: stale.' },
            ],
          },
        }),
        '--format',
        'json',
      ).stdout,
    );
    const finding = acked.findings.find((f: any) => f.ruleId === target.ruleId);
    expect(finding.acknowledged).toBe(true);
    expect(finding.acknowledgedReason).toBe('Checked by hand.');
    expect(acked.staleAcknowledgments).toEqual([
      expect.objectContaining({ ruleId: 'WA-LambdaTracing', constructPath: 'queue.json/Queue' }),
    ]);
  });

  test('a malformed acknowledgment is bad input', () => {
    const run = cli('check', writeTemplate(tmpDir(), { 'cdk-well-architected': { acknowledgments: [{ id: 'X' }] } }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/acknowledgments\[0\] needs an id and a non-empty reason/);
  });
});

describe('the order of findings', () => {
  test('is by code unit, the same on every machine whatever its locale', () => {
    const file = path.join(tmpDir(), 'queues.json');
    const queue = { Type: 'AWS::SQS::Queue', Properties: {} };
    fs.writeFileSync(file, JSON.stringify({ Resources: { aQueue: queue, Zqueue: queue, BQueue: queue } }));
    // localeCompare would put aQueue first; code units put upper case first.
    const expected = ['queues.json/BQueue', 'queues.json/Zqueue', 'queues.json/aQueue'];

    const json = JSON.parse(cli('check', file, '--format', 'json').stdout);
    const redrive = json.findings.filter((f: any) => f.ruleId === 'WA-SqsRedrivePolicy');
    expect(redrive.map((f: any) => f.constructPath)).toEqual(expected);

    const text = cli('check', file).stdout;
    const order = [...text.matchAll(/WA-SqsRedrivePolicy (\S+)/g)].map((m) => m[1]);
    expect(order).toEqual(expected);
  });
});

describe('a cloud assembly directory', () => {
  test('checks every stack, with construct paths from the assembly', () => {
    const outdir = tmpDir();
    // The cdk CLI turns on path metadata; an App synthesized by hand needs it asked for.
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
    const stack = new Stack(app, 'Orders');
    new sqs.Queue(stack, 'Queue');
    new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    new Stack(app, 'Empty');
    app.synth();

    const report = JSON.parse(cli('check', outdir, '--format', 'json').stdout);
    expect(report.stacks).toEqual(['Empty', 'Orders']);
    expect(report.findings.some((f: any) => f.constructPath === 'Orders/Fn/Resource')).toBe(true);
  });
});

describe('rules command', () => {
  test('lists every rule with its id', () => {
    const run = cli('rules', '--format', 'json');
    expect(run.code).toBe(0);
    const rules = JSON.parse(run.stdout);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules[0]).toEqual(expect.objectContaining({ id: expect.stringMatching(/^WA-/) }));
  });
});

describe('a SAM-processed template', () => {
  test("the REST stage rules judge SAM's Prod stage, not the placeholder 'Stage' of its generated deployment", () => {
    const report = JSON.parse(cli('check', path.join(fixtures, 'sam-processed.json'), '--format', 'json').stdout);
    const stageFindings = report.findings.filter((f: any) =>
      /^WA-ApiGwRest(AccessLogging|Tracing|DetailedMetrics|ExecutionLogging|DefaultThrottling|DataTrace|StructuredAccessLogs)$/.test(
        f.ruleId,
      ),
    );
    expect(stageFindings.length).toBeGreaterThan(0);
    expect(stageFindings.filter((f: any) => f.logicalId !== 'ServerlessRestApiProdStage')).toEqual([]);
  });
});
