import { CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { assignProperty, childIdFor, ownerOf, RemediationContext } from './context';
import { CheckedResource } from '../../checks/engine/resource';
import { Compliance } from '../../checks/engine/rule';
import { Values } from '../../checks/engine/values';
import { LambdaAsyncFailureDestinationRule } from '../../checks/rules/lambda/lambda-async-failure-destination';
import { LambdaDurationAlarmRule } from '../../checks/rules/lambda/lambda-duration-alarm';
import { LambdaErrorsAlarmRule } from '../../checks/rules/lambda/lambda-errors-alarm';
import {
  eventSourceOf,
  functionOfMapping,
  literalFunctionName,
  skipFunction,
} from '../../checks/rules/lambda/lambda-resources';
import { LambdaThrottlesAlarmRule } from '../../checks/rules/lambda/lambda-throttles-alarm';
import {
  functionDurationAlarm,
  functionErrorRateAlarm,
  functionThrottlesAlarm,
} from '../../monitoring/private/alarm-factories';
import { LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../../service-defaults/lambda';

/** The metadata type that marks a handler as returning `batchItemFailures` for SQS batches. */
export const REPORTS_BATCH_ITEM_FAILURES = 'cdk-well-architected:reportsBatchItemFailures';

/** The execution role of a function, when it is a role of this stack the remediation can extend. */
interface ExecutionRole {
  readonly cfnRole: CfnResource;
  /** The L2 role that owns `cfnRole`, when there is one. */
  readonly role?: iam.Role;
}

/** Apply the Lambda defaults to one `AWS::Lambda::Function`. */
export function remediateFunction(cfn: CfnResource, ctx: RemediationContext): void {
  const fn = ctx.current(cfn);
  if (fn.unresolvedReason || skipFunction(fn) !== undefined) {
    return;
  }
  const settings = ctx.settings;
  const role = executionRoleOf(fn, ctx);
  const statements: iam.PolicyStatement[] = [];

  if (settings.tracing && fn.get('TracingConfig') === undefined) {
    if (role) {
      assignProperty(cfn, 'TracingConfig', { Mode: 'Active' });
      // Lambda refuses Active tracing unless the role may write segments; these are the actions of AWSXRayDaemonWriteAccess Lambda needs.
      statements.push(
        new iam.PolicyStatement({
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      );
      ctx.record(cfn, 'set TracingConfig.Mode=Active and allowed the execution role to write X-Ray segments');
    } else {
      ctx.skipped(
        cfn,
        'did not turn on X-Ray tracing: the execution role is not a role of this stack, so its X-Ray permissions ' +
          "cannot be added (Lambda rejects Active tracing without them). Set `tracing: lambda.Tracing.ACTIVE` and grant 'xray:PutTraceSegments'.",
      );
    }
  }

  const logging = fn.get('LoggingConfig');
  if (!Values.isUnknown(logging)) {
    if (settings.structuredLogging) {
      setStructuredLogging(cfn, logging, ctx);
    }
    if (settings.logRetention && Values.get(logging, 'LogGroup') === undefined && !hasDefaultLogGroup(cfn, fn, ctx)) {
      if (role) {
        const logGroup = ctx.created(
          new logs.LogGroup(ownerOf(cfn), childIdFor(cfn, 'LogGroup'), { retention: settings.logGroupRetention }),
        );
        assignProperty(cfn, 'LoggingConfig', {
          ...(ctx.current(cfn).get('LoggingConfig') ?? {}),
          LogGroup: logGroup.logGroupName,
        });
        statements.push(
          new iam.PolicyStatement({
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resources: [logGroup.logGroupArn],
          }),
        );
        ctx.record(
          cfn,
          `set LoggingConfig.LogGroup to a new log group with a retention of ${settings.logGroupRetention} days; ` +
            'new logs go there instead of /aws/lambda/<function name>, which keeps its old events',
        );
      } else {
        ctx.skipped(
          cfn,
          'did not give the function a log group with a retention: the execution role is not a role of this stack, ' +
            'so it cannot be allowed to write there. Set `logGroup` on the function.',
        );
      }
    }
  }

  if (settings.architectureArm64 && fn.get('Architectures') === undefined) {
    assignProperty(cfn, 'Architectures', ['arm64']);
    ctx.record(cfn, 'set Architectures=[arm64] (architectureArm64 is on: the code must run on arm64)');
  }

  if (statements.length > 0 && role) {
    grant(cfn, role, statements, fn, ctx);
  }

  if (settings.alarms) {
    addFunctionAlarms(cfn, fn, ctx);
  }
  if (settings.deadLetterQueues) {
    acknowledgeSynchronousDeadLetter(cfn, fn, ctx);
  }
}

function setStructuredLogging(cfn: CfnResource, logging: any, ctx: RemediationContext): void {
  const added: Record<string, string> = {};
  const format = Values.get(logging, 'LogFormat') ?? (added.LogFormat = 'JSON');
  // Log levels are only accepted with the JSON format: an explicit Text (or a token) keeps the service levels.
  if (format === 'JSON') {
    if (Values.get(logging, 'ApplicationLogLevel') === undefined) {
      added.ApplicationLogLevel = 'INFO';
    }
    if (Values.get(logging, 'SystemLogLevel') === undefined) {
      added.SystemLogLevel = 'WARN';
    }
  }
  if (Object.keys(added).length > 0) {
    assignProperty(cfn, 'LoggingConfig', { ...(logging ?? {}), ...added });
    ctx.record(
      cfn,
      `set ${Object.entries(added)
        .map(([key, value]) => `LoggingConfig.${key}=${value}`)
        .join(', ')}`,
    );
  }
}

/**
 * Whether the function already keeps its logs with a retention in `/aws/lambda/<name>`: through `logRetention`
 * (a `Custom::LogRetention`) or a log group of this stack named after it. Moving those logs elsewhere would gain
 * nothing, and creating a second group of that name would fail.
 */
function hasDefaultLogGroup(cfn: CfnResource, fn: CheckedResource, ctx: RemediationContext): boolean {
  const namedAfterFunction = [...ctx.index.referencesTo(fn.logicalId)].some(
    (ref) =>
      (ref.source.resourceType === 'Custom::LogRetention' || ref.source.resourceType === 'AWS::Logs::LogGroup') &&
      /^LogGroupName/.test(ref.propertyPath),
  );
  if (namedAfterFunction) {
    return true;
  }
  const name = literalFunctionName(fn);
  if (
    name !== undefined &&
    ctx.index.ofType('AWS::Logs::LogGroup').some((group) => group.get('LogGroupName') === `/aws/lambda/${name}`)
  ) {
    return true;
  }
  return ownerOf(cfn).node.tryFindChild('LogRetention') !== undefined && cfn.node.id === 'Resource';
}

function executionRoleOf(fn: CheckedResource, ctx: RemediationContext): ExecutionRole | undefined {
  const roleId = Values.referencedLogicalId(fn.get('Role'));
  const role = roleId === undefined ? undefined : ctx.index.byLogicalId(roleId);
  if (!role || role.resourceType !== 'AWS::IAM::Role' || !role.cfnResource) {
    return undefined;
  }
  const owner = role.cfnResource.node.scope;
  const l2 = owner && iam.Role.isRole(owner) && owner.node.defaultChild === role.cfnResource ? owner : undefined;
  return { cfnRole: role.cfnResource, role: l2 };
}

/**
 * Add the statements to the execution role: to its default policy for an L2 role, to a new inline policy for an
 * L1 one. The function depends on them, so its first invocation already has them.
 */
function grant(
  cfn: CfnResource,
  role: ExecutionRole,
  statements: iam.PolicyStatement[],
  fn: CheckedResource,
  ctx: RemediationContext,
): void {
  if (role.role) {
    statements.forEach((statement) => role.role!.addToPrincipalPolicy(statement));
    cfn.node.addDependency(role.role);
    return;
  }
  const policy = ctx.created(
    new iam.CfnPolicy(ownerOf(cfn), childIdFor(cfn, 'DefaultsPolicy'), {
      policyName: `WellArchitectedDefaults${fn.logicalId}`.slice(0, 128),
      policyDocument: new iam.PolicyDocument({ statements }),
      roles: [role.cfnRole.ref],
    }),
  );
  cfn.node.addDependency(policy);
}

function addFunctionAlarms(cfn: CfnResource, fn: CheckedResource, ctx: RemediationContext): void {
  const name = cfn.node.id === 'Resource' ? ownerOf(cfn).node.id : cfn.node.id;
  const added: string[] = [];
  const target = { functionName: cfn.ref, label: name };
  if (ctx.violates(new LambdaErrorsAlarmRule(), fn)) {
    added.push(ctx.addAlarm(cfn, 'Errors', (placement) => functionErrorRateAlarm(placement, target)).node.path);
  }
  if (ctx.violates(new LambdaThrottlesAlarmRule(), fn)) {
    added.push(ctx.addAlarm(cfn, 'Throttles', (placement) => functionThrottlesAlarm(placement, target)).node.path);
  }
  const timeout = fn.get('Timeout') ?? LAMBDA_DEFAULT_TIMEOUT_SECONDS;
  if (typeof timeout === 'number' && ctx.violates(new LambdaDurationAlarmRule(), fn)) {
    added.push(
      ctx.addAlarm(cfn, 'Duration', (placement) => functionDurationAlarm(placement, target, timeout)).node.path,
    );
  }
  if (added.length > 0) {
    ctx.record(cfn, `added alarms ${added.join(', ')} that notify the WellArchitectedMonitoring topic`);
  }
}

/**
 * cdk-nag's LambdaDLQ asks every function for a `DeadLetterConfig`, which only captures asynchronous
 * invocations: acknowledge it on functions that nothing in the stack invokes asynchronously (the same test as
 * WA-LambdaAsyncFailureDestination), as `WellArchitectedFunction` does.
 */
function acknowledgeSynchronousDeadLetter(cfn: CfnResource, fn: CheckedResource, ctx: RemediationContext): void {
  if (fn.get('DeadLetterConfig') !== undefined) {
    return;
  }
  if (!ctx.hasCompliance(new LambdaAsyncFailureDestinationRule(), fn, Compliance.NOT_APPLICABLE)) {
    return;
  }
  ctx.acknowledgeNag(
    cfn,
    cfn.node.id === 'Resource' ? ownerOf(cfn) : cfn,
    'Serverless::Serverless-LambdaDLQ',
    'DeadLetterConfig only captures failed asynchronous invocations, and nothing in this stack invokes the function ' +
      'asynchronously; synchronous and event source mapping invocations return their errors to the caller.',
  );
}

/**
 * Turn on `ReportBatchItemFailures` on an SQS event source mapping, only when its function is marked as returning
 * `batchItemFailures` (the handler contract changes: a handler that returns nothing would have every message
 * of the batch deleted as successful).
 */
export function remediateEventSourceMapping(cfn: CfnResource, ctx: RemediationContext): void {
  const mapping = ctx.current(cfn);
  if (mapping.unresolvedReason) {
    return;
  }
  const source = eventSourceOf(mapping, ctx.index);
  if (source.kind !== 'found' || source.value.kind !== 'sqs') {
    return;
  }
  const fn = functionOfMapping(mapping, ctx.index);
  if (
    ctx.settings.reportBatchItemFailures &&
    mapping.get('FunctionResponseTypes') === undefined &&
    fn.kind === 'found' &&
    fn.value.cfnResource &&
    reportsBatchItemFailures(fn.value.cfnResource)
  ) {
    assignProperty(cfn, 'FunctionResponseTypes', ['ReportBatchItemFailures']);
    ctx.record(
      cfn,
      'set FunctionResponseTypes=[ReportBatchItemFailures]: its handler is marked as returning batchItemFailures',
    );
  }
  // Queues are remediated before mappings, so a dead-letter queue added to the source queue is seen here.
  const queue = source.value.resource?.cfnResource;
  if (
    queue &&
    mapping.get('DestinationConfig') === undefined &&
    ctx.current(queue).get('RedrivePolicy') !== undefined
  ) {
    ctx.acknowledgeNag(
      cfn,
      cfn,
      'Serverless::Serverless-LambdaEventSourceMappingDestination',
      'Lambda supports on-failure destinations only for stream and Kafka event sources; messages that fail from ' +
        `an SQS event source go to the dead-letter queue of ${queue.node.path} after maxReceiveCount receives.`,
    );
  }
}

function reportsBatchItemFailures(fn: CfnResource): boolean {
  const owner = fn.node.scope;
  return [fn, ...(owner && fn.node.id === 'Resource' ? [owner] : [])].some((c) =>
    c.node.metadata.some((entry) => entry.type === REPORTS_BATCH_ITEM_FAILURES),
  );
}
