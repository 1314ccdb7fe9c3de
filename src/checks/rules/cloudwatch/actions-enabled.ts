import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';

/** A CloudWatch alarm does not switch its actions off (`ActionsEnabled: false`). */
export class AlarmActionsEnabledRule extends Rule {
  constructor() {
    super({
      id: 'WA-AlarmActionsEnabled',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'CloudWatch alarms keep their actions enabled: with ActionsEnabled false an alarm changes state without ' +
        'notifying anyone, which looks like monitoring but is not.',
      remediation: 'Remove `actionsEnabled: false` from the `cloudwatch.Alarm` (it defaults to true).',
      resourceTypes: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'],
      equivalents: { cdkNag: ['NIST.800.53.R5-CloudWatchAlarmAction', 'HIPAA.Security-CloudWatchAlarmAction'] },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const raw = resource.get('ActionsEnabled');
    if (raw === undefined) {
      return RuleResult.compliant();
    }
    if (Values.isUnknown(raw)) {
      return RuleResult.unknown('ActionsEnabled is resolved at deploy time');
    }
    const enabled = Values.asBoolean(raw);
    if (enabled === undefined) {
      return RuleResult.unknown(`ActionsEnabled has an unexpected value: ${JSON.stringify(raw)}`);
    }
    return enabled
      ? RuleResult.compliant()
      : RuleResult.nonCompliant(
          `Alarm ${displayName(resource)} has its actions disabled (ActionsEnabled: false), so it notifies nobody. ` +
            'Remove `actionsEnabled: false`.',
        );
  }
}
