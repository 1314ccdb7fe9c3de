import { FUNCTION, describeFunction, literalFunctionName, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Compliance, Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

const LOG_GROUP = 'AWS::Logs::LogGroup';
/** What `logRetention` on a CDK Function creates: a custom resource that sets the retention of `/aws/lambda/<name>`. */
const LOG_RETENTION = 'Custom::LogRetention';

/**
 * Lambda functions write to a log group of the stack that has a retention period: the group named in
 * `LoggingConfig.LogGroup`, or the default `/aws/lambda/<function name>` defined in the stack.
 */
export class LambdaLogRetentionRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaLogRetention',
      pillar: Pillar.COST_OPTIMIZATION,
      lensQuestion: 'COST 1',
      severity: Severity.WARNING,
      description:
        'Lambda functions log to a log group that the stack defines with a retention period. Otherwise Lambda creates `/aws/lambda/<name>` on first invocation, with logs kept (and billed) forever and left behind when the stack is deleted.',
      remediation:
        'Pass `logGroup: new logs.LogGroup(this, "Logs", { retention: logs.RetentionDays.ONE_MONTH })` to the Function (or use `WellArchitectedFunction`); on a CfnFunction set `loggingConfig.logGroup` to a CfnLogGroup with `retentionInDays`.',
      resourceTypes: [FUNCTION],
      equivalents: {
        serverlessRules: ['WS1004', 'aws_cloudwatch_log_group_lambda_retention'],
        cdkNag: ['Serverless-CloudWatchLogGroupRetentionPeriod'],
        checkov: ['CKV_AWS_66'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const index = context.index;
    const configured = resource.get('LoggingConfig.LogGroup');
    if (configured !== undefined) {
      const target = index.resolveReference(configured);
      if (target?.resourceType === LOG_GROUP) {
        return retentionOf(resource, target);
      }
      const name = renderName(configured, index);
      if (name !== undefined) {
        const named = index.ofType(LOG_GROUP).find((g) => renderName(g.get('LogGroupName'), index) === name);
        return named
          ? retentionOf(resource, named)
          : RuleResult.unknown(`log group '${printable(name)}' is not defined in this stack`);
      }
      return RuleResult.unknown('LoggingConfig.LogGroup is not a log group of this stack');
    }
    const groups = defaultLogGroups(resource, index);
    if (groups.length === 0) {
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} has no log group in the stack: Lambda will create /aws/lambda/${literalFunctionName(resource) ?? '<name>'} with logs that never expire. Pass \`logGroup\` with a \`retention\` to the Function.`,
      );
    }
    const results = groups.map((g) => retentionOf(resource, g));
    return (
      results.find((r) => r.compliance === Compliance.COMPLIANT) ??
      results.find((r) => r.compliance === Compliance.UNKNOWN) ??
      results[0]
    );
  }
}

/**
 * Log groups (or CDK log-retention custom resources) whose name is the function's default log group,
 * `/aws/lambda/<function name>`: a literal, or a `Fn::Join`/`Fn::Sub` that renders to it, where a `Ref` to the
 * function stands for its name. A name that names the function but cannot be rendered (e.g. it holds
 * `${AWS::Region}`) still counts, as it did before names were rendered.
 */
function defaultLogGroups(fn: CheckedResource, index: StackIndex): CheckedResource[] {
  const expected = new Set([`/aws/lambda/${functionMarker(fn.logicalId)}`]);
  const literal = literalFunctionName(fn);
  if (literal !== undefined) {
    expected.add(`/aws/lambda/${literal}`);
  }
  const found: CheckedResource[] = [];
  for (const type of [LOG_GROUP, LOG_RETENTION]) {
    for (const group of index.ofType(type)) {
      const name = renderName(group.get('LogGroupName'), index);
      if (name !== undefined ? expected.has(name) : namesFunction(group, fn, index)) {
        found.push(group);
      }
    }
  }
  return found;
}

function namesFunction(group: CheckedResource, fn: CheckedResource, index: StackIndex): boolean {
  return index
    .referencesTo(fn.logicalId, group.resourceType)
    .some((ref) => ref.source === group && ref.propertyPath.startsWith('LogGroupName'));
}

/** How a rendered name shows a `Ref` to a function whose name synth does not know. */
function functionMarker(logicalId: string): string {
  return `\u0000${logicalId}\u0000`;
}

function printable(name: string): string {
  return name.replace(/\u0000([^\u0000]*)\u0000/g, '${$1}');
}

/**
 * A log group name as a string: a literal, or a `Fn::Join` / `Fn::Sub` of literals and `Ref`s to functions of
 * the stack (rendered as their literal name, or a marker when it has none). Undefined for anything else.
 */
function renderName(value: any, index: StackIndex): string | undefined {
  if (typeof value === 'string') {
    return Values.isUnknown(value) ? undefined : value;
  }
  if (!Values.isIntrinsic(value)) {
    return undefined;
  }
  if (typeof value.Ref === 'string') {
    return renderRef(value.Ref, index);
  }
  const join = value['Fn::Join'];
  if (join !== undefined) {
    if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) {
      return undefined;
    }
    const parts = join[1].map((part: any) => renderName(part, index));
    return parts.every((p: string | undefined) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  const sub = value['Fn::Sub'];
  if (sub !== undefined) {
    const [template, variables] = typeof sub === 'string' ? [sub, {}] : Array.isArray(sub) ? sub : [undefined, {}];
    if (typeof template !== 'string' || variables === null || typeof variables !== 'object') {
      return undefined;
    }
    let failed = false;
    const rendered = template.replace(/\$\{([^}]*)\}/g, (_match: string, name: string) => {
      if (name.startsWith('!')) {
        return `\${${name.slice(1)}}`;
      }
      const part = name in variables ? renderName(variables[name], index) : renderRef(name, index);
      failed ||= part === undefined;
      return part ?? '';
    });
    return failed ? undefined : rendered;
  }
  return undefined;
}

/** A `Ref` (or `${Name}`) in a name: a function of the stack stands for its name; anything else is unknown. */
function renderRef(logicalId: string, index: StackIndex): string | undefined {
  const target = index.byLogicalId(logicalId);
  if (target?.resourceType !== FUNCTION) {
    return undefined;
  }
  return literalFunctionName(target) ?? functionMarker(target.logicalId);
}

function retentionOf(fn: CheckedResource, group: CheckedResource): RuleResult {
  if (group.unresolvedReason) {
    return RuleResult.unknown(group.unresolvedReason);
  }
  const retention = group.get('RetentionInDays');
  if (retention === undefined) {
    return RuleResult.nonCompliant(
      `Function ${describeFunction(fn)} logs to log group ${group.logicalId}, which has no retention, so its logs never expire. Set \`retention\` on the LogGroup (RetentionInDays).`,
    );
  }
  return Values.isUnknown(retention)
    ? RuleResult.unknown(`the retention of log group ${group.logicalId} cannot be resolved at synth time`)
    : RuleResult.compliant();
}
