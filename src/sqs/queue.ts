import { Annotations, CfnResource, Duration, Lazy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { WellArchitectedMonitoring } from '../monitoring';
import {
  failureQueueDepthAlarm,
  failureQueueNewMessagesAlarm,
  FailureQueueKind,
  messageAgeThresholdSeconds,
  queueMessageAgeAlarm,
  setThreshold,
  thresholdOf,
} from '../monitoring/private/alarm-factories';
import { durationThresholdProblem } from '../monitoring/private/alarm-props';

/** SQS keeps messages for 4 days unless told otherwise. */
const SQS_DEFAULT_RETENTION = Duration.days(4);
/** SQS makes received messages invisible for 30 seconds unless told otherwise. */
const SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
/** Lambda stops a function after 3 seconds unless told otherwise. */
const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
/** The longest retention SQS allows, which we give dead-letter queues so failed messages wait as long as possible. */
const DEAD_LETTER_QUEUE_RETENTION = Duration.days(14);
/**
 * Lambda's SQS poller receives a message once per invocation attempt, and a throttled invocation returns the
 * message to the queue: below 5 receives, throttling alone can move healthy messages to the dead-letter queue.
 */
const RECOMMENDED_MAX_RECEIVE_COUNT = 5;
/**
 * AWS Lambda developer guide, "Configuring an Amazon SQS queue to trigger a Lambda function": set the visibility
 * timeout to at least six times the function timeout plus the batching window, so retries of throttled
 * invocations do not make a message visible while a first invocation still processes it.
 */
const VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR = 6;
const FIFO_MAX_BATCH_SIZE = 10;
const MAX_BATCH_SIZE_WITHOUT_WINDOW = 10;

const WARNING_PREFIX = 'cdk-well-architected:WellArchitectedQueue';

/** Properties of a `WellArchitectedQueue`: every `sqs.QueueProps` property, plus the well-architected extras. */
export interface WellArchitectedQueueProps extends sqs.QueueProps {
  /**
   * How many times a message is received before the queue moves it to the dead-letter queue it creates.
   * Below 5, throttled Lambda invocations alone can dead-letter healthy messages. Set
   * `deadLetterQueue.maxReceiveCount` instead when you give your own `deadLetterQueue`.
   * @default 5
   */
  readonly maxReceiveCount?: number;

  /**
   * How long the dead-letter queue this construct creates keeps messages. It must be longer than the
   * queue's own `retentionPeriod`, because SQS keeps a message's original enqueue time when it moves it to
   * the dead-letter queue.
   * @default Duration.days(14)
   */
  readonly deadLetterQueueRetentionPeriod?: Duration;

  /**
   * Alarm when the oldest message in the queue is older than this: the consumers are failing or falling
   * behind. Must be shorter than `retentionPeriod`, so the alarm fires before messages expire, and known at
   * synth time (not a token). A failed message is visible again only after the visibility timeout, so the
   * default follows it: one retry does not fire the alarm, even after `addConsumer` raised the visibility
   * timeout (a 5-minute consumer gets 1,800 seconds, hence a 3,600-second threshold).
   * @default - the larger of 15 minutes and twice the visibility timeout
   */
  readonly messageAgeAlarmThreshold?: Duration;

  /**
   * Where the queue's alarms notify and which dashboard shows its metrics.
   * @default WellArchitectedMonitoring.of(this)
   */
  readonly monitoring?: WellArchitectedMonitoring;
}

/** How `WellArchitectedQueue.addConsumer` connects a function to the queue: every `SqsEventSourceProps` property. */
export interface QueueConsumerOptions extends lambdaEventSources.SqsEventSourceProps {}

/**
 * An `sqs.Queue` with the Serverless Lens defaults: SSE-SQS encryption, TLS-only access, a dead-letter queue
 * (encrypted, TLS-only, 14-day retention) after 5 receives, an alarm on messages in the dead-letter queue, an
 * alarm on the age of the oldest message, a dashboard section, and `addConsumer` to connect Lambda functions
 * with partial batch responses and a visibility timeout sized for them.
 *
 * Every `sqs.QueueProps` property still works and overrides the default it touches.
 */
export class WellArchitectedQueue extends sqs.Queue {
  /**
   * The alarm on new messages in the dead-letter queue (critical: it pages): messages failed `maxReceiveCount`
   * receives in the last minutes. It returns to OK by itself once no new dead letters arrive.
   */
  public readonly newDeadLettersAlarm: cloudwatch.Alarm;

  /**
   * The alarm on messages waiting in the dead-letter queue (a warning): it stays in ALARM until they are redriven
   * or deleted, so it does not page.
   */
  public readonly deadLetterQueueAlarm: cloudwatch.Alarm;

  /**
   * The alarm on the age of the oldest message in the queue: consumers are failing or falling behind. Its threshold
   * follows the visibility timeout `addConsumer` sets unless `messageAgeAlarmThreshold` is given.
   */
  public readonly messageAgeAlarm: cloudwatch.Alarm;

  /** The monitoring that the alarms notify and whose dashboard shows the queue. */
  public readonly monitoring: WellArchitectedMonitoring;

  private readonly explicitVisibilityTimeout?: Duration;
  private readonly explicitMessageAgeAlarmThreshold?: Duration;
  /** The visibility timeout, in seconds, that each consumer added so far needs. */
  private readonly consumerVisibilityTimeouts: number[] = [];

  constructor(scope: Construct, id: string, props: WellArchitectedQueueProps = {}) {
    super(scope, id, queuePropsWithDefaults(props));
    this.explicitVisibilityTimeout = props.visibilityTimeout;

    const retentionPeriod = props.retentionPeriod ?? SQS_DEFAULT_RETENTION;
    validateProps(this, props, retentionPeriod);

    if (!props.deadLetterQueue) {
      const deadLetterQueue = this.createDeadLetterQueue(props);
      const maxReceiveCount = props.maxReceiveCount ?? RECOMMENDED_MAX_RECEIVE_COUNT;
      (this.node.defaultChild as sqs.CfnQueue).redrivePolicy = {
        deadLetterTargetArn: deadLetterQueue.queueArn,
        maxReceiveCount,
      };
      // Queue declares this readonly and sets it only from props; ours is created after super(), so set it here.
      (this as { deadLetterQueue?: sqs.DeadLetterQueue }).deadLetterQueue = { queue: deadLetterQueue, maxReceiveCount };
    }
    const maxReceiveCount = this.deadLetterQueue!.maxReceiveCount;
    if (!Token.isUnresolved(maxReceiveCount) && maxReceiveCount < RECOMMENDED_MAX_RECEIVE_COUNT) {
      Annotations.of(this).addWarningV2(
        `${WARNING_PREFIX}.maxReceiveCount`,
        `maxReceiveCount is ${maxReceiveCount}: a Lambda consumer that is throttled returns messages to the queue, so ` +
          `throttling alone can move healthy messages to the dead-letter queue. Set maxReceiveCount (or ` +
          `deadLetterQueue.maxReceiveCount) to ${RECOMMENDED_MAX_RECEIVE_COUNT} or more.`,
      );
    }

    this.monitoring = props.monitoring ?? WellArchitectedMonitoring.of(this);
    const dlq = this.deadLetterQueue!.queue;

    const placement = (alarmId: string) => ({ monitoring: this.monitoring, scope: this, id: alarmId, watched: this });
    const deadLetters = {
      queueName: dlq.queueName,
      kind: FailureQueueKind.DEAD_LETTER_QUEUE,
      owner: `SQS queue ${this.node.id} (after ${describeNumber(maxReceiveCount, 'maxReceiveCount')} receives)`,
    };
    this.newDeadLettersAlarm = failureQueueNewMessagesAlarm(placement('NewDeadLettersAlarm'), deadLetters);
    // The depth alarm keeps its construct id and name; it is a warning now, and new dead letters page instead.
    this.deadLetterQueueAlarm = failureQueueDepthAlarm(
      placement('DeadLetterQueueAlarm'),
      deadLetters,
      'DeadLetterMessages',
    );
    this.explicitMessageAgeAlarmThreshold = props.messageAgeAlarmThreshold;
    this.messageAgeAlarm = queueMessageAgeAlarm(
      placement('MessageAgeAlarm'),
      { queueName: this.queueName, label: this.node.id, thresholdName: 'messageAgeAlarmThreshold' },
      props.messageAgeAlarmThreshold?.toSeconds() ??
        messageAgeThresholdSeconds(secondsOf(props.visibilityTimeout) ?? SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS),
    );
    this.monitoring.addDashboardSection(`SQS queue ${this.node.path}`, this.dashboardWidgets(dlq));
  }

  /** Every alarm of this queue. */
  public get alarms(): cloudwatch.Alarm[] {
    return [this.newDeadLettersAlarm, this.deadLetterQueueAlarm, this.messageAgeAlarm];
  }

  /**
   * Make `consumer` process the queue's messages: an SQS event source with partial batch responses
   * (`reportBatchItemFailures: true`), so one failed message does not return its whole batch to the queue.
   *
   * Unless you set `visibilityTimeout`, the queue's visibility timeout becomes at least six times the
   * consumer's timeout plus its batching window (the largest over all consumers, and never below the 30-second
   * SQS default), as the AWS Lambda developer guide recommends. If you set `visibilityTimeout` below that, this
   * throws. For an imported function, whose timeout is unknown, it warns instead.
   *
   * @param consumer the function that receives the messages; it is granted `sqs:ReceiveMessage` and the rest
   * @param options event source options; `reportBatchItemFailures` defaults to true here
   * @returns the event source, whose `eventSourceMappingId` and `eventSourceMappingArn` name the mapping
   */
  public addConsumer(
    consumer: lambda.IFunction,
    options: QueueConsumerOptions = {},
  ): lambdaEventSources.SqsEventSource {
    this.validateConsumerOptions(consumer, options);
    this.requireVisibilityTimeoutFor(consumer, options);
    const eventSource = new lambdaEventSources.SqsEventSource(this, {
      ...options,
      reportBatchItemFailures: options.reportBatchItemFailures ?? true,
    });
    const childrenBefore = new Set(consumer.node.children);
    consumer.addEventSource(eventSource);
    for (const mapping of consumer.node.children.filter((child) => !childrenBefore.has(child))) {
      Validations.of(mapping).acknowledge({
        id: 'Serverless::Serverless-LambdaEventSourceMappingDestination',
        reason:
          'Lambda supports on-failure destinations only for stream and Kafka event sources; messages that fail from ' +
          `an SQS event source go to the dead-letter queue of ${this.node.path} after maxReceiveCount receives.`,
      });
    }
    return eventSource;
  }

  private createDeadLetterQueue(props: WellArchitectedQueueProps): sqs.Queue {
    const deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      fifo: this.fifo || undefined,
      retentionPeriod: props.deadLetterQueueRetentionPeriod ?? DEAD_LETTER_QUEUE_RETENTION,
      ...this.deadLetterQueueEncryption(props),
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
      redriveAllowPolicy: this.redriveAllowPolicy(props),
    });
    Validations.of(deadLetterQueue).acknowledge({
      id: 'Serverless::Serverless-SQSRedrivePolicy',
      reason: `This queue is the dead-letter queue of ${this.node.path}; a dead-letter queue needs no dead-letter queue of its own.`,
    });
    return deadLetterQueue;
  }

  /**
   * The dead-letter queue holds the same messages, so it gets the same protection: the same customer managed
   * key, the AWS managed key, or SSE-SQS (also when the source is unencrypted: SSE-SQS costs nothing).
   */
  private deadLetterQueueEncryption(props: WellArchitectedQueueProps): sqs.QueueProps {
    switch (this.encryptionType) {
      case sqs.QueueEncryption.KMS:
        return {
          encryption: sqs.QueueEncryption.KMS,
          encryptionMasterKey: this.encryptionMasterKey,
          dataKeyReuse: props.dataKeyReuse,
        };
      case sqs.QueueEncryption.KMS_MANAGED:
        return { encryption: sqs.QueueEncryption.KMS_MANAGED, dataKeyReuse: props.dataKeyReuse };
      default:
        return { encryption: sqs.QueueEncryption.SQS_MANAGED };
    }
  }

  /**
   * Only this queue may use the dead-letter queue, when that can be said without a circular dependency: the
   * source queue refers to the dead-letter queue's ARN, so the dead-letter queue can refer to the source only by
   * a name known at synthesis (`queueName`). A CloudFormation-generated name is known only after creation, and
   * we do not invent physical names: that would replace existing queues and their messages.
   */
  private redriveAllowPolicy(props: WellArchitectedQueueProps): sqs.RedriveAllowPolicy | undefined {
    if (props.queueName === undefined) {
      return undefined;
    }
    const sourceQueueArn = Stack.of(this).formatArn({ service: 'sqs', resource: props.queueName });
    return {
      redrivePermission: sqs.RedrivePermission.BY_QUEUE,
      sourceQueues: [
        sqs.Queue.fromQueueAttributes(this, 'RedriveSource', { queueArn: sourceQueueArn, fifo: this.fifo }),
      ],
    };
  }

  private dashboardWidgets(dlq: sqs.IQueue): cloudwatch.IWidget[] {
    const period = Duration.minutes(1);
    return [
      new cloudwatch.GraphWidget({
        title: 'Messages waiting and in flight',
        left: [
          this.metricApproximateNumberOfMessagesVisible({
            period,
            statistic: cloudwatch.Stats.MAXIMUM,
            label: 'Visible',
          }),
          this.metricApproximateNumberOfMessagesNotVisible({
            period,
            statistic: cloudwatch.Stats.MAXIMUM,
            label: 'In flight',
          }),
        ],
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Age of oldest message (seconds)',
        left: [this.metricApproximateAgeOfOldestMessage({ period, statistic: cloudwatch.Stats.MAXIMUM, label: 'Age' })],
        leftAnnotations: [
          { value: Lazy.number({ produce: () => thresholdOf(this.messageAgeAlarm) }), label: 'Alarm threshold' },
        ],
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queue depth',
        left: [
          dlq.metricApproximateNumberOfMessagesVisible({
            period,
            statistic: cloudwatch.Stats.MAXIMUM,
            label: 'Visible',
          }),
        ],
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Sent and received',
        left: [
          this.metricNumberOfMessagesSent({ period, statistic: cloudwatch.Stats.SUM, label: 'Sent' }),
          this.metricNumberOfMessagesReceived({ period, statistic: cloudwatch.Stats.SUM, label: 'Received' }),
        ],
        width: 6,
      }),
    ];
  }

  private validateConsumerOptions(consumer: lambda.IFunction, options: QueueConsumerOptions): void {
    const problems: string[] = [];
    const batchSize = options.batchSize;
    const windowSeconds = secondsOf(options.maxBatchingWindow);
    if (this.fifo && batchSize !== undefined && !Token.isUnresolved(batchSize) && batchSize > FIFO_MAX_BATCH_SIZE) {
      problems.push(
        `batchSize: ${batchSize} is above ${FIFO_MAX_BATCH_SIZE}, the most Lambda allows for a FIFO queue; set batchSize to ${FIFO_MAX_BATCH_SIZE} or less.`,
      );
    }
    if (this.fifo && options.maxBatchingWindow !== undefined) {
      problems.push(
        `maxBatchingWindow: ${options.maxBatchingWindow.toString()} is set, but Lambda does not support batching windows for FIFO queues; remove maxBatchingWindow.`,
      );
    }
    if (
      !this.fifo &&
      batchSize !== undefined &&
      !Token.isUnresolved(batchSize) &&
      batchSize > MAX_BATCH_SIZE_WITHOUT_WINDOW &&
      windowSeconds !== undefined &&
      windowSeconds < 1
    ) {
      problems.push(
        `maxBatchingWindow: ${windowSeconds} seconds with batchSize ${batchSize}; Lambda requires a batching window of at least 1 second for batches above ${MAX_BATCH_SIZE_WITHOUT_WINDOW}: set maxBatchingWindow to Duration.seconds(1) or more, or batchSize to ${MAX_BATCH_SIZE_WITHOUT_WINDOW} or less.`,
      );
    }
    if (
      !this.fifo &&
      batchSize !== undefined &&
      !Token.isUnresolved(batchSize) &&
      batchSize > MAX_BATCH_SIZE_WITHOUT_WINDOW &&
      options.maxBatchingWindow === undefined
    ) {
      problems.push(
        `batchSize: ${batchSize} needs a batching window; Lambda requires maxBatchingWindow of at least 1 second for batches above ${MAX_BATCH_SIZE_WITHOUT_WINDOW}: set maxBatchingWindow, or batchSize to ${MAX_BATCH_SIZE_WITHOUT_WINDOW} or less.`,
      );
    }
    const maxConcurrency = options.maxConcurrency;
    if (
      maxConcurrency !== undefined &&
      !Token.isUnresolved(maxConcurrency) &&
      (maxConcurrency < 2 || maxConcurrency > 1000)
    ) {
      problems.push(
        `maxConcurrency: ${maxConcurrency} is outside 2-1000, the range Lambda allows for SQS event sources; set maxConcurrency between 2 and 1000, or leave it unset for no limit.`,
      );
    }
    if (problems.length > 0) {
      throw new Error(
        `Invalid options for ${this.node.path}.addConsumer(${consumer.node.path}):\n- ${problems.join('\n- ')}`,
      );
    }
  }

  private requireVisibilityTimeoutFor(consumer: lambda.IFunction, options: QueueConsumerOptions): void {
    const timeoutSeconds = functionTimeoutSeconds(consumer);
    const windowSeconds = options.maxBatchingWindow === undefined ? 0 : secondsOf(options.maxBatchingWindow);
    if (timeoutSeconds === undefined || windowSeconds === undefined) {
      Annotations.of(this).addWarningV2(
        `${WARNING_PREFIX}.consumerTimeoutUnknown`,
        `The timeout of consumer ${consumer.node.path} is not known at synthesis (an imported function or a token), so ` +
          `the visibility timeout was not sized for it. Make sure visibilityTimeout is at least ` +
          `${VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR} x the function timeout + the batching window.`,
      );
      return;
    }
    const requiredSeconds = VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR * timeoutSeconds + windowSeconds;
    const explicitSeconds = secondsOf(this.explicitVisibilityTimeout);
    if (this.explicitVisibilityTimeout !== undefined) {
      if (explicitSeconds !== undefined && explicitSeconds < requiredSeconds) {
        throw new Error(
          `Invalid visibilityTimeout of ${this.node.path} for consumer ${consumer.node.path}: visibilityTimeout is ` +
            `${explicitSeconds} seconds, below ${VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR} x the function timeout ` +
            `(${timeoutSeconds} seconds) + the batching window (${windowSeconds} seconds) = ${requiredSeconds} seconds, so ` +
            `messages can be received again while still being processed. Set visibilityTimeout to at least ` +
            `Duration.seconds(${requiredSeconds}), or remove it to let addConsumer size it.`,
        );
      }
      return;
    }
    this.consumerVisibilityTimeouts.push(requiredSeconds);
    const visibilitySeconds = Math.max(SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS, ...this.consumerVisibilityTimeouts);
    (this.node.defaultChild as sqs.CfnQueue).visibilityTimeout = visibilitySeconds;
    this.followVisibilityTimeout(visibilitySeconds);
  }

  /**
   * A message a consumer fails becomes visible again after the visibility timeout, so its age then exceeds the
   * visibility timeout: the message age alarm must leave room for a retry or it fires on every one.
   */
  private followVisibilityTimeout(visibilitySeconds: number): void {
    const explicit = secondsOf(this.explicitMessageAgeAlarmThreshold);
    const needed = messageAgeThresholdSeconds(visibilitySeconds);
    if (this.explicitMessageAgeAlarmThreshold === undefined) {
      setThreshold(this.messageAgeAlarm, needed);
    } else if (explicit !== undefined && explicit < needed) {
      Annotations.of(this).addWarningV2(
        `${WARNING_PREFIX}.messageAgeAlarmThreshold`,
        `messageAgeAlarmThreshold is ${explicit} seconds, but the visibility timeout is ${visibilitySeconds} seconds: a ` +
          `message that fails once is visible again only after the visibility timeout, so one retry fires the alarm. ` +
          `Set messageAgeAlarmThreshold to at least Duration.seconds(${needed}), or remove it to follow the visibility timeout.`,
      );
    }
    const threshold = thresholdOf(this.messageAgeAlarm);
    const retention = secondsOf(retentionOf(this));
    if (threshold !== undefined && retention !== undefined && threshold >= retention) {
      Annotations.of(this).addWarningV2(
        `${WARNING_PREFIX}.messageAgeAfterRetention`,
        `The message age alarm threshold (${threshold} seconds) is not shorter than retentionPeriod (${retention} ` +
          'seconds), so messages expire before the alarm fires. Set a longer retentionPeriod or a shorter consumer timeout.',
      );
    }
  }
}

/** The `sqs.QueueProps` part of our props, with our defaults: our own props are not the base class's business. */
function queuePropsWithDefaults(props: WellArchitectedQueueProps): sqs.QueueProps {
  const {
    maxReceiveCount: _maxReceiveCount,
    deadLetterQueueRetentionPeriod: _deadLetterQueueRetentionPeriod,
    messageAgeAlarmThreshold: _messageAgeAlarmThreshold,
    monitoring: _monitoring,
    ...queueProps
  } = props;
  return {
    ...queueProps,
    encryption:
      props.encryption ?? (props.encryptionMasterKey ? sqs.QueueEncryption.KMS : sqs.QueueEncryption.SQS_MANAGED),
    enforceSSL: props.enforceSSL ?? true,
  };
}

function validateProps(queue: WellArchitectedQueue, props: WellArchitectedQueueProps, retentionPeriod: Duration): void {
  const problems: string[] = durationThresholdProblem(
    'messageAgeAlarmThreshold',
    props.messageAgeAlarmThreshold,
    (d) => d.toSeconds(),
    'Duration.seconds(900)',
  );
  const maxReceiveCount = props.maxReceiveCount;
  if (props.deadLetterQueue && maxReceiveCount !== undefined) {
    problems.push(
      `maxReceiveCount: ${maxReceiveCount} applies only to the dead-letter queue this construct creates, but deadLetterQueue is given; set deadLetterQueue.maxReceiveCount instead.`,
    );
  } else if (maxReceiveCount !== undefined && !Token.isUnresolved(maxReceiveCount) && maxReceiveCount < 1) {
    problems.push(
      `maxReceiveCount: ${maxReceiveCount} is below 1, so no message could ever be received; set maxReceiveCount to ${RECOMMENDED_MAX_RECEIVE_COUNT} or more.`,
    );
  }
  if (props.deadLetterQueue && props.deadLetterQueueRetentionPeriod !== undefined) {
    problems.push(
      `deadLetterQueueRetentionPeriod: ${props.deadLetterQueueRetentionPeriod.toString()} applies only to the dead-letter queue this construct creates, but deadLetterQueue is given; set retentionPeriod on your dead-letter queue instead.`,
    );
  }

  const retentionSeconds = secondsOf(retentionPeriod);
  const deadLetterRetention = props.deadLetterQueue
    ? retentionOf(props.deadLetterQueue.queue)
    : (props.deadLetterQueueRetentionPeriod ?? DEAD_LETTER_QUEUE_RETENTION);
  const deadLetterRetentionSeconds = secondsOf(deadLetterRetention);
  if (
    retentionSeconds !== undefined &&
    deadLetterRetentionSeconds !== undefined &&
    deadLetterRetentionSeconds <= retentionSeconds
  ) {
    const property = props.deadLetterQueue
      ? 'deadLetterQueue.queue retention period'
      : 'deadLetterQueueRetentionPeriod';
    problems.push(
      `${property}: ${deadLetterRetentionSeconds} seconds is not longer than retentionPeriod (${retentionSeconds} seconds); ` +
        'SQS keeps the original enqueue time of a dead-lettered message, so it would expire early or at once. ' +
        'Make the dead-letter queue retention longer (at most 14 days) or retentionPeriod shorter.',
    );
  }
  if (props.deadLetterQueue && props.deadLetterQueue.queue.fifo !== queue.fifo) {
    problems.push(
      `deadLetterQueue: a ${props.deadLetterQueue.queue.fifo ? 'FIFO' : 'standard'} queue cannot be the dead-letter queue of a ${queue.fifo ? 'FIFO' : 'standard'} queue; give a dead-letter queue of the same type, or leave deadLetterQueue unset.`,
    );
  }

  const thresholdSeconds = secondsOf(props.messageAgeAlarmThreshold);
  if (thresholdSeconds !== undefined && thresholdSeconds <= 0) {
    problems.push(
      `messageAgeAlarmThreshold: ${thresholdSeconds} seconds would alarm on every message; set it to a positive duration such as Duration.minutes(15).`,
    );
  } else if (thresholdSeconds !== undefined && retentionSeconds !== undefined && thresholdSeconds >= retentionSeconds) {
    problems.push(
      `messageAgeAlarmThreshold: ${thresholdSeconds} seconds is not shorter than retentionPeriod (${retentionSeconds} seconds), so messages expire before the alarm fires; set messageAgeAlarmThreshold below retentionPeriod.`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Invalid WellArchitectedQueue props for ${queue.node.path}:\n- ${problems.join('\n- ')}`);
  }
}

/** A number for a message: its value, or the name of the property it comes from when it is a token. */
function describeNumber(value: number, property: string): string {
  return Token.isUnresolved(value) ? property : String(value);
}

/** Whole seconds of `duration`, or undefined when it is missing or a token. */
function secondsOf(duration: Duration | undefined): number | undefined {
  if (duration === undefined || duration.isUnresolved()) {
    return undefined;
  }
  return duration.toSeconds();
}

/** The retention period of a queue defined in this app, or undefined when it cannot be known (imported, token). */
function retentionOf(queue: sqs.IQueue): Duration | undefined {
  const resource = queue.node.defaultChild;
  if (!CfnResource.isCfnResource(resource) || resource.cfnResourceType !== 'AWS::SQS::Queue') {
    return undefined;
  }
  const seconds = (resource as sqs.CfnQueue).messageRetentionPeriod;
  if (seconds === undefined) {
    return SQS_DEFAULT_RETENTION;
  }
  return Token.isUnresolved(seconds) ? undefined : Duration.seconds(seconds);
}

/**
 * The timeout of a function defined in this app (also behind a version or alias), or undefined when it cannot be
 * known: imported functions and token timeouts.
 */
function functionTimeoutSeconds(consumer: lambda.IFunction): number | undefined {
  const target = (consumer as Partial<lambda.IVersion>).lambda ?? consumer;
  const resource = target.node.defaultChild;
  if (!CfnResource.isCfnResource(resource) || resource.cfnResourceType !== 'AWS::Lambda::Function') {
    return undefined;
  }
  const timeout = (resource as lambda.CfnFunction).timeout;
  if (timeout === undefined) {
    return LAMBDA_DEFAULT_TIMEOUT_SECONDS;
  }
  return Token.isUnresolved(timeout) ? undefined : timeout;
}
