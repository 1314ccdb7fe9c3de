import { Duration } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** How urgent an alarm is, which decides who hears it. */
export enum AlarmSeverity {
  /**
   * Users are affected now (errors, failed messages). The alarm notifies the alarm topic (e-mail) and is part
   * of the service health composite alarm, which pages the paging channels (Slack, Microsoft Teams, webhooks).
   */
  CRITICAL = 'CRITICAL',

  /**
   * Something degrades and needs a look during working hours (throttles, latency, backlog). The alarm notifies
   * the alarm topic (e-mail) only.
   */
  WARNING = 'WARNING',
}

/** Options of `WellArchitectedMonitoring.addAlarm`. */
export interface AddAlarmOptions {
  /**
   * How urgent the alarm is. Adding an alarm that was added before with a severity changes its severity: this
   * is how you reclassify an alarm a construct created, e.g.
   * `monitoring.addAlarm(fn.throttlesAlarm, { severity: AlarmSeverity.CRITICAL })`.
   * @default - AlarmSeverity.WARNING for a new alarm; unchanged for an alarm added before
   */
  readonly severity?: AlarmSeverity;
}

/**
 * What an alarm description says, so a person woken by it can act: what is wrong, on which resource, the
 * condition and window that fired, the likely causes, the first steps, and a link to the dashboard.
 */
export interface AlarmDescriptionProps {
  /** What is wrong, in plain words and one sentence, e.g. 'Lambda function PlaceOrder failed'. */
  readonly summary: string;

  /** The construct the alarm watches; the description names its construct path. */
  readonly resource: IConstruct;

  /** What kind of resource it is, e.g. 'Lambda function', 'SQS queue'. */
  readonly resourceKind: string;

  /** The condition that fires the alarm, in words with its unit, e.g. 'Errors (sum) > 0'. */
  readonly threshold: string;

  /** The length of one evaluation period of the alarm. */
  readonly period: Duration;

  /** How many periods the alarm evaluates. */
  readonly evaluationPeriods: number;

  /**
   * How many of `evaluationPeriods` must breach.
   * @default - evaluationPeriods
   */
  readonly datapointsToAlarm?: number;

  /** The usual causes of this condition, most likely first. */
  readonly likelyCauses: string[];

  /** What to look at first, in order. */
  readonly firstSteps: string[];
}
