import { displayName } from './display-name';
import { deadLetterRoleOf, literalQueueName } from './queue-relations';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { alarmsOnResource } from '../cloudwatch/alarm-metrics';

/**
 * A queue (other than a dead-letter queue) has an alarm on `ApproximateAgeOfOldestMessage`: the signal that
 * consumers are falling behind or stuck, before messages expire.
 */
export class SqsAgeOfOldestMessageAlarmRule extends Rule {
  constructor() {
    super({
      id: 'WA-SqsAgeOfOldestMessageAlarm',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'A work queue has a CloudWatch alarm on ApproximateAgeOfOldestMessage, which tells that consumers are ' +
        'falling behind or failing before messages reach their retention period.',
      remediation:
        'Use `WellArchitectedQueue`, or `queue.metricApproximateAgeOfOldestMessage().createAlarm(this, id, { threshold, ' +
        'evaluationPeriods })` with a threshold well below the retention period, and an alarm action.',
      resourceTypes: ['AWS::SQS::Queue'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const role = deadLetterRoleOf(resource, context.index);
    if (role?.conditional) {
      return RuleResult.unknown(`the queue may be a dead-letter queue (${role.reason})`);
    }
    if (role !== undefined) {
      return RuleResult.notApplicable(
        `the queue is a dead-letter queue (${role.reason}); WA-SqsDeadLetterAlarm covers it`,
      );
    }
    const watched = alarmsOnResource(context.index, resource, 'QueueName', literalQueueName(resource), context.app);
    if (watched.some((m) => m.metricName === 'ApproximateAgeOfOldestMessage')) {
      return RuleResult.compliant();
    }
    if (watched.some((m) => m.metricName === undefined)) {
      return RuleResult.unknown('an alarm on this queue names its metric with a token');
    }
    return RuleResult.nonCompliant(
      `Queue ${displayName(resource)} has no alarm on ApproximateAgeOfOldestMessage, so a stalled consumer goes ` +
        'unnoticed until messages expire. Alarm on `queue.metricApproximateAgeOfOldestMessage()`, or use `WellArchitectedQueue`.',
    );
  }
}
