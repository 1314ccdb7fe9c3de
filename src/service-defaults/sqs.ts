/*
 * The SQS numbers of the library, declared once: the constructs, WellArchitectedDefaults (src/remediation) and the
 * rules read them from here (as aws-solutions-constructs keeps core/lib/sqs-defaults.ts). Plain numbers, no
 * tokens: the rules import this module too. Not part of the public API.
 */

/**
 * SQS keeps messages 4 days when `MessageRetentionPeriod` is absent.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 */
export const SQS_DEFAULT_RETENTION_SECONDS = 345_600;

/** The longest retention SQS allows: 14 days (same page). */
export const SQS_MAX_RETENTION_SECONDS = 1_209_600;

/**
 * Dead-letter queues keep messages as long as SQS allows, so failed messages wait as long as possible for an
 * operator (and outlive their retention in a standard source queue, which keeps the original enqueue time).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
 */
export const DEAD_LETTER_QUEUE_RETENTION_SECONDS = SQS_MAX_RETENTION_SECONDS;

/**
 * SQS makes a received message invisible for 30 seconds when `VisibilityTimeout` is absent.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
 */
export const SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;

/**
 * The receives before a message is dead-lettered, and the least the rules accept for a queue a Lambda function
 * consumes: Lambda's poller receives a message once per invocation attempt and a throttled invocation returns it, so
 * below 5 throttling alone can dead-letter healthy messages. The Lambda developer guide asks for at least 5.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
export const MAX_RECEIVE_COUNT = 5;

/**
 * The visibility timeout of a queue a Lambda function consumes is at least this many times the function timeout
 * (plus the batching window), so retries of throttled invocations do not make a message visible while a first
 * invocation still processes it.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
 */
export const VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR = 6;
