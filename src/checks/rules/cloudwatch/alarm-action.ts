import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';

/** Resources that show an alarm without acting on it: they do not make it heard. */
const VIEWERS = new Set(['AWS::CloudWatch::Dashboard']);

/**
 * A CloudWatch alarm has at least one `AlarmActions` entry, so entering ALARM notifies someone or does
 * something. Alarms that another resource consumes (a composite alarm's rule, a CodeDeploy deployment group,
 * an AppConfig monitor) are exempt.
 */
export class AlarmActionRule extends Rule {
  constructor() {
    super({
      id: 'WA-AlarmAction',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'Every CloudWatch alarm has an alarm action (an SNS topic, an Auto Scaling or Systems Manager action): an ' +
        'alarm nobody hears is not monitoring. Alarms consumed by a composite alarm, a CodeDeploy deployment group ' +
        'or an AppConfig monitor are exempt.',
      remediation:
        'Call `alarm.addAlarmAction(new actions.SnsAction(topic))`, or `WellArchitectedMonitoring.of(this).addAlarm(alarm)` ' +
        'to notify the shared alarm topic.',
      resourceTypes: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'],
      equivalents: { cdkNag: ['NIST.800.53.R5-CloudWatchAlarmAction', 'HIPAA.Security-CloudWatchAlarmAction'] },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const raw = resource.get('AlarmActions');
    if (Values.isUnknown(raw)) {
      return RuleResult.unknown('AlarmActions is resolved at deploy time');
    }
    const actions = Values.asList(raw) ?? [];
    if (actions.some((a) => !isConditional(a))) {
      return RuleResult.compliant();
    }
    if (actions.length > 0) {
      return RuleResult.unknown('every alarm action is behind Fn::If');
    }
    const consumer = context.index
      .referencesTo(resource.logicalId)
      .find((ref) => ref.source !== resource && !VIEWERS.has(ref.source.resourceType));
    if (consumer !== undefined) {
      return RuleResult.notApplicable(
        `${consumer.source.logicalId} (${consumer.source.resourceType}) acts on the alarm`,
      );
    }
    return RuleResult.nonCompliant(
      `Alarm ${displayName(resource)} has no alarm action, so nobody hears it. Call ` +
        '`alarm.addAlarmAction(new actions.SnsAction(topic))` or `WellArchitectedMonitoring.of(this).addAlarm(alarm)`.',
    );
  }
}

function isConditional(value: any): boolean {
  return Values.isIntrinsic(value) && value['Fn::If'] !== undefined;
}
