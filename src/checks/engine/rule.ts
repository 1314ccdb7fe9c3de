import type { AppView } from './app-view';
import { CheckedResource } from './resource';
import { StackIndex } from './stack-index';

/** The six pillars of the AWS Well-Architected Framework. */
export enum Pillar {
  OPERATIONAL_EXCELLENCE = 'operational-excellence',
  SECURITY = 'security',
  RELIABILITY = 'reliability',
  PERFORMANCE_EFFICIENCY = 'performance-efficiency',
  COST_OPTIMIZATION = 'cost-optimization',
  SUSTAINABILITY = 'sustainability',
}

/** How serious a finding is. Errors fail the synth by default; warnings show; info is advice. */
export enum Severity {
  ERROR = 'error',
  WARNING = 'warning',
  INFO = 'info',
}

/** The ids of equivalent checks in other tools, so users can migrate and compare. */
export interface RuleEquivalents {
  /** awslabs/serverless-rules ids, e.g. `LAMBDA_TRACING_RULE` / `WS1000`. @default - none */
  readonly serverlessRules?: string[];
  /** cdk-nag rule ids, e.g. `Serverless-LambdaTracing`. @default - none */
  readonly cdkNag?: string[];
  /** Checkov ids, e.g. `CKV_AWS_50`. @default - none */
  readonly checkov?: string[];
  /** cfn-lint rule ids, e.g. `E3505`. @default - none */
  readonly cfnLint?: string[];
}

/** The metadata every rule carries. RULES.md, the SARIF rule table and the reports are generated from it. */
export interface RuleProps {
  /**
   * A stable, readable id, e.g. `WA-LambdaTracing`. It is the id users acknowledge with
   * `Validations.of(scope).acknowledge({ id, reason })`; never change it once released.
   */
  readonly id: string;
  /** The pillar the rule belongs to. */
  readonly pillar: Pillar;
  /** The Serverless Lens question it answers, e.g. `REL 2` (OPS 1-2, SEC 1-3, REL 1-2, PERF 1, COST 1). */
  readonly lensQuestion: string;
  /** The default severity of its findings. */
  readonly severity: Severity;
  /** What the rule checks and why it matters, in one or two sentences. */
  readonly description: string;
  /** How to fix a finding in CDK terms: the construct prop or method to use. */
  readonly remediation: string;
  /** The CloudFormation resource types the rule evaluates, e.g. `['AWS::Lambda::Function']`. */
  readonly resourceTypes: string[];
  /** Equivalent ids in other tools. @default - none */
  readonly equivalents?: RuleEquivalents;
}

/** The outcome of evaluating one rule on one resource. */
export enum Compliance {
  COMPLIANT = 'compliant',
  NON_COMPLIANT = 'non-compliant',
  /** The rule does not apply to this resource (e.g. a queue that is itself a dead-letter queue). */
  NOT_APPLICABLE = 'not-applicable',
  /** A value the rule needs cannot be resolved at synth time (token, parameter, Fn::If, import). Never a finding. */
  UNKNOWN = 'unknown',
}

/** What a rule returns for one resource. */
export class RuleResult {
  /** The resource follows the rule. */
  public static compliant(): RuleResult {
    return new RuleResult(Compliance.COMPLIANT);
  }

  /**
   * The resource breaks the rule.
   * @param message what is wrong on this resource and the prop that fixes it, in one or two sentences
   */
  public static nonCompliant(message: string): RuleResult {
    return new RuleResult(Compliance.NON_COMPLIANT, message);
  }

  /** The rule does not apply to this resource. */
  public static notApplicable(reason?: string): RuleResult {
    return new RuleResult(Compliance.NOT_APPLICABLE, reason);
  }

  /** A value the rule needs cannot be known at synth time; never reported as a finding. */
  public static unknown(reason?: string): RuleResult {
    return new RuleResult(Compliance.UNKNOWN, reason);
  }

  private constructor(
    /** The outcome. */
    public readonly compliance: Compliance,
    /** The finding's message (non-compliant) or the reason (not applicable, unknown). */
    public readonly message?: string,
  ) {}
}

/** What a rule sees besides the resource it evaluates. */
export interface RuleContext {
  /** Every resource of the resource's stack, indexed once per stack, with the references between them. */
  readonly index: StackIndex;
  /**
   * Every checked stack of the app (or Stage) and the references between them. The stack's `index` is linked to
   * it already: `index.referencesTo` lists partners in other stacks and `index.resolveReference` follows imports,
   * nested-stack parameters and outputs to them.
   * @default - the resource's stack only
   */
  readonly app?: AppView;
}

const RULE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)+$/;
const LENS_QUESTION_PATTERN = /^(OPS|SEC|REL|PERF|COST|SUS) \d+$/;

/**
 * A well-architected rule. Subclass it (in any jsii language) and implement `evaluate`.
 *
 * `evaluate` is called once per resource whose type is in `resourceTypes`. It must not throw for
 * odd input: a value it cannot interpret is `RuleResult.unknown()`. If it throws anyway, the engine
 * reports that once, naming the rule and the resource, and the synth goes on.
 */
export abstract class Rule {
  public readonly id: string;
  public readonly pillar: Pillar;
  public readonly lensQuestion: string;
  public readonly severity: Severity;
  public readonly description: string;
  public readonly remediation: string;
  public readonly resourceTypes: string[];
  public readonly equivalents: RuleEquivalents;

  constructor(props: RuleProps) {
    if (!RULE_ID_PATTERN.test(props.id)) {
      throw new Error(
        `Rule id '${props.id}' is not valid: use letters and digits in dash-separated parts, e.g. 'WA-LambdaTracing' or 'MyOrg-QueueTags'.`,
      );
    }
    if (!LENS_QUESTION_PATTERN.test(props.lensQuestion)) {
      throw new Error(
        `Rule ${props.id}: lensQuestion '${props.lensQuestion}' is not valid: use a Serverless Lens question such as 'OPS 1', 'SEC 2' or 'REL 2'.`,
      );
    }
    if (props.resourceTypes.length === 0) {
      throw new Error(
        `Rule ${props.id}: resourceTypes is empty: list the CloudFormation types it evaluates, e.g. ['AWS::SQS::Queue'].`,
      );
    }
    this.id = props.id;
    this.pillar = props.pillar;
    this.lensQuestion = props.lensQuestion;
    this.severity = props.severity;
    this.description = props.description;
    this.remediation = props.remediation;
    this.resourceTypes = [...props.resourceTypes];
    this.equivalents = props.equivalents ?? {};
  }

  /** Evaluate the rule on one resource. */
  public abstract evaluate(resource: CheckedResource, context: RuleContext): RuleResult;
}
