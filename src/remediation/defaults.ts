import { AspectPriority, Aspects, CfnResource, IAspect, Stack, Stage } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { remediateHttpApi, remediateHttpStage, remediateRestApi, remediateRestStage } from './private/apigateway';
import { isManagedByThisLibrary, RemediationContext, RemediationSettings } from './private/context';
import { remediateEventSourceMapping, remediateFunction, REPORTS_BATCH_ITEM_FAILURES } from './private/lambda';
import { remediateQueue } from './private/sqs';
import { WellArchitectedRestApi } from '../apigateway/rest-api';
import { CheckedResource } from '../checks/engine/resource';
import { stackResources } from '../checks/engine/runner';
import { StackIndex } from '../checks/engine/stack-index';
import { LOG_RETENTION } from '../service-defaults/logs';

/**
 * Switches for `WellArchitectedDefaults`. Every change is on by default except `architectureArm64`; turn one off
 * by setting it to false. A value you set on a resource is never changed, whatever these say.
 */
export interface WellArchitectedDefaultsProps {
  /**
   * Lambda: `TracingConfig.Mode` Active, with `xray:PutTraceSegments` and `xray:PutTelemetryRecords` added to the
   * execution role. Functions whose role is not a role of the same stack are left alone.
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * Lambda: `LoggingConfig.LogFormat` JSON with `ApplicationLogLevel` INFO and `SystemLogLevel` WARN. The levels
   * are only added when the format is (or becomes) JSON.
   * @default true
   */
  readonly structuredLogging?: boolean;
  /**
   * Lambda: functions with no `LoggingConfig.LogGroup` (and no `logRetention` or `/aws/lambda/<name>` log group in
   * the stack) get a new log group with `logGroupRetention`, and their role may write to it. Logs written from
   * then on go to the new group; earlier ones stay in `/aws/lambda/<name>`.
   * @default true
   */
  readonly logRetention?: boolean;
  /**
   * The retention of the log groups created for functions and API access logs.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logGroupRetention?: logs.RetentionDays;
  /**
   * Lambda: `Architectures` arm64 where it is not set. Off by default: it changes the platform the code runs on,
   * so native dependencies and container images built for x86_64 break.
   * @default false
   */
  readonly architectureArm64?: boolean;
  /**
   * SQS: `SqsManagedSseEnabled` true on queues with neither a KMS key nor SQS-managed encryption set.
   * @default true
   */
  readonly queueEncryption?: boolean;
  /**
   * SQS: a queue policy statement that denies requests without TLS (`aws:SecureTransport` false), added to the
   * queue's existing policy when it has one.
   * @default true
   */
  readonly queueTlsOnly?: boolean;
  /**
   * SQS: a new dead-letter queue (FIFO for a FIFO queue; encrypted, TLS-only, 14-day retention, maxReceiveCount 5)
   * for every queue without a `RedrivePolicy` that is not itself a dead-letter queue or on-failure destination.
   * @default true
   */
  readonly deadLetterQueues?: boolean;
  /**
   * SQS event source mappings: `FunctionResponseTypes` ReportBatchItemFailures, only for functions marked with
   * `WellArchitectedDefaults.markReportsBatchItemFailures(fn)` (the handler must return `batchItemFailures`,
   * otherwise every message of a batch counts as processed). Set false to ignore the marks.
   * @default true
   */
  readonly reportBatchItemFailures?: boolean;
  /**
   * API Gateway: JSON access logs to a new log group on REST (`AccessLogSetting`) and HTTP (`AccessLogSettings`)
   * stages without them. REST API logging needs the account's API Gateway CloudWatch role (`cloudWatchRole` of
   * `RestApi`, or `AWS::ApiGateway::Account`).
   * @default true
   */
  readonly apiAccessLogs?: boolean;
  /**
   * API Gateway: `TracingEnabled` true on REST stages (HTTP APIs have no X-Ray).
   * @default true
   */
  readonly apiTracing?: boolean;
  /**
   * API Gateway: stage-wide throttling (`throttlingRateLimit`, `throttlingBurstLimit`) on REST (`*` `/*` method
   * settings) and HTTP (`DefaultRouteSettings`) stages.
   * @default true
   */
  readonly apiThrottling?: boolean;
  /**
   * The steady-state requests per second of the stage-wide throttling.
   * @default 1000
   */
  readonly throttlingRateLimit?: number;
  /**
   * The burst of the stage-wide throttling.
   * @default 2000
   */
  readonly throttlingBurstLimit?: number;
  /**
   * API Gateway: detailed metrics (`MetricsEnabled` on REST, `DetailedMetricsEnabled` on HTTP stages).
   * @default true
   */
  readonly apiMetrics?: boolean;
  /**
   * API Gateway REST stages: execution logging at `LoggingLevel` ERROR (needs the account's CloudWatch role,
   * like access logs).
   * @default true
   */
  readonly apiExecutionLogging?: boolean;
  /**
   * Alarms on Lambda Errors and Throttles, dead-letter queue messages, and API 5XX and p99 latency, where the stack
   * has none, notifying `WellArchitectedMonitoring.of(resource)`.
   * @default true
   */
  readonly alarms?: boolean;
}

/** One change `WellArchitectedDefaults` made. */
export interface RemediationChange {
  /** The construct path of the changed resource. */
  readonly constructPath: string;
  /** Its logical id. */
  readonly logicalId: string;
  /** Its CloudFormation type, e.g. `AWS::Lambda::Function`. */
  readonly resourceType: string;
  /** What was changed, e.g. `set TracingConfig.Mode=Active ...`. */
  readonly description: string;
}

/**
 * Makes existing stacks of plain `lambda.Function`, `sqs.Queue`, `apigateway.RestApi`, `apigwv2.HttpApi` (and their
 * L1s) well-architected in place, as a mutating aspect: `WellArchitectedDefaults.applyTo(app)`.
 *
 * Rules it follows:
 * - A property you set is never changed, whatever its value (a token, a parameter, `Fn::If` count as set); the
 *   defaults only fill what is absent. Resources of this library's well-architected constructs are skipped.
 * - No change replaces a deployed resource. Per the CloudFormation "Update requires" of each property set:
 *   `AWS::Lambda::Function` `TracingConfig`, `LoggingConfig`, `Architectures` (no interruption; `Architectures`
 *   is opt-in because the code must support arm64); `AWS::SQS::Queue` `SqsManagedSseEnabled`, `RedrivePolicy`
 *   (no interruption; `FifoQueue`, which requires replacement, is never set on an existing queue);
 *   `AWS::ApiGateway::Stage` `AccessLogSetting`, `TracingEnabled`, `MethodSettings` and `AWS::ApiGatewayV2::Stage`
 *   `AccessLogSettings`, `DefaultRouteSettings` (no interruption); `AWS::Lambda::EventSourceMapping`
 *   `FunctionResponseTypes` (no interruption). Everything else is new resources: log groups, dead-letter queues,
 *   queue policies, IAM policy statements, alarms.
 * - Idempotent: applying it twice, or synthesizing twice, gives the same template.
 * - Every change is an info annotation on the resource (`[WellArchitectedDefaults] set ...`) and an entry of
 *   `changes`. It runs before `WellArchitectedChecks` (mutating priority), so the checks see the result.
 */
export class WellArchitectedDefaults implements IAspect {
  /**
   * Apply the defaults to a scope (usually the App) and to every `Stage` below it, with the mutating priority.
   * Call it once the stages exist.
   *
   * @param scope the App, a Stage, a Stack or a construct whose resources to remediate
   * @param props the switches
   * @returns the aspect, whose `changes` lists what it changed after synth
   */
  public static applyTo(scope: IConstruct, props?: WellArchitectedDefaultsProps): WellArchitectedDefaults {
    const defaults = new WellArchitectedDefaults(props);
    const targets = [scope, ...scope.node.findAll().filter((c) => c !== scope && Stage.isStage(c))];
    for (const target of targets) {
      Aspects.of(target).add(defaults, { priority: AspectPriority.MUTATING });
    }
    return defaults;
  }

  /**
   * Mark a function whose handler returns `batchItemFailures` for SQS batches (for example with Powertools'
   * `BatchProcessor`), so its SQS event source mappings get `ReportBatchItemFailures`. The mark is construct
   * metadata, recognised by every copy of this library.
   *
   * @param handler the `lambda.Function` (or its `CfnFunction`)
   */
  public static markReportsBatchItemFailures(handler: IConstruct): void {
    handler.node.addMetadata(REPORTS_BATCH_ITEM_FAILURES, true);
  }

  private readonly settings: RemediationSettings;
  private readonly changeList: RemediationChange[] = [];

  constructor(props: WellArchitectedDefaultsProps = {}) {
    this.settings = {
      tracing: props.tracing ?? true,
      structuredLogging: props.structuredLogging ?? true,
      logRetention: props.logRetention ?? true,
      logGroupRetention: props.logGroupRetention ?? LOG_RETENTION,
      architectureArm64: props.architectureArm64 ?? false,
      queueEncryption: props.queueEncryption ?? true,
      queueTlsOnly: props.queueTlsOnly ?? true,
      deadLetterQueues: props.deadLetterQueues ?? true,
      reportBatchItemFailures: props.reportBatchItemFailures ?? true,
      apiAccessLogs: props.apiAccessLogs ?? true,
      apiTracing: props.apiTracing ?? true,
      apiThrottling: props.apiThrottling ?? true,
      throttlingRateLimit: props.throttlingRateLimit ?? WellArchitectedRestApi.DEFAULT_THROTTLING_RATE_LIMIT,
      throttlingBurstLimit: props.throttlingBurstLimit ?? WellArchitectedRestApi.DEFAULT_THROTTLING_BURST_LIMIT,
      apiMetrics: props.apiMetrics ?? true,
      apiExecutionLogging: props.apiExecutionLogging ?? true,
      alarms: props.alarms ?? true,
    };
    validateProps(props);
  }

  /** What this aspect changed, over every synth, in the order it changed it. */
  public get changes(): RemediationChange[] {
    return [...this.changeList];
  }

  /**
   * Remediates a whole stack when it visits one (or the construct it was added to, inside a stack), before the
   * traversal goes below it: what it creates is then visited by the aspects that run after it, such as the checks.
   */
  public visit(node: IConstruct): void {
    const isRoot = Stack.isStack(node) || (insideStack(node) && Aspects.of(node).all.includes(this));
    if (!isRoot) {
      return;
    }
    const stack = Stack.of(node);
    const all = stackResources(stack);
    const index = StackIndex.fromResources(all.map((r) => CheckedResource.fromCfnResource(r)));
    const ctx = new RemediationContext(stack, index, this.settings, (change) => this.changeList.push(change));
    const inScope = (Stack.isStack(node) ? all : all.filter((r) => r.node.scopes.includes(node))).sort(
      (a, b) => order(a) - order(b),
    );
    for (const resource of inScope) {
      if (isManagedByThisLibrary(resource)) {
        continue;
      }
      remediate(resource, ctx);
    }
  }
}

function remediate(resource: CfnResource, ctx: RemediationContext): void {
  switch (resource.cfnResourceType) {
    case 'AWS::Lambda::Function':
      return remediateFunction(resource, ctx);
    case 'AWS::Lambda::EventSourceMapping':
      return remediateEventSourceMapping(resource, ctx);
    case 'AWS::SQS::Queue':
      return remediateQueue(resource, ctx);
    case 'AWS::ApiGateway::Stage':
      return remediateRestStage(resource, ctx);
    case 'AWS::ApiGateway::RestApi':
      return remediateRestApi(resource, ctx);
    case 'AWS::ApiGatewayV2::Stage':
      return remediateHttpStage(resource, ctx);
    case 'AWS::ApiGatewayV2::Api':
      return remediateHttpApi(resource, ctx);
    default:
      return;
  }
}

/** Queues first: the mappings and functions read the dead-letter queues they were given. Stable otherwise. */
function order(resource: CfnResource): number {
  return resource.cfnResourceType === 'AWS::SQS::Queue' ? 0 : 1;
}

function insideStack(node: IConstruct): boolean {
  return node.node.scopes.some((scope) => scope !== node && Stack.isStack(scope));
}

function validateProps(props: WellArchitectedDefaultsProps): void {
  const problems: string[] = [];
  const rate = props.throttlingRateLimit;
  if (rate !== undefined && !(rate >= 0 && Number.isFinite(rate))) {
    problems.push(`throttlingRateLimit: ${rate} is not a number of requests per second; give 0 or more, e.g. 1000.`);
  }
  const burst = props.throttlingBurstLimit;
  if (burst !== undefined && !(Number.isInteger(burst) && burst >= 0)) {
    problems.push(`throttlingBurstLimit: ${burst} is not a whole number of requests; give 0 or more, e.g. 2000.`);
  }
  if (problems.length > 0) {
    throw new Error(`Invalid WellArchitectedDefaults props:\n- ${problems.join('\n- ')}`);
  }
}
