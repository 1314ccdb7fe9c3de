import { BaselineEntry } from './baseline';
import { Finding } from './finding';
import { Pillar, RuleEquivalents, Severity } from './rule';

/** The report files the checks can write. */
export enum ReportFormat {
  /** `well-architected-report.json`: the `CheckReport` as JSON. */
  JSON = 'json',
  /** `well-architected-report.sarif`: SARIF 2.1.0, for GitHub code scanning and IDEs. */
  SARIF = 'sarif',
  /** `well-architected-report.md`: a Markdown summary, e.g. for a pull-request comment. */
  MARKDOWN = 'markdown',
}

/** A rule that ran, as the reports describe it. The fields are those of `Rule`. */
export interface RuleSummary {
  /** The rule's id, e.g. `WA-LambdaTracing`. */
  readonly id: string;
  /** The rule's pillar. */
  readonly pillar: Pillar;
  /** The rule's default severity. */
  readonly severity: Severity;
  /** The Serverless Lens question it answers, e.g. `REL 2`. */
  readonly lensQuestion: string;
  /** What the rule checks and why it matters. */
  readonly description: string;
  /** How to fix a finding in CDK terms. */
  readonly remediation: string;
  /** The CloudFormation resource types it evaluates. */
  readonly resourceTypes: string[];
  /** Equivalent ids in other tools. */
  readonly equivalents: RuleEquivalents;
}

/**
 * An acknowledgment of a known rule id that matched no finding under the construct it was made on:
 * the problem was fixed (or the resource removed) and the acknowledgment can go.
 */
export interface StaleAcknowledgment {
  /** The construct path of the construct the acknowledgment was made on (`''` for the app root). */
  readonly constructPath: string;
  /** The acknowledged rule id. */
  readonly ruleId: string;
  /** The reason given with the acknowledgment. */
  readonly reason: string;
}

/** A rule that threw while evaluating a resource. Reported once per (rule, resource); the synth goes on. */
export interface RuleError {
  /** The id of the rule that threw. */
  readonly ruleId: string;
  /** The construct path of the resource (CDK) or `<template>/<logicalId>` (CLI). */
  readonly constructPath: string;
  /** The logical id of the resource. */
  readonly logicalId: string;
  /** The error's message. */
  readonly message: string;
}

/** A change `WellArchitectedDefaults` made to a resource before the checks ran, listed so it can be reviewed. */
export interface RemediationRecord {
  /** The construct path of the changed resource. */
  readonly constructPath: string;
  /** Its logical id. */
  readonly logicalId: string;
  /** Its CloudFormation type. */
  readonly resourceType: string;
  /** What was changed, e.g. `set TracingConfig.Mode to Active`. */
  readonly description: string;
}

/**
 * A resource the rules did not judge, and why: a function aws-cdk-lib created for itself (e.g. the
 * `BucketDeployment` or `AwsCustomResource` function), which the app cannot configure, or a resource that a
 * transform expands at deploy time (`AWS::Serverless::*`).
 */
export interface SkippedResource {
  /** The stack (CDK) or template (CLI) the resource is in. */
  readonly stackName: string;
  /** The construct path (CDK) or `<template>/<logicalId>` (CLI). */
  readonly constructPath: string;
  /** Its logical id. */
  readonly logicalId: string;
  /** Its CloudFormation type. */
  readonly resourceType: string;
  /** Why it was skipped, e.g. `an aws-cdk-lib BucketDeployment function`. */
  readonly reason: string;
}

/** Everything one run of the checks found. The reports (JSON, SARIF, Markdown) are rendered from it. */
export interface CheckReport {
  /** Every finding, in a stable order (stack, construct path, rule id), acknowledged ones included. */
  readonly findings: Finding[];
  /** The rules that ran (after `pillars`, `disabledRules` and `minimumSeverity`), by id. */
  readonly rules: RuleSummary[];
  /** Acknowledgments of known rule ids that matched no finding. */
  readonly staleAcknowledgments: StaleAcknowledgment[];
  /** Rules that threw. */
  readonly ruleErrors: RuleError[];
  /** How many CloudFormation resources were checked. */
  readonly resourcesChecked: number;
  /** The names of the stacks (CDK) or template files (CLI) checked, sorted. */
  readonly stacks: string[];
  /**
   * The changes `WellArchitectedDefaults` made to the checked resources, sorted by construct path.
   * @default - none (the remediation aspect was not used)
   */
  readonly remediations?: RemediationRecord[];
  /**
   * The resources the rules skipped, with the reason, sorted by stack and construct path.
   * @default - none
   */
  readonly skippedResources?: SkippedResource[];
  /**
   * The baseline entries (of rules that ran) that cover no finding: the resource was fixed or removed.
   * @default - no baseline was given
   */
  readonly staleBaselineEntries?: BaselineEntry[];
  /** The tool that produced the report: package name and version, e.g. `cdk-well-architected@1.2.0`. */
  readonly generatedBy: string;
}
