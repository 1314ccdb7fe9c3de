import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { ServerlessChecks } from 'cdk-nag';
import { Finding, WellArchitectedChecks } from '../../src/checks';

/**
 * Synthesize with cdk-nag's Serverless pack as a validation plugin and read its report: the unacknowledged
 * findings as `rule constructPath` lines, sorted.
 */
export function nagFindings(app: App): string[] {
  Validations.of(app).addPlugins(new ServerlessChecks(app));
  let directory: string;
  try {
    directory = app.synth().directory;
  } catch {
    // Synthesis stops on error findings; the report is written before it does.
    directory = app.outdir;
  }
  const reportFile = path.join(directory, cxapi.VALIDATION_REPORT_FILE);
  const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : { pluginReports: [] };
  return report.pluginReports
    .flatMap((plugin: any) =>
      (plugin.violations ?? []).flatMap((violation: any) =>
        violation.violatingConstructs.map((c: any) => `${violation.ruleName} ${c.constructPath}`),
      ),
    )
    .sort();
}

/** Run our checks over the app (synthesizing it) and return the unacknowledged findings as `severity rule path`. */
export function checkFindings(app: App, synthesize = true): () => string[] {
  const checks = WellArchitectedChecks.applyTo(app, { reportFormats: [], failOnError: false });
  if (synthesize) {
    app.synth();
  }
  return () =>
    checks
      .report!.findings.filter((f: Finding) => !f.acknowledged)
      .map((f: Finding) => `${f.severity} ${f.ruleId} ${f.constructPath}`)
      .sort();
}

/** cfn-lint's error lines for the stack's template. */
export function cfnLintErrors(stack: Stack): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-remediation-'));
  const file = path.join(dir, 'template.json');
  fs.writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON()));
  let output: string;
  try {
    output = execFileSync('cfn-lint', ['--format', 'parseable', '--', file], { encoding: 'utf8' });
  } catch (error: any) {
    // cfn-lint exits non-zero on any finding; its findings are on stdout.
    output = `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return output.split('\n').filter((line) => /:E\d+:/.test(line));
}

/** The info annotations the remediation wrote, as `path: message`. */
export function remediationAnnotations(stack: Stack): string[] {
  return Object.entries(Template.fromStack(stack).toJSON() && annotationsOf(stack)).map(([p, m]) => `${p}: ${m}`);
}

function annotationsOf(stack: Stack): Record<string, string> {
  const out: Record<string, string> = {};
  for (const construct of stack.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === 'aws:cdk:info' && String(entry.data).startsWith('[WellArchitectedDefaults]')) {
        out[construct.node.path] = out[construct.node.path]
          ? `${out[construct.node.path]} | ${entry.data}`
          : String(entry.data);
      }
    }
  }
  return out;
}
