import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { WellArchitectedFunctionOptions } from './function-options';
import { WellArchitectedMonitoring } from '../monitoring';
import { FunctionHardening } from './private/function-hardening';
import { prepareFunctionProps } from './private/prepare-props';

/**
 * Properties of a `WellArchitectedFunction`: every `lambda.FunctionProps` prop, with the defaults below,
 * plus `WellArchitectedFunctionOptions`.
 *
 * Defaults that differ from `lambda.Function` (each one overridable through the same prop):
 * - `memorySize`: 1024 MB. Lambda allocates CPU in proportion to memory; AWS Lambda Power Tuning runs
 *   of typical API and event handlers find the lowest cost between 512 MB and 1,769 MB (one full vCPU),
 *   because the shorter duration pays for the higher price per millisecond, while the 128 MB service
 *   default slows cold starts and every CPU-bound step. Measure your function with Power Tuning and set
 *   the result.
 * - `timeout`: 10 seconds. Enough for a cold start and a few downstream calls with SDK retries, short
 *   enough that a hung dependency fails fast and costs little; below API Gateway's 29-second integration
 *   timeout and the 30-second default visibility timeout of an SQS queue (which must be at least the
 *   function timeout).
 * - `architecture`: `Architecture.ARM_64` (Graviton: about 20% cheaper per GB-second than x86_64).
 * - `tracing`: `Tracing.ACTIVE`.
 * - `loggingFormat`: `LoggingFormat.JSON`, `applicationLogLevelV2`: `INFO`, `systemLogLevelV2`: `WARN`.
 * - `logGroup`: a new log group, retention `logGroupRetention` (one month), removal `logGroupRemovalPolicy`
 *   (retain).
 * - `role`: a new role with no managed policy: write access to its own log group only, plus X-Ray
 *   (and network interfaces in a VPC).
 * - `recursiveLoop`: `RecursiveLoop.TERMINATE`.
 * - `retryAttempts`: 2 and `maxEventAge`: 6 hours (the Lambda service values, made explicit), with an
 *   on-failure queue, whenever the function is invoked asynchronously (see `asyncInvocation`).
 */
export interface WellArchitectedFunctionProps extends lambda.FunctionProps, WellArchitectedFunctionOptions {}

/**
 * A `lambda.Function` that is well-architected by default: traced, with structured JSON logs in a log
 * group with a retention, a least-privilege role, Powertools environment, explicit memory and timeout,
 * alarms on errors, throttles and p99 duration that notify the `WellArchitectedMonitoring` topic, a
 * dashboard section, and an on-failure queue for asynchronous invocations.
 *
 * It is a drop-in replacement: every `lambda.Function` prop and method keeps working, and every default
 * can be overridden through the aws-cdk-lib prop it sets.
 *
 * The execution role (`<id>ServiceRole`) and the log group (`<id>LogGroup`) are created next to the
 * function, in the same scope, because aws-cdk-lib reads both in its constructor.
 */
export class WellArchitectedFunction extends lambda.Function {
  /** The monitoring this function's alarms notify and whose dashboard shows it. */
  public readonly monitoring: WellArchitectedMonitoring;

  /** The Powertools service name of the function (`POWERTOOLS_SERVICE_NAME`). */
  public readonly serviceName: string;

  /** Alarms when the function reports any error in a minute. */
  public readonly errorsAlarm: cloudwatch.Alarm;

  /** Alarms when any invocation is throttled in a minute. */
  public readonly throttlesAlarm: cloudwatch.Alarm;

  /**
   * Alarms when the p99 duration reaches `durationAlarmThreshold` percent of the timeout in 3 of 5 minutes.
   * Undefined only when the timeout is a token.
   */
  public readonly durationAlarm?: cloudwatch.Alarm;

  private readonly hardening: FunctionHardening;

  constructor(scope: Construct, id: string, props: WellArchitectedFunctionProps) {
    const { superProps, plan } = prepareFunctionProps(scope, id, props, 'WellArchitectedFunction');
    super(scope, id, superProps);
    this.hardening = new FunctionHardening(this, plan, (options) => super.configureAsyncInvoke(options));
    this.monitoring = this.hardening.monitoring;
    this.serviceName = this.hardening.serviceName;
    this.errorsAlarm = this.hardening.errorsAlarm;
    this.throttlesAlarm = this.hardening.throttlesAlarm;
    this.durationAlarm = this.hardening.durationAlarm;
    this.hardening.addEventSourcesFromProps();
  }

  /**
   * The encrypted, TLS-only queue that keeps failed asynchronous invocations for 14 days. Created when the
   * function is, or becomes, asynchronous (see `asyncInvocation`) and no `onFailure` or dead-letter
   * target was given; undefined until then.
   */
  public get onFailureQueue(): sqs.IQueue | undefined {
    return this.hardening.onFailureQueue;
  }

  /**
   * The alarm on messages waiting in `onFailureQueue`, a warning (it stays in ALARM until they are redriven);
   * undefined while there is no such queue.
   */
  public get onFailureQueueAlarm(): cloudwatch.Alarm | undefined {
    return this.hardening.onFailureQueueAlarm;
  }

  /**
   * The alarm on messages waiting in the dead-letter queue that `deadLetterQueueEnabled: true` makes aws-cdk-lib
   * create (the construct encrypts it with SSE-SQS and makes it TLS-only), a warning; undefined otherwise.
   */
  public get deadLetterQueueAlarm(): cloudwatch.Alarm | undefined {
    return this.hardening.deadLetterQueueAlarm;
  }

  /**
   * The alarm on new messages in the dead-letter queue that `deadLetterQueueEnabled: true` makes aws-cdk-lib create,
   * critical (it pages) and back to OK once no new failures arrive; undefined otherwise.
   */
  public get deadLetterQueueNewMessagesAlarm(): cloudwatch.Alarm | undefined {
    return this.hardening.deadLetterQueueNewMessagesAlarm;
  }

  /**
   * The alarm on new messages in `onFailureQueue`, critical (it pages) and back to OK once no new failures
   * arrive; undefined while there is no such queue.
   */
  public get onFailureQueueNewMessagesAlarm(): cloudwatch.Alarm | undefined {
    return this.hardening.onFailureQueueNewMessagesAlarm;
  }

  /**
   * Every alarm of this function: errors, throttles, duration and, once they exist, the on-failure queue's and the
   * created dead-letter queue's.
   */
  public get alarms(): cloudwatch.Alarm[] {
    return this.hardening.alarms;
  }

  /**
   * Adds a permission to the function's resource policy, as `lambda.Function.addPermission` does. A
   * permission for an AWS service that invokes asynchronously (S3, SNS, EventBridge, ...) also gives the
   * function its on-failure queue, unless `asyncInvocation` is false.
   */
  public addPermission(id: string, permission: lambda.Permission): void {
    super.addPermission(id, permission);
    // undefined while the aws-cdk-lib constructor runs; the construct adds `events` itself afterwards.
    this.hardening?.permissionAdded(permission);
  }

  /**
   * Configures asynchronous invocation, as `lambda.Function.configureAsyncInvoke` does, with the
   * construct's defaults for what `options` leaves out: 2 retry attempts, a 6-hour maximum event age
   * and the on-failure queue.
   */
  public configureAsyncInvoke(options: lambda.EventInvokeConfigOptions): void {
    if (!this.hardening) {
      super.configureAsyncInvoke(options);
      return;
    }
    this.hardening.configureAsyncInvoke(options);
  }
}
