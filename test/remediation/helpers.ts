import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Finding, WellArchitectedChecks } from '../../src/checks';
import { nagFindings as serverlessNag } from '../support/compliance';

export { cfnLintErrors } from '../support/compliance';

/** cdk-nag's Serverless pack on the app: the unacknowledged findings as `rule constructPath` lines, sorted. */
export function nagFindings(app: App): string[] {
  return serverlessNag(app, { awsSolutions: false }).open;
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
