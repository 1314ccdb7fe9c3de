import { Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct, IConstruct } from 'constructs';
import { API_ALARMS, ALARM_PERIOD, LAMBDA_ALARMS, SQS_ALARMS } from './alarm-defaults';
import { DEAD_LETTER_QUEUE_RETENTION_SECONDS } from '../../service-defaults/sqs';
import { AlarmSeverity } from '../alarm-options';
import type { WellArchitectedMonitoring } from '../monitoring';

/*
 * The typed alarm factories: every alarm the constructs and `WellArchitectedDefaults` create is built here, from
 * the numbers in alarm-defaults.ts, with metrics built from the same namespace and dimensions whether the caller
 * holds an L2 or only an L1. Each factory names the alarm, describes it, and routes it to the monitoring with its
 * severity.
 */

/** Where an alarm goes: its construct scope and id, the monitoring it notifies, and the resource it watches. */
export interface AlarmPlacement {
  readonly monitoring: WellArchitectedMonitoring;
  /** The construct the alarm is created in. */
  readonly scope: Construct;
  /** The alarm's construct id (a contract with deployed stacks: keep it stable). */
  readonly id: string;
  /** The construct the alarm watches: its description names it. */
  readonly watched: IConstruct;
  /**
   * The construct the alarm's name is derived from (a name change replaces the alarm).
   * @default - `watched`
   */
  readonly namedAfter?: IConstruct;
}

/** What the description of an alarm says, with the condition rendered from the alarm's threshold at synth time. */
interface AlarmText {
  readonly resourceKind: string;
  /** What is wrong; given the threshold the alarm has when the template is written. */
  readonly summary: (threshold: string) => string;
  /** The condition in words with its unit; given the threshold the alarm has when the template is written. */
  readonly condition: (threshold: string) => string;
  /** How a threshold reads in the text (its unit); the identity by default. */
  readonly formatThreshold?: (threshold: number) => string;
  readonly likelyCauses: string[];
  readonly firstSteps: string[];
}

interface AlarmDefinition {
  /** The alarm name suffix, one CamelCase word. */
  readonly condition: string;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
  readonly period: Duration;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly severity: AlarmSeverity;
  readonly text: AlarmText;
  /** How the text names a threshold that is a token: the prop it comes from. */
  readonly thresholdName?: string;
}

/** The one place an alarm is created. */
function createAlarm(placement: AlarmPlacement, definition: AlarmDefinition): cloudwatch.Alarm {
  const { monitoring, watched } = placement;
  const text = definition.text;
  const describe = (threshold: number | undefined) => {
    const shown =
      threshold === undefined
        ? (definition.thresholdName ?? "the alarm's threshold")
        : (text.formatThreshold ?? String)(threshold);
    return monitoring.alarmDescription({
      summary: text.summary(shown),
      resource: watched,
      resourceKind: text.resourceKind,
      threshold: text.condition(shown),
      period: definition.period,
      evaluationPeriods: definition.evaluationPeriods,
      datapointsToAlarm: definition.datapointsToAlarm,
      likelyCauses: text.likelyCauses,
      firstSteps: text.firstSteps,
    });
  };
  // Creates the dashboard the description links to now: no construct may be added while the template is written.
  describe(Token.isUnresolved(definition.threshold) ? undefined : definition.threshold);
  const alarm: cloudwatch.Alarm = new cloudwatch.Alarm(placement.scope, placement.id, {
    alarmName: monitoring.alarmName(placement.namedAfter ?? watched, definition.condition),
    // Rendered from the threshold the alarm has when the template is written, so that an escape-hatch change of
    // `Threshold` cannot leave a description that states another one.
    alarmDescription: Lazy.string({ produce: (): string => describe(thresholdOf(alarm)) }),
    metric: definition.metric,
    threshold: definition.threshold,
    comparisonOperator: definition.comparisonOperator,
    evaluationPeriods: definition.evaluationPeriods,
    datapointsToAlarm: definition.datapointsToAlarm,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  monitoring.addAlarm(alarm, { severity: definition.severity });
  return alarm;
}

/**
 * The threshold of an alarm as the template will state it: the L1 property, or a property override of
 * `Threshold`; undefined when it is not a number at synth time.
 */
export function thresholdOf(alarm: cloudwatch.Alarm): number | undefined {
  const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm;
  const overrides = (cfn as unknown as { rawOverrides?: { Properties?: { Threshold?: unknown } } }).rawOverrides;
  const value = Stack.of(alarm).resolve(overrides?.Properties?.Threshold ?? cfn.threshold);
  return typeof value === 'number' ? value : undefined;
}

/** Set the threshold of an alarm after creation (its description follows, being rendered at synth time). */
export function setThreshold(alarm: cloudwatch.Alarm, threshold: number): void {
  (alarm.node.defaultChild as cloudwatch.CfnAlarm).threshold = threshold;
}

function metric(namespace: string, metricName: string, dimensionsMap: Record<string, string>, statistic: string) {
  return new cloudwatch.Metric({ namespace, metricName, dimensionsMap, statistic, period: ALARM_PERIOD });
}

/** `numerator` as a percentage of `denominator`, in periods with at least `minimum` of `denominator`, else 0. */
function percentage(
  numerator: cloudwatch.Metric,
  denominator: cloudwatch.Metric,
  minimum: number,
  period: Duration,
  label: string,
): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: `IF(total >= ${minimum}, 100 * FILL(part, 0) / total, 0)`,
    usingMetrics: { part: numerator.with({ period }), total: denominator.with({ period }) },
    period,
    label,
  });
}

const percent = (threshold: number) => `${threshold}%`;

// ---------------------------------------------------------------------------------------------------- Lambda

/** The function an alarm watches: its `FunctionName` dimension and how descriptions name it. */
export interface FunctionAlarmTarget {
  /** The `FunctionName` metric dimension: `fn.functionName` or the L1's `Ref`. */
  readonly functionName: string;
  /** The function's name for people, e.g. its construct id. */
  readonly label: string;
}

export interface FunctionErrorRateOptions {
  readonly thresholdPercent?: number;
  readonly minimumInvocations?: number;
  readonly period?: Duration;
}

/** Critical: errors above a percentage of invocations, in periods with enough invocations to judge. */
export function functionErrorRateAlarm(
  placement: AlarmPlacement,
  fn: FunctionAlarmTarget,
  options: FunctionErrorRateOptions = {},
): cloudwatch.Alarm {
  const defaults = LAMBDA_ALARMS.errorRate;
  const minimum = options.minimumInvocations ?? defaults.minimumInvocations;
  const period = options.period ?? defaults.period;
  const dimensions = { FunctionName: fn.functionName };
  return createAlarm(placement, {
    condition: 'Errors',
    metric: percentage(
      metric('AWS/Lambda', 'Errors', dimensions, cloudwatch.Stats.SUM),
      metric('AWS/Lambda', 'Invocations', dimensions, cloudwatch.Stats.SUM),
      minimum,
      period,
      'Error rate (%)',
    ),
    threshold: options.thresholdPercent ?? defaults.thresholdPercent,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    period,
    evaluationPeriods: defaults.evaluationPeriods,
    datapointsToAlarm: defaults.datapointsToAlarm,
    severity: AlarmSeverity.CRITICAL,
    text: {
      resourceKind: 'Lambda function',
      formatThreshold: percent,
      summary: (t) =>
        `Lambda function ${fn.label} fails more than ${t} of its invocations: callers get errors or events are retried`,
      condition: (t) => `Errors / Invocations (sum) > ${t} with at least ${minimum} invocations a period`,
      likelyCauses: [
        'an unhandled exception in the handler, often after a deployment',
        'a timeout',
        'running out of memory',
        'a failing downstream dependency or missing permission',
      ],
      firstSteps: [
        "search the function's log group for ERROR and 'Task timed out' in the alarm window",
        'open the X-Ray traces of the failed invocations',
        'if a deployment just happened, roll it back',
      ],
    },
  });
}

/** Warning: any throttled invocation. */
export function functionThrottlesAlarm(placement: AlarmPlacement, fn: FunctionAlarmTarget): cloudwatch.Alarm {
  const defaults = LAMBDA_ALARMS.throttles;
  return createAlarm(placement, {
    condition: 'Throttles',
    metric: metric('AWS/Lambda', 'Throttles', { FunctionName: fn.functionName }, cloudwatch.Stats.SUM),
    threshold: defaults.threshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    period: ALARM_PERIOD,
    evaluationPeriods: defaults.evaluationPeriods,
    datapointsToAlarm: defaults.datapointsToAlarm,
    severity: AlarmSeverity.WARNING,
    text: {
      resourceKind: 'Lambda function',
      summary: () => `Lambda function ${fn.label} was throttled: Lambda refused invocations for lack of concurrency`,
      condition: (t) => `Throttles (sum) > ${t}`,
      likelyCauses: [
        'the reserved concurrency of the function is reached',
        "the account's regional concurrency quota is reached, possibly by another function",
        'a traffic burst or a retry storm',
      ],
      firstSteps: [
        'compare ConcurrentExecutions with the reserved concurrency and the account quota',
        'look for a caller retrying in a loop',
        'raise reservedConcurrentExecutions or request a quota increase if the load is expected',
      ],
    },
  });
}

/** The p99 duration threshold, in milliseconds, for a timeout and a percentage of it. */
export function durationThresholdMs(timeoutSeconds: number, timeoutPercent: number): number {
  return Math.round((timeoutSeconds * 1000 * timeoutPercent) / 100);
}

/** Warning: p99 duration close to the timeout. */
export function functionDurationAlarm(
  placement: AlarmPlacement,
  fn: FunctionAlarmTarget,
  timeoutSeconds: number,
  timeoutPercent: number = LAMBDA_ALARMS.duration.timeoutPercent,
): cloudwatch.Alarm {
  const defaults = LAMBDA_ALARMS.duration;
  const timeoutText = Duration.seconds(timeoutSeconds).toHumanString();
  return createAlarm(placement, {
    condition: 'Duration',
    metric: metric('AWS/Lambda', 'Duration', { FunctionName: fn.functionName }, cloudwatch.Stats.p(99)),
    threshold: durationThresholdMs(timeoutSeconds, timeoutPercent),
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    period: ALARM_PERIOD,
    evaluationPeriods: defaults.evaluationPeriods,
    datapointsToAlarm: defaults.datapointsToAlarm,
    severity: AlarmSeverity.WARNING,
    text: {
      resourceKind: 'Lambda function',
      formatThreshold: (ms) =>
        `${ms} ms (${Number(((ms / (timeoutSeconds * 1000)) * 100).toFixed(1))}% of the ${timeoutText} timeout)`,
      summary: () =>
        `Lambda function ${fn.label} is close to its ${timeoutText} timeout: invocations are about to time out`,
      condition: (t) => `Duration p99 >= ${t}`,
      likelyCauses: [
        'a slow downstream dependency (database, HTTP API)',
        'larger payloads or batches than usual',
        'cold starts after a deployment or a scale-out',
        'too little memory, hence too little CPU',
      ],
      firstSteps: [
        'open the X-Ray traces of the slowest invocations to find the slow segment',
        'check the latency metrics of the dependencies',
        'raise the memory size or the timeout only once the cause is known',
      ],
    },
  });
}

// ---------------------------------------------------------------------------------------------------- SQS

/** What a queue that collects failures is for, which decides how its alarms read. */
export enum FailureQueueKind {
  /** The dead-letter queue of a work queue. */
  DEAD_LETTER_QUEUE = 'DEAD_LETTER_QUEUE',
  /** The on-failure destination of an asynchronous Lambda function. */
  ON_FAILURE_QUEUE = 'ON_FAILURE_QUEUE',
  /** The dead-letter queue of the paging webhooks' SNS subscriptions. */
  UNDELIVERED_PAGES = 'UNDELIVERED_PAGES',
}

/** A queue that collects failures: its `QueueName` dimension and what it collects for whom. */
export interface FailureQueueTarget {
  /** The `QueueName` metric dimension: `queue.queueName` or the L1's `QueueName` attribute. */
  readonly queueName: string;
  readonly kind: FailureQueueKind;
  /** Whose failures it collects, e.g. 'SQS queue Orders' or 'Lambda function Resize'. */
  readonly owner: string;
}

const FAILURE_TEXT: Record<
  FailureQueueKind,
  { resourceKind: string; what: (owner: string) => string; likelyCauses: string[]; firstSteps: string[] }
> = {
  [FailureQueueKind.DEAD_LETTER_QUEUE]: {
    resourceKind: 'SQS dead-letter queue',
    what: (owner) => `messages of ${owner} failed every receive and moved to its dead-letter queue`,
    likelyCauses: [
      'the consumer throws on these messages (a bug or an unexpected payload)',
      'the consumer times out before the visibility timeout ends',
      'a throttled Lambda consumer returned them until maxReceiveCount was reached',
    ],
    firstSteps: [
      'read a message in the dead-letter queue',
      "search the consumer's logs for its message ID",
      'fix the cause, then redrive the messages to the source queue (SQS console, Start DLQ redrive)',
    ],
  },
  [FailureQueueKind.ON_FAILURE_QUEUE]: {
    resourceKind: 'SQS on-failure queue of Lambda function',
    what: (owner) => `asynchronous events of ${owner} failed every retry and moved to its on-failure queue`,
    likelyCauses: [
      'the handler throws on these events (a bug or an unexpected payload)',
      'the events expired (maximum event age) while the function was throttled',
      'a downstream dependency was down during all retries',
    ],
    firstSteps: [
      'read a message: it holds the event, the error and the request context',
      "find the request ID in the function's log group",
      `fix the cause, then redrive the messages (they are kept ${Duration.seconds(DEAD_LETTER_QUEUE_RETENTION_SECONDS).toDays()} days)`,
    ],
  },
  [FailureQueueKind.UNDELIVERED_PAGES]: {
    resourceKind: 'SQS dead-letter queue of the paging webhooks',
    what: () => 'SNS could not deliver service health notifications to a webhook: a page may have been missed',
    likelyCauses: [
      'the webhook URL is wrong or its integration was deleted',
      'the on-call tool rejected or timed out the request',
      'the SNS subscription was never confirmed',
    ],
    firstSteps: [
      'read a message in the queue: it holds the undelivered notification',
      'check the subscription status and delivery logs of the paging topic in the SNS console',
      'fix the endpoint, then check the service health alarm state by hand',
    ],
  },
};

/** The condition part of the name of each kind's new-messages alarm. */
const NEW_MESSAGES_CONDITION: Record<FailureQueueKind, string> = {
  [FailureQueueKind.DEAD_LETTER_QUEUE]: 'NewDeadLetters',
  [FailureQueueKind.ON_FAILURE_QUEUE]: 'NewFailedAsyncEvents',
  [FailureQueueKind.UNDELIVERED_PAGES]: 'NewUndeliveredPages',
};

/**
 * Critical: new messages arrived in a queue that collects failures. It compares the visible count with the minute
 * before (`DIFF`), so it returns to OK by itself once no new failures arrive, even while old ones wait to be
 * redriven: CloudWatch acts on state changes only, and an alarm kept in ALARM by old messages would hide every
 * later failure from the paging composite. `NumberOfMessagesSent` cannot do this: SQS does not count the messages
 * it moves to a dead-letter queue in it
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html).
 * Missing data points (an idle queue publishes none) count as 0, so the first failure after a quiet spell counts.
 */
export function failureQueueNewMessagesAlarm(placement: AlarmPlacement, queue: FailureQueueTarget): cloudwatch.Alarm {
  const defaults = SQS_ALARMS.newMessages;
  const text = FAILURE_TEXT[queue.kind];
  return createAlarm(placement, {
    condition: NEW_MESSAGES_CONDITION[queue.kind],
    metric: new cloudwatch.MathExpression({
      expression: 'DIFF(FILL(visible, 0))',
      usingMetrics: {
        visible: metric(
          'AWS/SQS',
          'ApproximateNumberOfMessagesVisible',
          { QueueName: queue.queueName },
          cloudwatch.Stats.MAXIMUM,
        ),
      },
      period: ALARM_PERIOD,
      label: 'New visible messages',
    }),
    threshold: defaults.threshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    period: ALARM_PERIOD,
    evaluationPeriods: defaults.evaluationPeriods,
    datapointsToAlarm: defaults.datapointsToAlarm,
    severity: AlarmSeverity.CRITICAL,
    text: {
      resourceKind: text.resourceKind,
      summary: () => `New failures: ${text.what(queue.owner)}. The alarm returns to OK when no new ones arrive`,
      condition: (t) => `the visible messages (maximum) rose by more than ${t} from the minute before`,
      likelyCauses: text.likelyCauses,
      firstSteps: text.firstSteps,
    },
  });
}

/**
 * Warning: messages wait in a queue that collects failures. It stays in ALARM until they are redriven or deleted,
 * which is why it is not critical: it must not hold the paging composite in ALARM.
 */
export function failureQueueDepthAlarm(
  placement: AlarmPlacement,
  queue: FailureQueueTarget,
  condition: string,
): cloudwatch.Alarm {
  const defaults = SQS_ALARMS.depth;
  const text = FAILURE_TEXT[queue.kind];
  return createAlarm(placement, {
    condition,
    metric: metric(
      'AWS/SQS',
      'ApproximateNumberOfMessagesVisible',
      { QueueName: queue.queueName },
      cloudwatch.Stats.MAXIMUM,
    ),
    threshold: defaults.threshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    period: ALARM_PERIOD,
    evaluationPeriods: defaults.evaluationPeriods,
    datapointsToAlarm: defaults.datapointsToAlarm,
    severity: AlarmSeverity.WARNING,
    text: {
      resourceKind: text.resourceKind,
      summary: () => `Messages wait to be handled: ${text.what(queue.owner)}`,
      condition: (t) => `ApproximateNumberOfMessagesVisible (maximum) > ${t}`,
      likelyCauses: text.likelyCauses,
      firstSteps: text.firstSteps,
    },
  });
}

/**
 * The message age threshold, in seconds, for a queue: the given one, or the larger of the minimum and
 * `visibilityTimeoutFactor` times the visibility timeout.
 */
export function messageAgeThresholdSeconds(visibilityTimeoutSeconds: number): number {
  const defaults = SQS_ALARMS.messageAge;
  return Math.max(defaults.minimumThreshold.toSeconds(), defaults.visibilityTimeoutFactor * visibilityTimeoutSeconds);
}

/** Warning: the oldest message of a work queue is older than the threshold. */
export function queueMessageAgeAlarm(
  placement: AlarmPlacement,
  queue: { readonly queueName: string; readonly label: string; readonly thresholdName?: string },
  thresholdSeconds: number,
): cloudwatch.Alarm {
  return createAlarm(placement, {
    thresholdName: queue.thresholdName,
    condition: 'MessageAge',
    metric: metric(
      'AWS/SQS',
      'ApproximateAgeOfOldestMessage',
      { QueueName: queue.queueName },
      cloudwatch.Stats.MAXIMUM,
    ),
    threshold: thresholdSeconds,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    period: ALARM_PERIOD,
    evaluationPeriods: SQS_ALARMS.messageAge.evaluationPeriods,
    datapointsToAlarm: SQS_ALARMS.messageAge.evaluationPeriods,
    severity: AlarmSeverity.WARNING,
    text: {
      resourceKind: 'SQS queue',
      formatThreshold: (seconds) => Duration.seconds(seconds).toHumanString(),
      summary: (t) =>
        `The oldest message in SQS queue ${queue.label} is older than ${t}: consumers are failing or cannot keep up, and messages expire after the retention period`,
      condition: (t) => `ApproximateAgeOfOldestMessage (maximum) > ${t}`,
      likelyCauses: [
        'the consumer fails and messages return to the queue',
        'the consumer is throttled or its maximum concurrency is too low',
        'a burst of messages larger than the consumers can drain',
      ],
      firstSteps: [
        "check the consumer's errors and throttles",
        'compare NumberOfMessagesSent with NumberOfMessagesDeleted',
        'raise the consumer concurrency or batch size if it is only behind',
      ],
    },
  });
}

// ---------------------------------------------------------------------------------------------------- API Gateway

/** An API an alarm watches: its metric dimensions and how descriptions name it. */
export interface ApiAlarmTarget {
  /**
   * The `AWS/ApiGateway` dimensions: `ApiName` and `Stage` for a REST API stage, `ApiId` for an HTTP API.
   */
  readonly dimensions: Record<string, string>;
  /** The `5XXError` metric name of the API type: '5XXError' (REST) or '5xx' (HTTP). */
  readonly serverErrorMetric: string;
  /** e.g. 'REST API Orders'. */
  readonly label: string;
  readonly resourceKind: string;
}

export interface ApiServerErrorRateOptions {
  readonly thresholdPercent?: number;
  readonly minimumRequests?: number;
  readonly period?: Duration;
}

/** Critical: 5XX responses above a percentage of requests, in periods with enough requests to judge. */
export function apiServerErrorRateAlarm(
  placement: AlarmPlacement,
  api: ApiAlarmTarget,
  options: ApiServerErrorRateOptions = {},
): cloudwatch.Alarm {
  const defaults = API_ALARMS.serverErrorRate;
  const minimum = options.minimumRequests ?? defaults.minimumRequests;
  const period = options.period ?? defaults.period;
  return createAlarm(placement, {
    condition: 'ServerErrors',
    metric: percentage(
      metric('AWS/ApiGateway', api.serverErrorMetric, api.dimensions, cloudwatch.Stats.SUM),
      metric('AWS/ApiGateway', 'Count', api.dimensions, cloudwatch.Stats.SUM),
      minimum,
      period,
      '5XX rate (%)',
    ),
    threshold: options.thresholdPercent ?? defaults.thresholdPercent,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    period,
    evaluationPeriods: defaults.evaluationPeriods,
    datapointsToAlarm: defaults.datapointsToAlarm,
    severity: AlarmSeverity.CRITICAL,
    text: {
      resourceKind: api.resourceKind,
      formatThreshold: percent,
      summary: (t) => `${api.label} answers more than ${t} of its requests with 5XX errors: clients get failures`,
      condition: (t) => `5XX responses / requests (sum) > ${t} with at least ${minimum} requests a period`,
      likelyCauses: [
        'the Lambda integration threw, timed out or was throttled',
        'the integration took longer than the API Gateway integration timeout',
        'a misconfigured integration or a missing invoke permission after a deployment',
      ],
      firstSteps: [
        'filter the access log on status >= 500 and read integrationError and errorMessage',
        'open the Errors and Throttles graphs of the integrated functions',
        'if a deployment just happened, roll it back',
      ],
    },
  });
}

/** Warning: p99 latency at or above the threshold. */
export function apiLatencyAlarm(
  placement: AlarmPlacement,
  api: ApiAlarmTarget,
  thresholdMs: number = API_ALARMS.latency.threshold.toMilliseconds(),
): cloudwatch.Alarm {
  const defaults = API_ALARMS.latency;
  return createAlarm(placement, {
    condition: 'Latency',
    metric: metric('AWS/ApiGateway', 'Latency', api.dimensions, cloudwatch.Stats.p(99)),
    threshold: thresholdMs,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    period: ALARM_PERIOD,
    evaluationPeriods: defaults.evaluationPeriods,
    datapointsToAlarm: defaults.datapointsToAlarm,
    severity: AlarmSeverity.WARNING,
    text: {
      resourceKind: api.resourceKind,
      formatThreshold: (ms) => `${ms} ms`,
      summary: (t) => `${api.label} is slow: its p99 latency reached ${t}`,
      condition: (t) => `Latency p99 >= ${t}`,
      likelyCauses: [
        'a slow backend: IntegrationLatency rose with Latency',
        'cold starts of the integrated functions after a deployment or a traffic burst',
        'a slow authorizer, when Latency rose but IntegrationLatency did not',
      ],
      firstSteps: [
        'compare Latency with IntegrationLatency on the dashboard',
        'open the X-Ray traces of the slowest requests',
        'check the Duration of the integrated functions and of their dependencies',
      ],
    },
  });
}
