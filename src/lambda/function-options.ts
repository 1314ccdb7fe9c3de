import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { WellArchitectedMonitoring } from '../monitoring';

/**
 * The settings that the well-architected Lambda functions add to the aws-cdk-lib function props.
 *
 * Every aws-cdk-lib prop keeps working and overrides the matching default; these props tune what has
 * no aws-cdk-lib prop: the monitoring, the Powertools environment, the asynchronous failure handling
 * and the log group that the construct creates.
 */
export interface WellArchitectedFunctionOptions {
  /**
   * Where the function's alarms notify and where its dashboard section goes.
   * @default - `WellArchitectedMonitoring.of(this)`: the nearest monitoring created at an ancestor scope,
   * else the stack's own, created on first use
   */
  readonly monitoring?: WellArchitectedMonitoring;

  /**
   * The Powertools service name (`POWERTOOLS_SERVICE_NAME`): the `service` key of every structured log
   * line, metric and trace of the function. An explicit `POWERTOOLS_SERVICE_NAME` in `environment` is
   * accepted too; setting both to different values is an error.
   * @default - the monitoring's `serviceName`
   */
  readonly serviceName?: string;

  /**
   * The CloudWatch namespace of the function's Powertools metrics (`POWERTOOLS_METRICS_NAMESPACE`).
   * An explicit `POWERTOOLS_METRICS_NAMESPACE` in `environment` is accepted too; setting both to
   * different values is an error.
   * @default - the service name
   */
  readonly metricsNamespace?: string;

  /**
   * Whether the function is invoked asynchronously (events that Lambda queues and retries), which
   * decides whether it gets an on-failure destination: an encrypted, TLS-only SQS queue that keeps
   * failed events for 14 days, with an alarm on visible messages, plus explicit `retryAttempts` (2) and
   * `maxEventAge` (6 hours): the Lambda service values, written into the template so that they are
   * reviewed, while every event that exhausts them lands in the queue.
   *
   * - `undefined` (the default): detected. The destination is added as soon as an asynchronous AWS
   *   service (S3, SNS, EventBridge, CloudWatch Logs, SES, IoT, AWS Config, CodeCommit, CloudWatch
   *   alarms) is given permission to invoke the function, through `addPermission`, `grantInvoke`,
   *   `addEventSource` or `events` (S3EventSource, SnsEventSource), or when you set `onFailure`,
   *   `onSuccess`, `retryAttempts` or `maxEventAge`. Functions invoked only synchronously or through
   *   an event source mapping (SQS, Kinesis, DynamoDB streams) get none: their errors go back to the
   *   caller or the mapping.
   * - `true`: always; use it for callers that invoke through IAM with `InvocationType: Event` (another
   *   function, Step Functions, EventBridge Scheduler), which cannot be detected.
   * - `false`: never; the aws-cdk-lib async props are passed through untouched.
   *
   * An `onFailure` you give, or a `deadLetterQueue` / `deadLetterQueueEnabled` / `deadLetterTopic`,
   * replaces the created queue.
   * @default - detected, as described above
   */
  readonly asyncInvocation?: boolean;

  /**
   * The p99 Duration alarm fires when the 99th percentile duration reaches this percentage of the
   * function timeout, before invocations start timing out. A number in (0, 100].
   * @default 80
   */
  readonly durationAlarmThreshold?: number;

  /**
   * The Errors alarm (critical: it pages through the service health alarm) fires when failed invocations
   * exceed this percentage of invocations in 3 consecutive periods of `errorRateAlarmPeriod`. A number in
   * (0, 100).
   * @default 5
   */
  readonly errorRateAlarmThresholdPercent?: number;

  /**
   * The error rate is judged only in periods with at least this many invocations (else it counts as 0%), so
   * one failed call of a quiet function does not page. Set 1 to judge every invocation.
   * @default 10
   */
  readonly errorRateAlarmMinimumInvocations?: number;

  /**
   * The period over which the Errors alarm computes the error rate: a whole number of minutes, at most 1 hour.
   * @default Duration.minutes(1)
   */
  readonly errorRateAlarmPeriod?: Duration;

  /**
   * How long the created log group keeps log events. Not allowed together with `logGroup` (set the
   * retention on your log group instead). The deprecated aws-cdk-lib `logRetention` prop is read as
   * this one, without the custom resource it would otherwise create.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logGroupRetention?: logs.RetentionDays;

  /**
   * What happens to the created log group when it leaves the stack. Not allowed together with
   * `logGroup`. The deprecated aws-cdk-lib `logRemovalPolicy` prop is read as this one.
   * @default RemovalPolicy.RETAIN - logs stay available for an investigation after the function is
   * deleted, and still expire with the retention
   */
  readonly logGroupRemovalPolicy?: RemovalPolicy;
}
