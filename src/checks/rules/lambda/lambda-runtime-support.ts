import { FUNCTION, describeFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * The date each managed runtime is (or was) deprecated by AWS Lambda, and the runtime to move to.
 * Source: AWS Lambda Developer Guide, "Lambda runtimes" (supported and deprecated runtimes tables).
 * Runtimes not listed are current or unknown to this table and are not flagged.
 */
const RUNTIME_DEPRECATIONS: Record<string, { readonly deprecated: string; readonly successor: string }> = {
  nodejs: { deprecated: '2016-08-30', successor: 'nodejs24.x' },
  'nodejs4.3': { deprecated: '2020-03-05', successor: 'nodejs24.x' },
  'nodejs4.3-edge': { deprecated: '2020-03-05', successor: 'nodejs24.x' },
  'nodejs6.10': { deprecated: '2019-08-12', successor: 'nodejs24.x' },
  'nodejs8.10': { deprecated: '2020-03-06', successor: 'nodejs24.x' },
  'nodejs10.x': { deprecated: '2021-07-30', successor: 'nodejs24.x' },
  'nodejs12.x': { deprecated: '2023-03-31', successor: 'nodejs24.x' },
  'nodejs14.x': { deprecated: '2023-12-04', successor: 'nodejs24.x' },
  'nodejs16.x': { deprecated: '2024-06-12', successor: 'nodejs24.x' },
  'nodejs18.x': { deprecated: '2025-09-01', successor: 'nodejs24.x' },
  'nodejs20.x': { deprecated: '2026-04-30', successor: 'nodejs24.x' },
  'nodejs22.x': { deprecated: '2027-04-30', successor: 'nodejs24.x' },
  'nodejs24.x': { deprecated: '2028-04-30', successor: 'a newer Node.js runtime' },
  'python2.7': { deprecated: '2021-07-15', successor: 'python3.14' },
  'python3.6': { deprecated: '2022-07-18', successor: 'python3.14' },
  'python3.7': { deprecated: '2023-12-04', successor: 'python3.14' },
  'python3.8': { deprecated: '2024-10-14', successor: 'python3.14' },
  'python3.9': { deprecated: '2025-12-15', successor: 'python3.14' },
  'python3.10': { deprecated: '2026-06-30', successor: 'python3.14' },
  'python3.11': { deprecated: '2026-06-30', successor: 'python3.14' },
  'python3.12': { deprecated: '2028-10-31', successor: 'python3.14' },
  'python3.13': { deprecated: '2029-06-30', successor: 'python3.14' },
  'ruby2.5': { deprecated: '2021-07-30', successor: 'ruby3.4' },
  'ruby2.7': { deprecated: '2023-12-07', successor: 'ruby3.4' },
  'ruby3.2': { deprecated: '2026-03-31', successor: 'ruby3.4' },
  'ruby3.3': { deprecated: '2027-03-31', successor: 'ruby3.4' },
  'ruby3.4': { deprecated: '2028-03-31', successor: 'a newer Ruby runtime' },
  java8: { deprecated: '2024-01-08', successor: 'java25' },
  'java8.al2': { deprecated: '2026-06-30', successor: 'java25' },
  java11: { deprecated: '2026-06-30', successor: 'java25' },
  java17: { deprecated: '2026-06-30', successor: 'java25' },
  java21: { deprecated: '2029-06-30', successor: 'java25' },
  'dotnetcore1.0': { deprecated: '2019-06-27', successor: 'dotnet10' },
  'dotnetcore2.0': { deprecated: '2019-05-30', successor: 'dotnet10' },
  'dotnetcore2.1': { deprecated: '2022-01-05', successor: 'dotnet10' },
  'dotnetcore3.1': { deprecated: '2023-04-03', successor: 'dotnet10' },
  dotnet6: { deprecated: '2024-12-20', successor: 'dotnet10' },
  dotnet7: { deprecated: '2024-05-14', successor: 'dotnet10' },
  dotnet8: { deprecated: '2026-11-10', successor: 'dotnet10' },
  'go1.x': { deprecated: '2024-01-08', successor: 'provided.al2023' },
  provided: { deprecated: '2024-01-08', successor: 'provided.al2023' },
  'provided.al2': { deprecated: '2026-06-30', successor: 'provided.al2023' },
  'provided.al2023': { deprecated: '2029-06-30', successor: 'a newer OS-only runtime' },
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Options for `LambdaRuntimeSupportRule`. */
export interface LambdaRuntimeSupportRuleProps {
  /**
   * The date to compare deprecation dates with. Pass a fixed date for reproducible results (tests, audits).
   * @default - the time of each evaluation
   */
  readonly evaluationDate?: Date;

  /**
   * How many days before a runtime's deprecation date the rule starts to report it.
   * @default 180
   */
  readonly warningDays?: number;
}

/** Lambda functions use a managed runtime that is supported and not close to its deprecation date. */
export class LambdaRuntimeSupportRule extends Rule {
  private readonly evaluationDate?: Date;
  private readonly warningDays: number;

  constructor(props: LambdaRuntimeSupportRuleProps = {}) {
    super({
      id: 'WA-LambdaRuntimeSupport',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 2',
      severity: Severity.WARNING,
      description:
        'Lambda functions use a runtime that AWS still supports and that is not about to be deprecated: a deprecated runtime gets no security patches, and AWS later blocks creating and then updating functions that use it.',
      remediation:
        'Set `runtime` on the Function to the newest runtime of its language (e.g. `lambda.Runtime.NODEJS_24_X`, `lambda.Runtime.PYTHON_3_14`) and test the code on it.',
      resourceTypes: [FUNCTION],
      equivalents: {
        serverlessRules: ['aws_lambda_function_eol_runtime'],
        cdkNag: ['Serverless-LambdaLatestVersion', 'AwsSolutions-L1'],
        checkov: ['CKV_AWS_363'],
        cfnLint: ['E2531', 'W2531'],
      },
    });
    if (props.warningDays !== undefined && !(props.warningDays >= 0)) {
      throw new Error(
        `LambdaRuntimeSupportRule: warningDays is ${props.warningDays}; use a number of days of 0 or more (e.g. 180).`,
      );
    }
    this.evaluationDate = props.evaluationDate;
    this.warningDays = props.warningDays ?? 180;
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const packageType = resource.get('PackageType');
    if (Values.isUnknown(packageType)) {
      return RuleResult.unknown('PackageType cannot be resolved at synth time');
    }
    if (packageType === 'Image') {
      return RuleResult.notApplicable('container image functions bring their own runtime');
    }
    const runtime = resource.get('Runtime');
    if (runtime === undefined) {
      return RuleResult.notApplicable('the function has no managed runtime');
    }
    if (typeof runtime !== 'string' || Values.isUnknown(runtime)) {
      return RuleResult.unknown('Runtime cannot be resolved at synth time');
    }
    const deprecation = RUNTIME_DEPRECATIONS[runtime];
    if (!deprecation) {
      return RuleResult.compliant();
    }
    const now = (this.evaluationDate ?? new Date()).getTime();
    const deprecatedAt = Date.parse(`${deprecation.deprecated}T00:00:00Z`);
    if (deprecatedAt <= now) {
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} uses runtime ${runtime}, deprecated on ${deprecation.deprecated}: it no longer gets security patches. Set \`runtime\` to ${deprecation.successor}.`,
      );
    }
    const daysLeft = Math.ceil((deprecatedAt - now) / DAY_MS);
    if (daysLeft <= this.warningDays) {
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} uses runtime ${runtime}, which AWS deprecates on ${deprecation.deprecated} (in ${daysLeft} days). Plan the move of \`runtime\` to ${deprecation.successor}.`,
      );
    }
    return RuleResult.compliant();
  }
}
