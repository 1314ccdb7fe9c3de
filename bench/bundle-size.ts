/**
 * The size of the example handlers' bundles and the cold start of place-order, with Powertools bundled and
 * with Powertools from the layer. Writes its section of BENCHMARKS.md.
 *
 *   npx ts-node --transpile-only --project tsconfig.dev.json bench/bundle-size.ts             5 cold starts each
 *   npx ts-node --transpile-only --project tsconfig.dev.json bench/bundle-size.ts --runs 9    more
 *   npx ts-node --transpile-only --project tsconfig.dev.json bench/bundle-size.ts --smoke     1 run, prints only
 *
 * The bundles are the ones `cdk synth` produces through WellArchitectedNodejsFunction. A cold start here is a
 * fresh Node.js process that loads the bundle and serves one API Gateway request (SQS and the X-Ray daemon are
 * local stand-ins), the same harness as test/runtime/powertools.test.ts: a relative measure of the code's
 * init cost, not a Lambda INIT duration.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import * as zlib from 'zlib';
import {
  FakeSqs,
  FakeXrayDaemon,
  FIXTURES_DIR,
  invokeInFreshProcess,
  runtimeNodePath,
  SynthesizedFunction,
  synthOrdersApp,
} from '../test/runtime/lambda-harness';

const ROOT = path.resolve(__dirname, '..');
const BEGIN = '<!-- bundle:begin -->';
const END = '<!-- bundle:end -->';
const API_EVENT_FILE = path.join(FIXTURES_DIR, 'api-gateway-post-order.json');

interface Variant {
  readonly label: string;
  readonly powertoolsLayer: boolean;
}

const VARIANTS: Variant[] = [
  { label: 'bundled', powertoolsLayer: false },
  { label: 'layer (external)', powertoolsLayer: true },
];

interface SizeRow {
  readonly handler: string;
  readonly variant: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly sourceMapBytes: number;
}

interface ColdStartRow {
  readonly variant: string;
  readonly firstInvocation: number[];
  readonly processStart: number[];
}

function sizeOf(handler: string, variant: Variant, fn: SynthesizedFunction): SizeRow {
  const code = fs.readFileSync(path.join(fn.bundleDirectory, 'index.js'));
  return {
    handler,
    variant: variant.label,
    bytes: code.length,
    gzipBytes: zlib.gzipSync(code, { level: 9 }).length,
    sourceMapBytes: fs.statSync(path.join(fn.bundleDirectory, 'index.js.map')).size,
  };
}

/**
 * Cold starts of place-order, alternating the variants run by run so that a change in the machine's load
 * affects both alike. Run 0 warms the file system cache (the SDK's files, the bundles) and is not counted.
 */
async function coldStarts(
  variants: { variant: Variant; fn: SynthesizedFunction }[],
  runs: number,
): Promise<ColdStartRow[]> {
  const sqs = await FakeSqs.start();
  const xray = await FakeXrayDaemon.start();
  const measured = variants.map(({ variant, fn }) => ({
    fn,
    nodePath: runtimeNodePath({ powertoolsLayer: variant.powertoolsLayer }),
    row: { variant: variant.label, firstInvocation: [], processStart: [] } as ColdStartRow,
  }));
  try {
    for (let run = 0; run <= runs; run++) {
      for (const { fn, nodePath, row } of measured) {
        const invocation = await invokeInFreshProcess({
          fn,
          eventFile: API_EVENT_FILE,
          nodePath,
          awsRequestId: `bench-${run}`,
          resolvedEnvironment: { QUEUE_URL: sqs.queueUrl('OrdersService-Orders') },
          extraEnvironment: {
            _X_AMZN_TRACE_ID: `Root=1-6742f5a1-${run.toString(16).padStart(24, '0')};Parent=53995c3f42cd8ad8;Sampled=1`,
            AWS_XRAY_DAEMON_ADDRESS: xray.address,
            AWS_ENDPOINT_URL_SQS: sqs.endpoint,
          },
        });
        if (invocation.result?.statusCode !== 202) {
          throw new Error(`place-order (${row.variant}) did not place the order: ${JSON.stringify(invocation)}`);
        }
        if (run > 0) {
          row.firstInvocation.push(invocation.timings.loadAndFirstInvocationMs);
          row.processStart.push(invocation.timings.processStartToResponseMs);
        }
      }
    }
  } finally {
    await sqs.close();
    await xray.close();
    measured.forEach(({ nodePath }) => fs.rmSync(nodePath, { recursive: true, force: true }));
  }
  return measured.map(({ row }) => row);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function spread(values: number[]): string {
  return `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)})`;
}

function packageVersion(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf-8')).version;
}

function render(sizes: SizeRow[], starts: ColdStartRow[], runs: number, loadAverage: number): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    '## Handler bundles and cold start',
    '',
    `Measured by \`bench/bundle-size.ts\` on ${new Date().toISOString().slice(0, 10)}. The example handlers ` +
      '(`examples/handlers`) as `cdk synth` bundles them through `WellArchitectedNodejsFunction`: local esbuild, ' +
      'minified, with a source map, `@aws-sdk/*` external (the Lambda runtime provides the SDK). "layer" adds ' +
      '`powertoolsLayer: PowertoolsLayer.defaultVersion()`, which keeps `@aws-lambda-powertools/*` out of the bundle.',
    '',
    `- Machine: ${os.cpus().length} x ${cpu}, 1-minute load average ${loadAverage.toFixed(1)} at the start; ` +
      `Node ${process.version}; esbuild ${packageVersion('esbuild')}; ` +
      `Powertools ${packageVersion('@aws-lambda-powertools/logger')}; @aws-sdk/client-sqs ${packageVersion('@aws-sdk/client-sqs')}`,
    '',
    '| handler | Powertools | index.js (minified) | gzip -9 | index.js.map |',
    '| --- | --- | ---: | ---: | ---: |',
    ...sizes.map(
      (row) =>
        `| ${row.handler} | ${row.variant} | ${kib(row.bytes)} | ${kib(row.gzipBytes)} | ${kib(row.sourceMapBytes)} |`,
    ),
    '',
    `Cold start of place-order: a fresh Node.js process loads the bundle (with \`--enable-source-maps\`, as the ` +
      'construct sets it) and serves one API Gateway request, which sends one message to a local SQS stand-in. ' +
      `Median (min-max) of ${runs} run(s) per variant, the variants alternating, after one uncounted warm-up round, in ms. Loading the AWS SDK from node_modules is part of it, as in Lambda; ` +
      'this compares the two packagings on one machine, it is not a Lambda INIT duration.',
    '',
    '| Powertools | load bundle + first invocation (ms) | process start to first response (ms) |',
    '| --- | ---: | ---: |',
    ...starts.map((row) => `| ${row.variant} | ${spread(row.firstInvocation)} | ${spread(row.processStart)} |`),
  ].join('\n');
}

function writeSection(section: string): void {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '# Benchmarks\n';
  const block = `${BEGIN}\n${section}\n${END}`;
  const pattern = new RegExp(`${BEGIN}[\\s\\S]*?${END}`);
  // A replacer function, so that `$` in the section is never read as a replacement pattern.
  const next = pattern.test(existing) ? existing.replace(pattern, () => block) : `${existing.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    // `npm run bench` passes the same arguments to run.ts, whose `--shapes` has no meaning here.
    options: { runs: { type: 'string' }, smoke: { type: 'boolean' }, shapes: { type: 'string' } },
  });
  const smoke = values.smoke ?? false;
  const runs = smoke ? 1 : Number(values.runs ?? 5);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs '${values.runs}' must be a positive whole number`);
  }
  // Cold starts are sensitive to whatever else runs on the machine; the section says how busy it was.
  const loadAverage = os.loadavg()[0];
  const apps = VARIANTS.map((variant) => ({
    variant,
    app: synthOrdersApp({ powertoolsLayer: variant.powertoolsLayer }),
  }));
  const sizes = apps.flatMap(({ variant, app }) => [
    sizeOf('place-order', variant, app.placeOrder),
    sizeOf('fulfil-order', variant, app.fulfilOrder),
  ]);
  const starts = await coldStarts(
    apps.map(({ variant, app }) => ({ variant, fn: app.placeOrder })),
    runs,
  );
  apps.forEach(({ app }) => fs.rmSync(app.assemblyDirectory, { recursive: true, force: true }));
  for (const row of starts) {
    process.stderr.write(`${row.variant}: cold start median ${median(row.firstInvocation).toFixed(0)} ms\n`);
  }
  const section = render(sizes, starts, runs, loadAverage);
  process.stdout.write(`${section}\n`);
  if (!smoke) {
    writeSection(section);
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
