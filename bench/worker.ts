/**
 * One measurement in its own process: build an app of a shape, attach one tool, time `app.synth()`.
 * Prints one JSON line: { ms, ownMs, peakRssMb, resources, rules } (ownMs: null for the bare synth).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import { buildApp, Shape } from './apps';
import { ReportFormat, Severity, WellArchitectedChecks, WellArchitectedRules } from '../src';
import { writeReports } from '../src/checks/report';
import { checkTemplates } from '../src/cli/check';
import { loadTemplates } from '../src/cli/load';

/**
 * `well-architected-cli` is the bare synth followed by the CLI's core (`checkTemplates` and the three reports) over
 * the templates just written: what running `cdk-well-architected check cdk.out` after `cdk synth` costs in-process.
 */
export type Tool = 'bare' | 'well-architected' | 'cdk-nag-serverless' | 'cdk-nag-awssolutions' | 'well-architected-cli';

function countRules(pack: NagPack): () => number {
  const seen = new Set<string>();
  const original = (pack as any).applyRule.bind(pack);
  (pack as any).applyRule = (params: any) => {
    seen.add(params.ruleSuffixOverride ?? params.rule.name);
    return original(params);
  };
  return () => seen.size;
}

/**
 * Accumulates the wall time spent inside the given methods of an object (calls nested in one another count once):
 * the tool's own share of the synth, read in-process, so it is not buried in the run-to-run noise of a 3 to 6 s
 * synth the way a difference of two medians is.
 */
function timeMethods(target: any, names: string[]): () => number {
  let total = 0;
  let depth = 0;
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') {
      throw new Error(`bench: ${name} is not a method any more; update bench/worker.ts`);
    }
    target[name] = function (this: unknown, ...args: unknown[]) {
      const start = depth++ === 0 ? performance.now() : 0;
      try {
        return original.apply(this, args);
      } finally {
        if (--depth === 0) {
          total += performance.now() - start;
        }
      }
    };
  }
  return () => total;
}

function measure(shape: Shape, tool: Tool): object {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bench-'));
  const app = buildApp(shape, outdir);
  let rules: () => number = () => 0;
  let ownMs: () => number | null = () => null;
  if (tool === 'well-architected') {
    // Collecting resources (visit), preparing the run at validation (prepareRun), evaluating each stack from the
    // template aws-cdk-lib renders (evaluateRendered), judging what is left and writing the reports (finishRun).
    ownMs = timeMethods(WellArchitectedChecks.prototype, ['visit', 'prepareRun', 'evaluateRendered', 'finishRun']);
    WellArchitectedChecks.applyTo(app, { failOnError: false });
    rules = () => WellArchitectedRules.all().length;
  } else if (tool === 'cdk-nag-serverless' || tool === 'cdk-nag-awssolutions') {
    const pack = tool === 'cdk-nag-serverless' ? new ServerlessChecks(app) : new AwsSolutionsChecks(app);
    rules = countRules(pack);
    ownMs = timeMethods(pack, ['validate']);
    Validations.of(app).addPlugins(pack);
  }

  const start = performance.now();
  try {
    app.synth();
  } catch (e) {
    // cdk-nag fails the synth when it has error findings; it has done all its work by then.
    if (!/validation/i.test(String((e as Error).message))) {
      throw e;
    }
  }
  if (tool === 'well-architected-cli') {
    const own = performance.now();
    const templates = loadTemplates(outdir);
    const report = checkTemplates(templates, { pillars: [], minimumSeverity: Severity.INFO, generatedBy: 'bench' });
    // As the aspect does: SARIF reads each template for the line of each resource.
    writeReports(report, outdir, [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.MARKDOWN], {
      templateFiles: Object.fromEntries(templates.map((t) => [t.name, t.file])),
    });
    const templatesMs = performance.now() - own;
    ownMs = () => templatesMs;
    rules = () => WellArchitectedRules.all().length;
  }
  const ms = performance.now() - start;

  let resources = 0;
  for (const file of fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'))) {
    resources += Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf-8')).Resources ?? {}).length;
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return { ms, ownMs: ownMs(), peakRssMb: process.resourceUsage().maxRSS / 1024, resources, rules: rules() };
}

const [shape, tool] = process.argv.slice(2) as [Shape, Tool];
process.stdout.write(`${JSON.stringify(measure(shape, tool))}\n`);
