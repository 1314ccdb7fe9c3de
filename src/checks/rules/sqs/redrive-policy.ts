import { displayName } from './display-name';
import { deadLetterRoleOf, redrivePolicyOf } from './queue-relations';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * An SQS queue has a redrive policy (a dead-letter queue), unless it is itself the dead-letter queue or
 * on-failure destination of something in the stack: another queue, a Lambda function (`DeadLetterConfig`,
 * `EventInvokeConfig`, event source mapping), an EventBridge rule target, a Scheduler schedule, an SNS
 * subscription, a pipe or an IoT rule.
 */
export class SqsRedrivePolicyRule extends Rule {
  constructor() {
    super({
      id: 'WA-SqsRedrivePolicy',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'SQS queues have a dead-letter queue, so a message that keeps failing is set aside instead of being retried ' +
        'until it expires. Queues that are themselves dead-letter queues (of a queue, a Lambda function, an ' +
        'EventBridge target, a schedule, an SNS subscription, a pipe) are exempt.',
      remediation:
        'Set `deadLetterQueue: { queue, maxReceiveCount }` on the `sqs.Queue`; `WellArchitectedQueue` creates one by ' +
        'default.',
      resourceTypes: ['AWS::SQS::Queue'],
      equivalents: {
        serverlessRules: ['ES6000', 'aws_sqs_queue_redrive_policy'],
        cdkNag: ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const policy = redrivePolicyOf(resource);
    if (policy.state === 'unknown') {
      return RuleResult.unknown('the redrive policy is resolved at deploy time');
    }
    if (policy.state === 'set') {
      return RuleResult.compliant();
    }
    const role = deadLetterRoleOf(resource, context.index);
    if (role?.conditional) {
      return RuleResult.unknown(`the queue may be a dead-letter queue: ${role.reason}`);
    }
    if (role !== undefined) {
      return RuleResult.notApplicable(`the queue is a dead-letter queue: ${role.reason}`);
    }
    return RuleResult.nonCompliant(
      `Queue ${displayName(resource)} has no dead-letter queue, so a message that keeps failing is retried until it expires. ` +
        'Set `deadLetterQueue: { queue, maxReceiveCount }` on the queue.',
    );
  }
}
