import { Pillar, Severity } from './rule';

/** One rule that a resource breaks. The field names are those of `well-architected-report.json`. */
export interface Finding {
  /** The rule's id, e.g. `WA-LambdaTracing`. */
  readonly ruleId: string;
  /** The rule's pillar. */
  readonly pillar: Pillar;
  /** The severity of the finding. */
  readonly severity: Severity;
  /** The Serverless Lens question, e.g. `REL 2`. */
  readonly lensQuestion: string;
  /** The stack (CDK) or template (CLI) the resource is in. */
  readonly stackName: string;
  /** The construct path of the resource (CDK) or `<template>/<logicalId>` (CLI). */
  readonly constructPath: string;
  /** The logical id of the resource. */
  readonly logicalId: string;
  /** The CloudFormation type of the resource. */
  readonly resourceType: string;
  /** What is wrong on this resource. */
  readonly message: string;
  /** How to fix it in CDK terms. */
  readonly remediation: string;
  /** Whether a `Validations.of(scope).acknowledge(...)` (or template metadata, for the CLI) covers it. */
  readonly acknowledged: boolean;
  /** The reason given with the acknowledgment. @default - not acknowledged */
  readonly acknowledgedReason?: string;
  /**
   * Whether an entry of the baseline covers it: a finding recorded when the checks were adopted, which does not fail.
   * @default - no baseline was given
   */
  readonly baselined?: boolean;
  /** The reason of the baseline entry. @default - none given */
  readonly baselineReason?: string;
}
