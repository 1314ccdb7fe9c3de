import { protocolOf } from './topic-relations';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';
import { redrivePolicyOf } from '../sqs/queue-relations';

/** Protocols that deliver to people, where a dead-letter queue has nothing to replay. */
const PERSON_PROTOCOLS = new Set(['email', 'email-json', 'sms']);

/**
 * An SNS subscription to an application endpoint (Lambda, SQS, HTTP/S, Firehose, mobile) has a redrive policy,
 * so messages SNS fails to deliver after its retries land in a dead-letter queue. Inline `Subscription`s of an
 * `AWS::SNS::Topic` cannot have one.
 */
export class SnsSubscriptionRedrivePolicyRule extends Rule {
  constructor() {
    super({
      id: 'WA-SnsSubscriptionRedrivePolicy',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'SNS subscriptions to application endpoints (lambda, sqs, http/s, firehose) have a dead-letter queue, so ' +
        'messages that cannot be delivered after the retries are kept instead of lost. Email and SMS are exempt.',
      remediation:
        'Pass `deadLetterQueue` to the subscription (`new subscriptions.LambdaSubscription(fn, { deadLetterQueue })`, ' +
        '`SqsSubscription`, `UrlSubscription`), not the inline `Subscription` property of `CfnTopic`.',
      resourceTypes: ['AWS::SNS::Subscription', 'AWS::SNS::Topic'],
      equivalents: {
        serverlessRules: ['ES7000', 'aws_sns_topic_subscription_redrive_policy'],
        cdkNag: ['Serverless-SNSRedrivePolicy'],
      },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    if (resource.resourceType === 'AWS::SNS::Topic') {
      return this.evaluateInline(resource);
    }
    const protocol = protocolOf(resource);
    if (protocol === undefined) {
      return RuleResult.unknown('the protocol is resolved at deploy time');
    }
    if (PERSON_PROTOCOLS.has(protocol)) {
      return RuleResult.notApplicable(`${protocol} subscriptions deliver to people`);
    }
    const policy = redrivePolicyOf(resource);
    if (policy.state === 'unknown') {
      return RuleResult.unknown('the redrive policy is resolved at deploy time');
    }
    if (policy.state === 'set') {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `The ${protocol} subscription ${displayName(resource)} has no dead-letter queue, so messages SNS cannot deliver ` +
        'are lost. Pass `deadLetterQueue` to the subscription.',
    );
  }

  private evaluateInline(topic: CheckedResource): RuleResult {
    const inline = topic.get('Subscription');
    if (inline === undefined) {
      return RuleResult.notApplicable('the topic has no inline subscriptions');
    }
    const list = Values.asList(inline);
    if (list === undefined) {
      return RuleResult.unknown('the inline subscriptions are resolved at deploy time');
    }
    const application = list.filter((s) => {
      const protocol = s?.Protocol;
      return (
        typeof protocol === 'string' && !Values.isUnknown(protocol) && !PERSON_PROTOCOLS.has(protocol.toLowerCase())
      );
    });
    if (application.length === 0) {
      return list.some((s) => Values.isUnknown(s) || Values.isUnknown(s?.Protocol))
        ? RuleResult.unknown('an inline subscription is resolved at deploy time')
        : RuleResult.notApplicable('the inline subscriptions deliver to people');
    }
    return RuleResult.nonCompliant(
      `Topic ${displayName(topic)} has an inline ${application[0].Protocol} subscription, which cannot have a dead-letter ` +
        'queue. Use `topic.addSubscription(...)` with `deadLetterQueue` instead of the `subscription` property.',
    );
  }
}
