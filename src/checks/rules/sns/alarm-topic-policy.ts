import { referrersAt } from './topic-relations';
import { Decision, PolicyIndex, alarmPublishRequest } from '../../engine/policy';
import { PathDecision } from '../../engine/policy/policy-index';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { displayName } from '../sqs/display-name';

const ALARM_TYPES = ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'];
const ACTION_PATHS = /^(AlarmActions|OKActions|InsufficientDataActions)\./;
export const TOPIC_POLICY_TYPES = ['AWS::SNS::TopicPolicy', 'AWS::SNS::TopicInlinePolicy'];

/**
 * The topic policy of a topic that CloudWatch alarms notify lets `cloudwatch.amazonaws.com` call `sns:Publish` for
 * those alarms. An `AWS::SNS::TopicPolicy` replaces the topic's default access policy; without a statement for
 * CloudWatch every alarm action fails with "not authorized to perform SNS:Publish", visible only in the alarm history
 * (https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger).
 *
 * A topic with no topic policy keeps the default policy SNS creates, which allows the owner account, and alarms of
 * the same account publish to it: the path from the AWS documentation's own setup
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html). The evaluator
 * decides each alarm's request with the context CloudWatch sends (`aws:SourceArn` is the alarm, `aws:SourceAccount`
 * the account); a policy it cannot read, or a condition on a key it does not model, is unknown, never a finding.
 */
export class SnsAlarmTopicPolicyRule extends Rule {
  constructor() {
    super({
      id: 'WA-SnsAlarmTopicPolicy',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.ERROR,
      description:
        'The topic policy of a topic that CloudWatch alarms notify lets cloudwatch.amazonaws.com publish for those ' +
        'alarms. A topic policy replaces the default one, so without that statement every alarm notification is ' +
        'dropped and only the alarm history shows it.',
      remediation:
        "Allow CloudWatch on the topic: `topic.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')], " +
        "actions: ['sns:Publish'], resources: [topic.topicArn], conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(topic).account } } }))`; " +
        '`WellArchitectedMonitoring` creates such a topic.',
      resourceTypes: ['AWS::SNS::Topic'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const alarms = ALARM_TYPES.flatMap((type) => referrersAt(context.index, resource, type, ACTION_PATHS));
    if (alarms.length === 0) {
      return RuleResult.notApplicable('no alarm of this stack notifies the topic');
    }
    const policies = PolicyIndex.of(context.index);
    let unknown: PathDecision | undefined;
    for (const alarm of alarms) {
      if (alarm.unresolvedReason) {
        unknown = unknown ?? { decision: Decision.UNKNOWN, reason: alarm.unresolvedReason };
        continue;
      }
      const decision = policies.decide(
        resource,
        TOPIC_POLICY_TYPES,
        alarmPublishRequest(alarm, resource, policies.lookup),
        {
          decision: Decision.ALLOWED,
          reason: 'the topic keeps the default access policy, which lets alarms of its account publish',
        },
      );
      if (decision.decision === Decision.DENIED) {
        const policy = decision.holder ? ` ${displayName(decision.holder)}` : '';
        return RuleResult.nonCompliant(
          `Topic ${displayName(resource)} is an action of alarm ${displayName(alarm)}, but its topic policy${policy} ` +
            `does not let cloudwatch.amazonaws.com publish (${decision.reason}), so the alarm's notifications are dropped. ` +
            "Add `topic.addToResourcePolicy(...)` allowing `new iam.ServicePrincipal('cloudwatch.amazonaws.com')` `sns:Publish`, " +
            'scoped with `aws:SourceAccount`.',
        );
      }
      if (decision.decision === Decision.UNKNOWN) {
        unknown = unknown ?? decision;
      }
    }
    return unknown ? RuleResult.unknown(unknown.reason) : RuleResult.compliant();
  }
}
