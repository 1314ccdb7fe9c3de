import { Duration } from 'aws-cdk-lib';

/*
 * The numbers of every alarm this library creates, declared once per service (as aws-solutions-constructs keeps
 * `core/lib/<service>-defaults.ts`). The constructs, `WellArchitectedDefaults` and the rules read them from here;
 * test/monitoring/alarm-defaults.test.ts checks that the constructs and the remediation agree with them.
 */

/** Every alarm evaluates one-minute periods unless a prop says otherwise. */
export const ALARM_PERIOD = Duration.minutes(1);

/** Lambda function alarms. */
export const LAMBDA_ALARMS = {
  /**
   * Errors as a percentage of invocations, in each period with at least `minimumInvocations` invocations: a
   * single failed call of a busy function does not page, a failing deployment does.
   */
  errorRate: {
    thresholdPercent: 5,
    minimumInvocations: 10,
    period: ALARM_PERIOD,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
  },
  /** Any throttled invocation in a minute (a warning). */
  throttles: { threshold: 0, evaluationPeriods: 1, datapointsToAlarm: 1 },
  /** p99 duration at this percentage of the timeout in 3 of 5 minutes (a warning). */
  duration: { timeoutPercent: 80, evaluationPeriods: 5, datapointsToAlarm: 3 },
} as const;

/** SQS queue alarms (work queues, dead-letter queues, on-failure queues). */
export const SQS_ALARMS = {
  /**
   * New messages in a dead-letter or on-failure queue: the visible count rose from one minute to the next. Two
   * periods so that the difference always has a preceding data point to compare with.
   */
  newMessages: { threshold: 0, evaluationPeriods: 2, datapointsToAlarm: 1 },
  /** Messages waiting in a dead-letter or on-failure queue (a warning: it stays in ALARM until someone acts). */
  depth: { threshold: 0, evaluationPeriods: 1, datapointsToAlarm: 1 },
  /**
   * The age of the oldest message: at least this long, and at least `visibilityTimeoutFactor` times the visibility
   * timeout, so that one retry (a message visible again after the visibility timeout) does not fire it.
   */
  messageAge: { minimumThreshold: Duration.minutes(15), visibilityTimeoutFactor: 2, evaluationPeriods: 1 },
} as const;

/** API Gateway alarms (REST and HTTP APIs). */
export const API_ALARMS = {
  /**
   * 5XX responses as a percentage of requests, in each period with at least `minimumRequests` requests. AWS
   * recommends alarming on the 5XXError average (the rate) above 0.05 in 3 of 3 one-minute periods
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html).
   */
  serverErrorRate: {
    thresholdPercent: 5,
    minimumRequests: 10,
    period: ALARM_PERIOD,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
  },
  /** p99 latency at or above the threshold in 3 of 5 minutes: one slow minute (cold starts) does not alarm. */
  latency: { threshold: Duration.seconds(2), evaluationPeriods: 5, datapointsToAlarm: 3 },
} as const;
