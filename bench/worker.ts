/**
 * One measurement in its own process: build an app of a shape, attach one tool, time `app.synth()`.
 * Prints one JSON line: { ms, peakRssMb, resources, rules }.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import { buildApp, Shape } from './apps';
import { WellArchitectedChecks, WellArchitectedRules } from '../src';

export type Tool = 'bare' | 'well-architected' | 'cdk-nag-serverless' | 'cdk-nag-awssolutions';

function countRules(pack: NagPack): () => number {
  const seen = new Set<string>();
  const original = (pack as any).applyRule.bind(pack);
  (pack as any).applyRule = (params: any) => {
    seen.add(params.ruleSuffixOverride ?? params.rule.name);
    return original(params);
  };
  return () => seen.size;
}

function measure(shape: Shape, tool: Tool): object {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bench-'));
  const app = buildApp(shape, outdir);
  let rules: () => number = () => 0;
  if (tool === 'well-architected') {
    WellArchitectedChecks.applyTo(app, { failOnError: false });
    rules = () => WellArchitectedRules.all().length;
  } else if (tool === 'cdk-nag-serverless' || tool === 'cdk-nag-awssolutions') {
    const pack = tool === 'cdk-nag-serverless' ? new ServerlessChecks(app) : new AwsSolutionsChecks(app);
    rules = countRules(pack);
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
  const ms = performance.now() - start;

  let resources = 0;
  for (const file of fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'))) {
    resources += Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf-8')).Resources ?? {}).length;
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return { ms, peakRssMb: process.resourceUsage().maxRSS / 1024, resources, rules: rules() };
}

const [shape, tool] = process.argv.slice(2) as [Shape, Tool];
process.stdout.write(`${JSON.stringify(measure(shape, tool))}\n`);
