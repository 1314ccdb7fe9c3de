/**
 * `npm run bench`: the synth-time cost of the well-architected checks against cdk-nag, and how it scales.
 *
 *   npm run bench                       all shapes, 5 runs each, writes BENCHMARKS.md
 *   npm run bench -- --runs 3           fewer runs
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

const TOOLS: Tool[] = ['bare', 'well-architected', 'cdk-nag-serverless', 'cdk-nag-awssolutions'];
const ROOT = path.resolve(__dirname, '..');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

interface Sample {
  readonly ms: number;
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
    for (const tool of TOOLS) {
      const samples: Sample[] = [];
      for (let i = 0; i < runs; i++) {
        samples.push(runWorker(shape, tool));
      }
      const ms = samples.map((s) => s.ms);
      const row: Row = {
        shape,
        tool,
        median: median(ms),
        min: Math.min(...ms),
        max: Math.max(...ms),
        peakRssMb: Math.max(...samples.map((s) => s.peakRssMb)),
        resources: samples[0].resources,
        rules: samples[0].rules,
      };
      rows.push(row);
      process.stderr.write(`${shape.padEnd(12)} ${tool.padEnd(22)} median ${row.median.toFixed(0)} ms\n`);
    }
  }
  return rows;
}

function fmt(ms: number): string {
  return ms.toFixed(0);
}

function renderTable(rows: Row[]): string {
  const lines = [
    '| shape | resources | tool | rules | synth median (ms) | min | max | overhead vs bare (ms) | overhead % | peak RSS (MB) |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const bare = rows.find((r) => r.shape === row.shape && r.tool === 'bare')!;
    const extra = row.median - bare.median;
    lines.push(
      `| ${row.shape} | ${row.resources} | ${row.tool} | ${row.tool === 'bare' ? '-' : row.rules} | ${fmt(row.median)} | ${fmt(row.min)} | ${fmt(row.max)} | ` +
        `${row.tool === 'bare' ? '-' : fmt(extra)} | ${row.tool === 'bare' ? '-' : `${((extra / bare.median) * 100).toFixed(1)}%`} | ${row.peakRssMb.toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

function overhead(rows: Row[], shape: Shape, tool: Tool): number {
  const bare = rows.find((r) => r.shape === shape && r.tool === 'bare')!;
  return rows.find((r) => r.shape === shape && r.tool === tool)!.median - bare.median;
}

function renderTargets(rows: Row[]): string {
  const has = (shape: Shape) => rows.some((r) => r.shape === shape);
  const lines: string[] = [];
  if (has('services')) {
    const bare = rows.find((r) => r.shape === 'services' && r.tool === 'bare')!.median;
    const wa = overhead(rows, 'services', 'well-architected');
    const nag = overhead(rows, 'services', 'cdk-nag-serverless');
    const waRules = rows.find((r) => r.shape === 'services' && r.tool === 'well-architected')!.rules;
    const nagRules = rows.find((r) => r.shape === 'services' && r.tool === 'cdk-nag-serverless')!.rules;
    lines.push(`- (a) checks overhead: ${((wa / bare) * 100).toFixed(1)}% of bare synth (target: at most 15%).`);
    lines.push(
      `- (a) against cdk-nag ServerlessChecks: ${fmt(wa)} ms vs ${fmt(nag)} ms overhead, running ${waRules} rules vs ${nagRules} ` +
        `(${(waRules / Math.max(nagRules, 1)).toFixed(1)}x; target: lower overhead with at least 3x the rules).`,
    );
    if (has('services-4x')) {
      const wa4 = overhead(rows, 'services-4x', 'well-architected');
      lines.push(
        `- (b) 4x the resources costs ${(wa4 / Math.max(wa, 1)).toFixed(2)}x the overhead (target: at most 4.5x).`,
      );
    }
  }
  if (has('queues')) {
    const q = rows.find((r) => r.shape === 'queues' && r.tool === 'well-architected')!;
    lines.push(
      `- (c) one stack of ${q.resources} queues: ${fmt(overhead(rows, 'queues', 'well-architected'))} ms overhead, ` +
        `${(overhead(rows, 'queues', 'well-architected') / q.resources).toFixed(2)} ms per resource; ` +
        `cdk-nag ServerlessChecks ${fmt(overhead(rows, 'queues', 'cdk-nag-serverless'))} ms, AwsSolutionsChecks ${fmt(overhead(rows, 'queues', 'cdk-nag-awssolutions'))} ms.`,
    );
  }
  return lines.join('\n');
}

function versions(): string {
  const version = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf-8')).version;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    `- Machine: ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
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
