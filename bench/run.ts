/**
 * `npm run bench`: the synth-time cost of the well-architected checks against cdk-nag, and how it scales.
 *
 *   npm run bench                       all shapes, 5 rounds, writes BENCHMARKS.md
 *   npm run bench -- --runs 9           more rounds (each round runs every tool once, in a rotating order)
 *   npm run bench -- --shapes queues,queues-quarter   some shapes only
 *   npm run bench -- --smoke            a tiny app, 1 run, prints only (CI keeps the script working)
 *
 * Each measurement runs in its own process so one tool's caches and heap never flatter another's.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { Shape, SHAPES } from './apps';
import type { Tool } from './worker';

/** Read before the first measurement: above about 0.5, something else is running and the medians drift. */
const LOAD_AT_START = os.loadavg()[0];
const TOOLS: Tool[] = [
  'bare',
  'well-architected',
  'cdk-nag-serverless',
  'cdk-nag-awssolutions',
  'well-architected-cli',
];
const ROOT = path.resolve(__dirname, '..');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

interface Sample {
  readonly ms: number;
  readonly ownMs: number | null;
  readonly peakRssMb: number;
  readonly resources: number;
  readonly rules: number;
}

interface Row {
  readonly shape: Shape;
  readonly tool: Tool;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Median of the tool's own time, read in-process (see worker.ts); undefined for the bare synth. */
  readonly ownMedian?: number;
  readonly peakRssMb: number;
  readonly resources: number;
  readonly rules: number;
}

function runWorker(shape: Shape, tool: Tool): Sample {
  const result = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'worker.ts'), shape, tool],
    {
      cwd: ROOT,
      encoding: 'utf-8',
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json') },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    throw new Error(`worker ${shape}/${tool} failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(shapes: Shape[], runs: number): Row[] {
  const rows: Row[] = [];
  for (const shape of shapes) {
    // Round-robin: each round runs every tool once, in a rotating order, so a slow spell of the machine lands
    // on all tools alike instead of on the one whose runs it coincides with.
    const samples = new Map<Tool, Sample[]>(TOOLS.map((tool) => [tool, []]));
    for (let round = 0; round < runs; round++) {
      for (let i = 0; i < TOOLS.length; i++) {
        const tool = TOOLS[(round + i) % TOOLS.length];
        samples.get(tool)!.push(runWorker(shape, tool));
      }
      process.stderr.write(`${shape.padEnd(12)} round ${round + 1}/${runs}\n`);
    }
    for (const tool of TOOLS) {
      const taken = samples.get(tool)!;
      const ms = taken.map((s) => s.ms);
      const owned = taken.map((s) => s.ownMs).filter((v): v is number => v !== null);
      const row: Row = {
        shape,
        tool,
        median: median(ms),
        min: Math.min(...ms),
        max: Math.max(...ms),
        ownMedian: owned.length > 0 ? median(owned) : undefined,
        peakRssMb: Math.max(...taken.map((s) => s.peakRssMb)),
        resources: taken[0].resources,
        rules: taken[0].rules,
      };
      rows.push(row);
      process.stderr.write(
        `${shape.padEnd(12)} ${tool.padEnd(22)} median ${row.median.toFixed(0)} ms` +
          (row.ownMedian === undefined ? '\n' : `, own ${row.ownMedian.toFixed(0)} ms\n`),
      );
    }
  }
  return rows;
}

function fmt(ms: number): string {
  return ms.toFixed(0);
}

function renderTable(rows: Row[]): string {
  const lines = [
    '| shape | resources | tool | rules | synth median (ms) | min | max | overhead vs bare (ms) | overhead % | own time (ms) | peak RSS (MB) |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const bare = rows.find((r) => r.shape === row.shape && r.tool === 'bare')!;
    const extra = row.median - bare.median;
    lines.push(
      `| ${row.shape} | ${row.resources} | ${row.tool} | ${row.tool === 'bare' ? '-' : row.rules} | ${fmt(row.median)} | ${fmt(row.min)} | ${fmt(row.max)} | ` +
        `${row.tool === 'bare' ? '-' : fmt(extra)} | ${row.tool === 'bare' ? '-' : `${((extra / bare.median) * 100).toFixed(1)}%`} | ` +
        `${row.ownMedian === undefined ? '-' : fmt(row.ownMedian)} | ${row.peakRssMb.toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

function rowOf(rows: Row[], shape: Shape, tool: Tool): Row {
  return rows.find((r) => r.shape === shape && r.tool === tool)!;
}

function overhead(rows: Row[], shape: Shape, tool: Tool): number {
  return rowOf(rows, shape, tool).median - rowOf(rows, shape, 'bare').median;
}

function own(rows: Row[], shape: Shape, tool: Tool): number {
  return rowOf(rows, shape, tool).ownMedian ?? NaN;
}

/** `a / b` to two decimals, or 'n/a' when the base is not a positive time (an overhead lost in the noise). */
function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a';
}

/**
 * The targets of issue #6, each read two ways: the overhead (difference of the synth medians, what a user waits
 * for, but carrying the noise of two 3 to 6 s measurements) and the tool's own time read in-process (steadier).
 */
function renderTargets(rows: Row[]): string {
  const has = (shape: Shape) => rows.some((r) => r.shape === shape);
  const lines: string[] = [];
  const wa = 'well-architected';
  const nag = 'cdk-nag-serverless';
  if (has('services')) {
    const bare = rowOf(rows, 'services', 'bare').median;
    const waRules = rowOf(rows, 'services', wa).rules;
    const nagRules = rowOf(rows, 'services', nag).rules;
    lines.push(
      `- (a) checks overhead: ${fmt(overhead(rows, 'services', wa))} ms, ${((overhead(rows, 'services', wa) / bare) * 100).toFixed(1)}% ` +
        `of bare synth; own time ${fmt(own(rows, 'services', wa))} ms, ${((own(rows, 'services', wa) / bare) * 100).toFixed(1)}% (target: at most 15%).`,
    );
    lines.push(
      `- (a) against cdk-nag ServerlessChecks, running ${waRules} rules vs ${nagRules} (${(waRules / Math.max(nagRules, 1)).toFixed(1)}x): ` +
        `overhead ${fmt(overhead(rows, 'services', wa))} ms vs ${fmt(overhead(rows, 'services', nag))} ms, ` +
        `own time ${fmt(own(rows, 'services', wa))} ms vs ${fmt(own(rows, 'services', nag))} ms (target: lower, with at least 3x the rules).`,
    );
    lines.push(
      `- (a) the CLI's core over the templates of a bare synth (reading them, the rules and the three reports): ` +
        `own time ${fmt(own(rows, 'services', 'well-architected-cli'))} ms.`,
    );
    if (has('services-4x')) {
      lines.push(
        `- (b) 4x the resources: overhead ${ratio(overhead(rows, 'services-4x', wa), overhead(rows, 'services', wa))}, ` +
          `own time ${ratio(own(rows, 'services-4x', wa), own(rows, 'services', wa))} (target: at most 4.5x); ` +
          `cdk-nag ServerlessChecks own time ${ratio(own(rows, 'services-4x', nag), own(rows, 'services', nag))}.`,
      );
    }
  }
  if (has('queues')) {
    const q = rowOf(rows, 'queues', wa);
    const line =
      `- (c) one stack of ${q.resources} queues: overhead ${fmt(overhead(rows, 'queues', wa))} ms, own time ` +
      `${fmt(own(rows, 'queues', wa))} ms (${(own(rows, 'queues', wa) / q.resources).toFixed(2)} ms a resource); cdk-nag ` +
      `ServerlessChecks own time ${fmt(own(rows, 'queues', nag))} ms, AwsSolutionsChecks ${fmt(own(rows, 'queues', 'cdk-nag-awssolutions'))} ms.`;
    lines.push(line);
    if (has('queues-quarter')) {
      const small = rowOf(rows, 'queues-quarter', wa).resources;
      const growth = (tool: Tool) => ratio(own(rows, 'queues', tool), own(rows, 'queues-quarter', tool));
      lines.push(
        `- (c) linear: from ${small} to ${q.resources} queues (${(q.resources / small).toFixed(1)}x), own time grows ` +
          `${growth(wa)} (linear: about ${(q.resources / small).toFixed(1)}x; quadratic: about ${((q.resources / small) ** 2).toFixed(0)}x); ` +
          `cdk-nag ServerlessChecks ${growth(nag)}, AwsSolutionsChecks ${growth('cdk-nag-awssolutions')}.`,
      );
    }
  }
  return lines.join('\n');
}

function versions(): string {
  const version = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf-8')).version;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    `- Machine: ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, ` +
      `1-minute load average ${LOAD_AT_START.toFixed(1)} at the start`,
    `- Node ${process.version}; aws-cdk-lib ${version('aws-cdk-lib')}; cdk-nag ${version('cdk-nag')}; cdk-well-architected ${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')).version} (source tree)`,
  ].join('\n');
}

function writeBenchmarks(section: string): void {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '# Benchmarks\n\n';
  const block = `${BEGIN}\n${section}\n${END}`;
  const next = existing.includes(BEGIN)
    ? existing.replace(new RegExp(`${BEGIN}[\\s\\S]*?${END}`), block)
    : `${existing.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}

function main(): void {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { runs: { type: 'string' }, smoke: { type: 'boolean' }, shapes: { type: 'string' } },
  });
  const smoke = values.smoke ?? false;
  const runs = smoke ? 1 : Number(values.runs ?? 5);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs '${values.runs}' must be a positive whole number`);
  }
  const shapes = smoke ? (['smoke'] as Shape[]) : ((values.shapes?.split(',') as Shape[] | undefined) ?? SHAPES);
  const rows = measure(shapes, runs);
  const section = [
    '## Synth-time cost of the checks',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: \`app.synth()\` timed in a fresh process per run, ${runs} run(s) per cell.`,
    '',
    versions(),
    '',
    renderTable(rows),
    '',
    renderTargets(rows),
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (!smoke) {
    writeBenchmarks(section);
  }
}

main();
