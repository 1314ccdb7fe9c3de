import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';

/** Resources that deliver a topic's messages somewhere: a subscription, or a chat channel configuration. */
const TOPIC_READERS: ReadonlyArray<{ readonly sourceType: string; readonly path: RegExp }> = [
  { sourceType: 'AWS::SNS::Subscription', path: /^TopicArn/ },
  { sourceType: 'AWS::Chatbot::SlackChannelConfiguration', path: /^SnsTopicArns/ },
  { sourceType: 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration', path: /^SnsTopicArns/ },
];

/**
 * The SNS topics an alarm notifies have a subscriber in the stack (an `AWS::SNS::Subscription`, an inline
 * subscription, or an AWS Chatbot channel). A topic without one may be subscribed by hand: info only.
 */
export class AlarmTopicSubscribedRule extends Rule {
  constructor() {
    super({
      id: 'WA-AlarmTopicSubscribed',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'The SNS topic an alarm notifies has a subscriber defined in the app (a subscription or a chat channel), ' +
        'so alarm notifications reach someone. Acknowledge it when subscriptions are managed outside the app.',
      remediation:
        "Subscribe someone: `topic.addSubscription(new subscriptions.EmailSubscription('oncall@example.com'))`, or " +
        'the `emailSubscriptions` prop of `WellArchitectedMonitoring`.',
      resourceTypes: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const topics = context.index
      .referencesFrom(resource.logicalId, 'AWS::SNS::Topic')
      .filter((ref) => ref.propertyPath.startsWith('AlarmActions'))
      .map((ref) => ref.target);
    if (topics.length === 0) {
      return RuleResult.notApplicable('the alarm notifies no SNS topic of this stack');
    }
    const silent = topics.filter((topic) => !hasReader(topic, context));
    if (silent.length < topics.length) {
      return RuleResult.compliant();
    }
    if (silent.some((t) => t.unresolvedReason || Values.isUnknown(t.get('Subscription')))) {
      return RuleResult.unknown('the subscriptions of the alarm topic are resolved at deploy time');
    }
    return RuleResult.nonCompliant(
      `Alarm ${displayName(resource)} notifies topic ${displayName(silent[0])}, which has no subscriber in this app. ` +
        'Add one with `topic.addSubscription(...)` (or `emailSubscriptions` on `WellArchitectedMonitoring`), or ' +
        'acknowledge if subscriptions are managed elsewhere.',
    );
  }
}

function hasReader(topic: CheckedResource, context: RuleContext): boolean {
  const inline = Values.asList(topic.get('Subscription'));
  if (inline !== undefined && inline.length > 0) {
    return true;
  }
  return context.index
    .referencesTo(topic.logicalId)
    .some((ref) =>
      TOPIC_READERS.some((r) => r.sourceType === ref.source.resourceType && r.path.test(ref.propertyPath)),
    );
}
