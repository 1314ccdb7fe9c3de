/**
 * What the quality bars of the constructs are measured with: cdk-nag 3's Serverless and AWS Solutions packs
 * (validation plugins), cfn-lint, and this library's own checks.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import { WellArchitectedChecks } from '../../src';

interface ValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly violations: {
      readonly ruleName: string;
      readonly severity?: string;
      readonly violatingConstructs: { readonly constructPath: string }[];
    }[];
    readonly suppressedViolations?: {
      readonly ruleName: string;
      readonly violatingConstructs: { readonly constructPath: string }[];
    }[];
  }[];
}

/** The cdk-nag findings of an app, as `<rule> <construct path>`, split into open and acknowledged ones. */
export interface NagFindings {
  readonly open: string[];
  readonly acknowledged: string[];
}

/** Which cdk-nag packs run, and how findings are written. */
export interface NagOptions {
  /** Run the AWS Solutions pack besides the Serverless pack. @default true */
  readonly awsSolutions?: boolean;
  /** Prefix open findings with their severity (`error ...`). @default false */
  readonly severity?: boolean;
  /** The packs to run instead of Serverless and AWS Solutions. @default - per `awsSolutions` */
  readonly packs?: NagPack[];
}

/**
 * Register cdk-nag's Serverless (and AWS Solutions) packs on the app, synthesize it, and read CDK's validation
 * report. The packs are plugins: `app.synth()` throws when they have open error findings, after the report is
 * written, so the report is read either way.
 */
export function nagFindings(app: App, options: NagOptions = {}): NagFindings {
  const packs = options.packs ?? [
    new ServerlessChecks(app),
    ...(options.awsSolutions === false ? [] : [new AwsSolutionsChecks(app)]),
  ];
  Validations.of(app).addPlugins(...packs);
  let directory: string;
  try {
    directory = app.synth().directory;
  } catch (error) {
    directory = app.outdir;
    if (!fs.existsSync(path.join(directory, cxapi.VALIDATION_REPORT_FILE))) {
      throw error;
    }
  }
  const reportFile = path.join(directory, cxapi.VALIDATION_REPORT_FILE);
  const report: ValidationReport = fs.existsSync(reportFile)
    ? JSON.parse(fs.readFileSync(reportFile, 'utf8'))
    : { pluginReports: [] };
  const list = (violations: ValidationReport['pluginReports'][number]['violations'], severity: boolean) =>
    violations.flatMap((v) =>
      v.violatingConstructs.map((c) => `${severity ? `${v.severity} ` : ''}${v.ruleName} ${c.constructPath}`),
    );
  return {
    open: report.pluginReports.flatMap((p) => list(p.violations, options.severity ?? false)).sort(),
    acknowledged: report.pluginReports.flatMap((p) => list(p.suppressedViolations ?? [], false)).sort(),
  };
}

interface CfnLintFinding {
  readonly Level: string;
  readonly Rule: { readonly Id: string };
  readonly Message: string;
}

/**
 * cfn-lint's findings on a stack's template (or a template object). cfn-lint exits non-zero whenever it finds
 * anything, warnings included, so its output is read either way; no output at all (cfn-lint missing, or crashed)
 * fails the caller rather than passing it.
 */
function runCfnLint(stackOrTemplate: Stack | object): CfnLintFinding[] {
  const template = Stack.isStack(stackOrTemplate) ? Template.fromStack(stackOrTemplate).toJSON() : stackOrTemplate;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-cfn-lint-'));
  const file = path.join(directory, 'template.json');
  fs.writeFileSync(file, JSON.stringify(template));
  let output: string;
  try {
    output = execFileSync('cfn-lint', ['--format', 'json', file], { encoding: 'utf8' });
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) {
      throw error;
    }
    output = stdout;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
  return JSON.parse(output);
}

/** cfn-lint's findings of level Error, as `<rule id>: <message>`. */
export function cfnLintErrors(stackOrTemplate: Stack | object): string[] {
  return runCfnLint(stackOrTemplate)
    .filter((f) => f.Level === 'Error')
    .map((f) => `${f.Rule.Id}: ${f.Message}`);
}

/** cfn-lint's findings of level Error or Warning, as `<level> <rule id>: <message>`. */
export function cfnLintErrorsAndWarnings(stackOrTemplate: Stack | object): string[] {
  return runCfnLint(stackOrTemplate)
    .filter((f) => f.Level === 'Error' || f.Level === 'Warning')
    .map((f) => `${f.Level} ${f.Rule.Id}: ${f.Message}`);
}

/**
 * The warnings and errors this library's own checks leave on a stack (applied to its app, reports off), as
 * `<construct path>: <message>`, optionally only on the constructs whose path `include` accepts.
 */
export function openCheckMessages(
  app: App,
  stack: Stack,
  include: (constructPath: string) => boolean = () => true,
): string[] {
  WellArchitectedChecks.applyTo(app, { reportFormats: [], failOnError: false });
  const annotations = Annotations.fromStack(stack);
  return [...annotations.findWarning('*', Match.anyValue()), ...annotations.findError('*', Match.anyValue())]
    .filter((message) => include(message.id))
    .map((message) => `${message.id}: ${message.entry.data}`);
}
