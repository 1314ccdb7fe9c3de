import { createHash } from 'crypto';
import type * as sarif from 'sarif';
import { compareStrings, pillarTitle, sortFindings } from './pillars';
import { TemplateLocation } from './template-locations';
import { Finding } from '../engine/finding';
import { CheckReport, RuleSummary } from '../engine/report-model';
import { Pillar, RuleEquivalents, Severity } from '../engine/rule';

/** The tool name in `tool.driver.name`: GitHub code scanning shows it as the source of the alerts. */
export const SARIF_TOOL_NAME = 'cdk-well-architected';
const INFORMATION_URI = 'https://github.com/cdk-well-architected/cdk-well-architected';
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of our fingerprint in `partialFingerprints`; the `/v1` lets us change how it is computed later. */
export const FINGERPRINT_KEY = 'cdkWellArchitected/v1';

/** Options for `renderSarif`. */
export interface SarifOptions {
  /**
   * Where each stack's template is, by stack name: the URI written in each result's `physicalLocation` and,
   * when known, the line of each resource. Every result also has a `logicalLocation` with the construct path.
   *
   * GitHub code scanning rejects a whole upload when a result has no `physicalLocation.artifactLocation`
   * ("locationFromSarifResult: expected artifact location"), and places an alert by `region.startLine`. So a
   * result always gets both: for a stack missing here the URI is `<stackName>.template.json` (the file CDK
   * writes for a top-level stack whose name is its construct id; the CLI names templates by file), and a
   * resource whose line is unknown points at line 1.
   *
   * Why a map from the caller and not a path computed here: CDK writes a stack's template as
   * `<artifactId>.template.json`, and the artifact id differs from the stack name when `stackName` is set or
   * the stack is in a nested Stage (`assembly-<stage>/...`). Only the caller, which has the `Stack`
   * (`stack.templateFile`) or the template file, knows the path; the report model stays free of file paths.
   * @default - `<stackName>.template.json` for every stack, line 1
   */
  readonly templates?: Readonly<Record<string, TemplateLocation>>;
}

const MAX_TAGS = 10;

const LEVELS: Record<Severity, sarif.ReportingConfiguration.level> = {
  [Severity.ERROR]: 'error',
  [Severity.WARNING]: 'warning',
  [Severity.INFO]: 'note',
};

// GitHub ranks security alerts by `security-severity` (a CVSS-like score: >= 7 high, >= 4 medium, > 0 low).
const SECURITY_SEVERITY: Record<Severity, string> = {
  [Severity.ERROR]: '8.0',
  [Severity.WARNING]: '5.0',
  [Severity.INFO]: '2.0',
};

// GitHub shows `problem.severity` for alerts that are not security alerts.
const PROBLEM_SEVERITY: Record<Severity, string> = {
  [Severity.ERROR]: 'error',
  [Severity.WARNING]: 'warning',
  [Severity.INFO]: 'recommendation',
};

function levelOf(severity: Severity): sarif.ReportingConfiguration.level {
  return LEVELS[severity] ?? 'warning';
}

/** `cdk-well-architected@1.2.0` -> `1.2.0`; the whole string when it has no version part. */
function versionOf(generatedBy: string): string {
  const at = generatedBy.lastIndexOf('@');
  return at > 0 ? generatedBy.slice(at + 1) : generatedBy;
}

/** `WA-LambdaTracing` -> `LambdaTracing`: SARIF wants a name that reads as an identifier, without the prefix. */
function ruleNameOf(id: string): string {
  const parts = id.split('-');
  return (parts.length > 1 ? parts.slice(1) : parts).join('');
}

/** The first sentence, for `shortDescription`; `e.g.`, `i.e.`, `etc.` and `vs.` do not end a sentence. */
function firstSentence(text: string): string {
  const m = /^(.+?(?<!\b(?:e\.g|i\.e|etc|vs))[.!?])(\s|$)/s.exec(text.trim());
  return (m ? m[1] : text.trim()).replace(/\s+/g, ' ');
}

const EQUIVALENT_TOOLS: ReadonlyArray<[keyof RuleEquivalents, string]> = [
  ['serverlessRules', 'serverless-rules'],
  ['cdkNag', 'cdk-nag'],
  ['checkov', 'Checkov'],
  ['cfnLint', 'cfn-lint'],
];

function equivalentLines(equivalents: RuleEquivalents | undefined): string[] {
  return EQUIVALENT_TOOLS.filter(([key]) => (equivalents?.[key] ?? []).length > 0).map(
    ([key, tool]) => `${tool}: ${equivalents![key]!.join(', ')}`,
  );
}

function descriptorOf(rule: RuleSummary): sarif.ReportingDescriptor {
  const equivalents = equivalentLines(rule.equivalents);
  const pillar = pillarTitle(rule.pillar);
  const text = [
    rule.description,
    `Fix: ${rule.remediation}`,
    `Well-Architected pillar: ${pillar}. Serverless Lens question: ${rule.lensQuestion}.`,
    `Resource types: ${rule.resourceTypes.join(', ')}.`,
    ...(equivalents.length ? [`Equivalent checks: ${equivalents.join('; ')}.`] : []),
  ].join('\n\n');
  const markdown = [
    rule.description,
    `**Fix:** ${rule.remediation}`,
    `**Pillar:** ${pillar} · **Serverless Lens question:** ${rule.lensQuestion}`,
    `**Resource types:** ${rule.resourceTypes.map((t) => `\`${t}\``).join(', ')}`,
    ...(equivalents.length ? ['**Equivalent checks:**\n' + equivalents.map((e) => `- ${e}`).join('\n')] : []),
  ].join('\n\n');
  const properties: sarif.PropertyBag = {
    // Unique (the schema says so): the security pillar's id is already the `security` tag GitHub looks for.
    // At most 10: GitHub shows 10 tags a rule and rejects the whole upload above 20.
    tags: [...new Set([rule.pillar, 'well-architected', 'serverless-lens', ...rule.resourceTypes])].slice(0, MAX_TAGS),
    pillar: rule.pillar,
    lensQuestion: rule.lensQuestion,
    precision: 'very-high',
    'problem.severity': PROBLEM_SEVERITY[rule.severity] ?? 'warning',
  };
  if (rule.pillar === Pillar.SECURITY) {
    properties['security-severity'] = SECURITY_SEVERITY[rule.severity] ?? SECURITY_SEVERITY[Severity.WARNING];
  }
  return {
    id: rule.id,
    name: ruleNameOf(rule.id),
    shortDescription: { text: firstSentence(rule.description) },
    fullDescription: { text: rule.description },
    help: { text, markdown },
    defaultConfiguration: { level: levelOf(rule.severity) },
    properties,
  };
}

/** A rule summary from a finding, for a finding whose rule is not in `report.rules` (the SARIF must stay valid). */
function summaryFromFinding(finding: Finding): RuleSummary {
  return {
    id: finding.ruleId,
    pillar: finding.pillar,
    severity: finding.severity,
    lensQuestion: finding.lensQuestion,
    description: `Rule ${finding.ruleId}.`,
    remediation: finding.remediation,
    resourceTypes: [finding.resourceType],
    equivalents: {},
  };
}

/**
 * Stable across runs and machines: the rule and the construct path identify a finding. It does not use the
 * line, so an alert survives unrelated template changes (GitHub's own `primaryLocationLineHash` would not).
 */
export function fingerprintOf(ruleId: string, constructPath: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${constructPath}`).digest('hex');
}

function logicalLocationOf(constructPath: string, logicalId?: string): sarif.LogicalLocation {
  return {
    name: logicalId ?? constructPath.split('/').pop(),
    fullyQualifiedName: constructPath,
    kind: 'resource',
  };
}

function locationOf(
  stackName: string,
  constructPath: string,
  logicalId: string,
  templates: SarifOptions['templates'],
): sarif.Location {
  const template = templates?.[stackName];
  return {
    physicalLocation: {
      artifactLocation: { uri: template?.uri ?? `${stackName}.template.json` },
      region: { startLine: template?.resourceLines?.[logicalId] ?? 1 },
    },
    logicalLocations: [logicalLocationOf(constructPath, logicalId)],
  };
}

/**
 * The content of `well-architected-report.sarif`: a SARIF 2.1.0 log with one run, ready for
 * `github/codeql-action/upload-sarif`.
 *
 * - `tool.driver.rules` holds every rule that ran, with its pillar, lens question, fix and equivalents;
 *   security rules carry `security-severity` so GitHub ranks them.
 * - Each finding is a result with the construct path as a logical location and the stack's template file and
 *   the resource's line as a physical location (see `SarifOptions.templates`).
 * - Acknowledged findings are results with an external, accepted suppression whose justification is the
 *   acknowledgment's reason: GitHub and SARIF viewers show them as suppressed, not as open problems.
 * - Rule errors are tool execution notifications; stale acknowledgments are tool configuration notifications.
 */
export function buildSarifLog(report: CheckReport, options: SarifOptions = {}): sarif.Log {
  const findings = sortFindings(report.findings);
  const summaries = [...report.rules].sort((a, b) => compareStrings(a.id, b.id));
  const known = new Set(summaries.map((r) => r.id));
  for (const finding of findings) {
    if (!known.has(finding.ruleId)) {
      known.add(finding.ruleId);
      summaries.push(summaryFromFinding(finding));
    }
  }
  const ruleIndex = new Map(summaries.map((r, i) => [r.id, i]));
  const version = versionOf(report.generatedBy);

  const results: sarif.Result[] = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId)!,
    level: levelOf(f.severity),
    message: { text: f.message },
    locations: [locationOf(f.stackName, f.constructPath, f.logicalId, options.templates)],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprintOf(f.ruleId, f.constructPath) },
    ...(f.acknowledged
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: f.acknowledgedReason ?? 'Acknowledged without a reason.',
            },
          ],
        }
      : f.baselined
        ? {
            // Recorded in the baseline when the checks were adopted: suppressed, and SARIF's own baseline state.
            baselineState: 'unchanged' as const,
            suppressions: [
              {
                kind: 'external' as const,
                status: 'accepted' as const,
                justification: f.baselineReason ?? 'In the baseline (recorded when the checks were adopted).',
              },
            ],
          }
        : report.staleBaselineEntries !== undefined
          ? { baselineState: 'new' as const }
          : {}),
    properties: {
      pillar: f.pillar,
      lensQuestion: f.lensQuestion,
      stackName: f.stackName,
      resourceType: f.resourceType,
      remediation: f.remediation,
    },
  }));

  const ruleErrors: sarif.Notification[] = [...report.ruleErrors]
    .sort((a, b) => compareStrings(a.ruleId, b.ruleId) || compareStrings(a.constructPath, b.constructPath))
    .map((e) => ({
      level: 'error',
      message: { text: `Rule ${e.ruleId} failed on ${e.constructPath}: ${e.message}` },
      locations: [{ logicalLocations: [logicalLocationOf(e.constructPath, e.logicalId)] }],
      associatedRule: { id: e.ruleId, ...(ruleIndex.has(e.ruleId) ? { index: ruleIndex.get(e.ruleId) } : {}) },
    }));

  const staleAcknowledgments: sarif.Notification[] = [...report.staleAcknowledgments]
    .sort((a, b) => compareStrings(a.constructPath, b.constructPath) || compareStrings(a.ruleId, b.ruleId))
    .map((s) => ({
      level: 'warning',
      message: {
        text: `The acknowledgment of ${s.ruleId} on '${s.constructPath || '(app root)'}' matches no finding: remove it. Its reason was: ${s.reason}`,
      },
      ...(s.constructPath ? { locations: [{ logicalLocations: [logicalLocationOf(s.constructPath)] }] } : {}),
      associatedRule: { id: s.ruleId, ...(ruleIndex.has(s.ruleId) ? { index: ruleIndex.get(s.ruleId) } : {}) },
    }));

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: SARIF_TOOL_NAME,
            version,
            ...(/^\d+\.\d+\.\d+/.test(version) ? { semanticVersion: version } : {}),
            informationUri: INFORMATION_URI,
            rules: summaries.map(descriptorOf),
          },
        },
        invocations: [
          {
            // The run completed: a rule that threw is reported below and every other rule still ran.
            executionSuccessful: true,
            toolExecutionNotifications: ruleErrors,
            toolConfigurationNotifications: staleAcknowledgments,
          },
        ],
        results,
        properties: {
          generatedBy: report.generatedBy,
          resourcesChecked: report.resourcesChecked,
          stacks: [...report.stacks].sort(compareStrings),
        },
      },
    ],
  };
}

/**
 * `well-architected-report.sarif`: the SARIF log as compact JSON on one line, ending with a newline. SARIF is read by
 * tools (code scanning, SARIF viewers), and indentation would make up half of a large report.
 */
export function renderSarif(report: CheckReport, options: SarifOptions = {}): string {
  return JSON.stringify(buildSarifLog(report, options)) + '\n';
}
