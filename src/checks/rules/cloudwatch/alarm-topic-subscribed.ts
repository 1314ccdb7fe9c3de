import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { displayName, partnerStack } from '../sqs/display-name';

const ALARM_TYPES = new Set(['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm']);
const ALARM_ACTION_PATHS = /^(AlarmActions|OKActions|InsufficientDataActions)\./;

/** Resources that deliver a topic's messages somewhere: a subscription, or a chat channel configuration. */
const TOPIC_READERS: ReadonlyArray<{ readonly sourceType: string; readonly path: RegExp }> = [
  { sourceType: 'AWS::SNS::Subscription', path: /^TopicArn/ },
  { sourceType: 'AWS::Chatbot::SlackChannelConfiguration', path: /^SnsTopicArns/ },
  { sourceType: 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration', path: /^SnsTopicArns/ },
];

/**
 * An SNS topic that CloudWatch alarms notify has a subscriber in the stack (an `AWS::SNS::Subscription`, an
 * inline subscription, or an AWS Chatbot channel). Evaluated once per topic, not per alarm. Alarms that notify
 * nobody are not monitoring: a warning. A topic subscribed outside the app is acknowledged with the reason.
 */
export class AlarmTopicSubscribedRule extends Rule {
  constructor() {
    super({
      id: 'WA-AlarmTopicSubscribed',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'An SNS topic that CloudWatch alarms notify has a subscriber defined in the app (a subscription or a chat ' +
        'channel): alarms that reach nobody are not monitoring. Acknowledge it, with where the subscription is ' +
        'managed, when that is outside the app.',
      remediation:
        "Subscribe someone: `topic.addSubscription(new subscriptions.EmailSubscription('oncall@example.com'))`, or " +
        'the `emailSubscriptions` prop of `WellArchitectedMonitoring`.',
      resourceTypes: ['AWS::SNS::Topic'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const refs = context.index.referencesTo(resource.logicalId);
    const alarm = refs.find(
      (ref) => ALARM_TYPES.has(ref.source.resourceType) && ALARM_ACTION_PATHS.test(ref.propertyPath),
    );
    if (alarm === undefined) {
      return RuleResult.notApplicable('no alarm of the app notifies the topic');
    }
    const inline = resource.get('Subscription');
    if (Values.isUnknown(inline)) {
      return RuleResult.unknown('the inline subscriptions are resolved at deploy time');
    }
    if ((Values.asList(inline) ?? []).length > 0) {
      return RuleResult.compliant();
    }
    if (
      refs.some((ref) =>
        TOPIC_READERS.some((r) => r.sourceType === ref.source.resourceType && r.path.test(ref.propertyPath)),
      )
    ) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Topic ${displayName(resource)} is notified by alarm ${displayName(alarm.source)}${partnerStack(alarm.source, resource)} but has no subscriber in this ` +
        'app. Add one with `topic.addSubscription(...)` (or `emailSubscriptions` on `WellArchitectedMonitoring`), or ' +
        'acknowledge if subscriptions are managed elsewhere.',
    );
  }
}
