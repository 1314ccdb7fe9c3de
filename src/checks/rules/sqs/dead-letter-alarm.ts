import { displayName } from './display-name';
import { deadLetterRoleOf, literalQueueName } from './queue-relations';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { alarmsOnResource } from '../cloudwatch/alarm-metrics';

/**
 * A dead-letter queue has a CloudWatch alarm on `ApproximateNumberOfMessagesVisible`. `NumberOfMessagesSent`
 * does not count messages that SQS moves there by redrive, so it cannot replace it.
 */
export class SqsDeadLetterAlarmRule extends Rule {
  constructor() {
    super({
      id: 'WA-SqsDeadLetterAlarm',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'A dead-letter queue has a CloudWatch alarm on ApproximateNumberOfMessagesVisible, so someone learns that ' +
        'messages are failing (NumberOfMessagesSent does not count messages moved there by redrive).',
      remediation:
        'Use `WellArchitectedQueue` (it alarms on its dead-letter queue through `WellArchitectedMonitoring`), or ' +
        '`dlq.metricApproximateNumberOfMessagesVisible().createAlarm(this, id, { threshold: 1, evaluationPeriods: 1 })` ' +
        'with an alarm action.',
      resourceTypes: ['AWS::SQS::Queue'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const role = deadLetterRoleOf(resource, context.index);
    if (role === undefined) {
      return RuleResult.notApplicable('the queue is not a dead-letter queue of this stack');
    }
    const watched = alarmsOnResource(context.index, resource, 'QueueName', literalQueueName(resource), context.app);
    if (watched.some((m) => m.metricName === 'ApproximateNumberOfMessagesVisible')) {
      return RuleResult.compliant();
    }
    if (watched.some((m) => m.metricName === undefined)) {
      return RuleResult.unknown('an alarm on this queue names its metric with a token');
    }
    if (role.conditional) {
      return RuleResult.unknown(`the queue is a dead-letter queue only under a condition: ${role.reason}`);
    }
    return RuleResult.nonCompliant(
      `Dead-letter queue ${displayName(resource)} has no alarm on ApproximateNumberOfMessagesVisible, so failed ` +
        'messages pile up unnoticed. Alarm on `queue.metricApproximateNumberOfMessagesVisible()` (threshold 1), or use ' +
        '`WellArchitectedQueue`.',
    );
  }
}
