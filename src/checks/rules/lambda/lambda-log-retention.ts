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
      if (typeof configured === 'string' && !Values.isUnknown(configured)) {
        const named = index.ofType(LOG_GROUP).find((g) => g.get('LogGroupName') === configured);
        return named
          ? retentionOf(resource, named)
          : RuleResult.unknown(`log group '${configured}' is not defined in this stack`);
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

/** Log groups (or CDK log-retention custom resources) whose name is the function's default log group. */
function defaultLogGroups(fn: CheckedResource, index: StackIndex): CheckedResource[] {
  const found: CheckedResource[] = [];
  for (const type of [LOG_GROUP, LOG_RETENTION]) {
    for (const ref of index.referencesTo(fn.logicalId, type)) {
      if (ref.propertyPath.startsWith('LogGroupName') && !found.includes(ref.source)) {
        found.push(ref.source);
      }
    }
  }
  const name = literalFunctionName(fn);
  if (name !== undefined) {
    for (const type of [LOG_GROUP, LOG_RETENTION]) {
      for (const group of index.ofType(type)) {
        if (group.get('LogGroupName') === `/aws/lambda/${name}` && !found.includes(group)) {
          found.push(group);
        }
      }
    }
  }
  return found;
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
