#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { checkTemplates, CheckOptions } from './check';
import { InputError, loadTemplates, LoadedTemplate } from './load';
import { renderText } from './text';
import {
  BASELINE_FILE_NAME,
  BaselineLookup,
  baselineOf,
  readBaseline,
  renderBaseline,
} from '../checks/engine/baseline';
import { Pillar, Severity } from '../checks/engine/rule';
import { locateTemplates, renderJson, renderMarkdown, renderSarif } from '../checks/report';
import { WellArchitectedRules } from '../checks/rules';

const USAGE = `Usage:
  cdk-well-architected check PATH... [options]   check CloudFormation templates or cloud assemblies (cdk.out)
  cdk-well-architected baseline PATH... [--output FILE] [--reason TEXT]
                                                 record today's open findings in a baseline file
                                                 (default: ${BASELINE_FILE_NAME})
  cdk-well-architected rules [--format text|json] list the rules
  cdk-well-architected --version | --help

Options for check:
  --format text|json|sarif|markdown   output format (default: text)
  --output FILE                       write the report to FILE instead of standard output
  --pillar P                          only rules of pillar P (repeatable): ${Object.values(Pillar).join(', ')}
  --min-severity S                    only findings of severity S or worse: error, warning, info (default: info)
  --baseline FILE                     findings recorded in FILE (rule id + construct path) do not fail; its
                                      entries that match no finding are reported as stale

Acknowledge a finding in a template with resource (or template) metadata:
  Metadata:
    cdk-well-architected:
      acknowledgments:
        - id: WA-LambdaTracing
          reason: Tracing is sampled by the upstream service.

Exit codes: 0 no unacknowledged error findings, 1 error findings, 2 input that cannot be read or bad usage.`;

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

/** Run the CLI; returns the exit code. Output goes through the writers so tests can capture it. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    return run(argv, out);
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) {
      err(`cdk-well-architected: ${e.message}`);
      return 2;
    }
    err(`cdk-well-architected: unexpected error: ${(e as Error).message?.split('\n')[0] ?? String(e)}`);
    return 2;
  }
}

class UsageError extends Error {}

function run(argv: string[], out: (s: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        pillar: { type: 'string', multiple: true },
        'min-severity': { type: 'string' },
        baseline: { type: 'string' },
        reason: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (values.version) {
    out(packageVersion());
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === 'rules') {
    return listRules(values.format ?? 'text', out);
  }
  if (command !== 'check' && command !== 'baseline') {
    throw new UsageError(command ? `unknown command '${command}' (see --help)` : 'no command given (see --help)');
  }
  if (paths.length === 0) {
    throw new UsageError(`${command} needs at least one template file or cdk.out directory (see --help)`);
  }
  const format = parseFormat(values.format ?? 'text');
  const options: CheckOptions = {
    pillars: (values.pillar ?? []).map(parsePillar),
    minimumSeverity: values['min-severity'] === undefined ? Severity.INFO : parseSeverity(values['min-severity']),
    generatedBy: `cdk-well-architected@${packageVersion()}`,
  };

  const templates: LoadedTemplate[] = paths.flatMap((p) => loadTemplates(p));
  const checked = checkTemplates(templates, options);
  if (command === 'baseline') {
    const file = values.output ?? BASELINE_FILE_NAME;
    const entries = baselineOf(checked, values.reason);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, renderBaseline(entries, options.generatedBy));
    out(`${file}: ${entries.length} finding(s) recorded; commit it and run check with --baseline ${file}`);
    return 0;
  }
  let report = checked;
  if (values.baseline !== undefined) {
    let entries;
    try {
      entries = readBaseline(values.baseline);
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    report = new BaselineLookup(entries).apply(checked);
  }
  // SARIF results point at the template file and the line of each resource, relative to the working directory.
  const sarifTemplates = locateTemplates(Object.fromEntries(templates.map((t) => [t.name, t.file])), process.cwd());
  const rendered = render(format, report, sarifTemplates);
  if (values.output) {
    fs.mkdirSync(path.dirname(path.resolve(values.output)), { recursive: true });
    fs.writeFileSync(values.output, rendered);
  } else {
    out(rendered);
  }
  const failing = report.findings.some((f) => f.severity === Severity.ERROR && !f.acknowledged && !f.baselined);
  return failing ? 1 : 0;
}

function render(
  format: Format,
  report: ReturnType<typeof checkTemplates>,
  templates: ReturnType<typeof locateTemplates>,
): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, { templates });
    case 'markdown':
      return renderMarkdown(report);
    default:
      return renderText(report);
  }
}

function listRules(format: string, out: (s: string) => void): number {
  const rules = WellArchitectedRules.all();
  if (format === 'json') {
    out(
      JSON.stringify(
        rules.map((r) => ({
          id: r.id,
          pillar: r.pillar,
          severity: r.severity,
          lensQuestion: r.lensQuestion,
          resourceTypes: r.resourceTypes,
          description: r.description,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (format !== 'text') {
    throw new UsageError(`--format '${format}' is not available for rules; use text or json`);
  }
  for (const r of rules) {
    out(`${r.id.padEnd(44)} ${r.severity.padEnd(8)} ${r.lensQuestion.padEnd(7)} ${r.pillar}`);
  }
  return 0;
}

function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(`--format '${value}' is not one of ${FORMATS.join(', ')}`);
  }
  return value as Format;
}

function parsePillar(value: string): Pillar {
  const pillars = Object.values(Pillar) as string[];
  if (!pillars.includes(value)) {
    throw new UsageError(`--pillar '${value}' is not one of ${pillars.join(', ')}`);
  }
  return value as Pillar;
}

function parseSeverity(value: string): Severity {
  const severities = Object.values(Severity) as string[];
  if (!severities.includes(value)) {
    throw new UsageError(`--min-severity '${value}' is not one of ${severities.join(', ')}`);
  }
  return value as Severity;
}

function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8'));
  return manifest.version;
}

if (require.main === module) {
  const code = main(
    process.argv.slice(2),
    (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  );
  process.exitCode = code;
}
