import { targetLabel, targetsOf } from './targets';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';
import { literalWithPseudoParameters } from '../iam/pseudo-literal';

const EVENTS_PRINCIPAL = 'events.amazonaws.com';

/** How a queue's resource policies treat EventBridge: allowed to send, not allowed, or cannot tell. */
enum Grant {
  ALLOWED = 'allowed',
  MISSING = 'missing',
  UNKNOWN = 'unknown',
}

function asList(value: any): any[] {
  return Array.isArray(value) ? value : [value];
}

/** A principal with each `Fn::Sub`/`Fn::Join` over pseudo parameters replaced by its text; other values as they are. */
function principalText(principal: any): any {
  if (principal === null || typeof principal !== 'object' || Values.isIntrinsic(principal)) {
    return principal;
  }
  const text = (value: any) => {
    const literal = literalWithPseudoParameters(value)?.replace(/\$\{AWS::URLSuffix\}$/, 'amazonaws.com');
    return literal !== undefined && !literal.includes('${') ? literal : value;
  };
  const result: any = {};
  for (const [key, value] of Object.entries(principal)) {
    result[key] = Array.isArray(value) ? value.map(text) : text(value);
  }
  return result;
}

function allowsEventBridgeSend(statement: any): Grant {
  // Principals built from pseudo parameters (`events.${AWS::URLSuffix}`) are read as the literal they stand for.
  const principal = principalText(statement?.Principal);
  if (
    Values.containsUnknown(statement?.Effect) ||
    Values.containsUnknown(principal) ||
    Values.containsUnknown(statement?.Action)
  ) {
    return Grant.UNKNOWN;
  }
  if (statement?.Effect !== 'Allow') {
    return Grant.MISSING;
  }
  const principalOk =
    principal === '*' ||
    asList(principal?.AWS).includes('*') ||
    asList(principal?.Service).some((s: any) => s === EVENTS_PRINCIPAL);
  const actionOk = asList(statement.Action).some(
    (a: any) => typeof a === 'string' && ['sqs:sendmessage', 'sqs:*', '*'].includes(a.toLowerCase()),
  );
  return principalOk && actionOk ? Grant.ALLOWED : Grant.MISSING;
}

/** Whether the queue policies of this stack that apply to `queue` let EventBridge send messages to it. */
function grantFor(queue: CheckedResource, index: StackIndex): Grant {
  const policies = [
    ...index.referencesTo(queue.logicalId, 'AWS::SQS::QueuePolicy').filter((r) => r.propertyPath.startsWith('Queues')),
    ...index
      .referencesTo(queue.logicalId, 'AWS::SQS::QueueInlinePolicy')
      .filter((r) => r.propertyPath.startsWith('Queue')),
  ].map((r) => r.source);
  let grant = Grant.MISSING;
  for (const policy of policies) {
    const statements = policy.unresolvedReason ? undefined : policy.get('PolicyDocument.Statement');
    if (statements === undefined || Values.isUnknown(statements)) {
      grant = Grant.UNKNOWN;
      continue;
    }
    for (const statement of asList(statements)) {
      const result = allowsEventBridgeSend(statement);
      if (result === Grant.ALLOWED) {
        return Grant.ALLOWED;
      }
      if (result === Grant.UNKNOWN) {
        grant = Grant.UNKNOWN;
      }
    }
  }
  return grant;
}

/** The dead-letter queue of every EventBridge target lets EventBridge send messages to it. */
export class EventBridgeDlqPermissionRule extends Rule {
  constructor() {
    super({
      id: 'WA-EventBridgeDlqPermission',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'The dead-letter queue of an EventBridge target has a queue policy that lets `events.amazonaws.com` send messages. Without it EventBridge cannot write to the DLQ, and failed events are lost silently even though a DLQ is configured.',
      remediation:
        "Use the aws-events-targets classes with `deadLetterQueue` (they add the policy), or `queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('events.amazonaws.com')], actions: ['sqs:SendMessage'], resources: [queue.queueArn], conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } } }))`.",
      resourceTypes: ['AWS::Events::Rule'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const targets = targetsOf(resource);
    if (targets instanceof RuleResult) {
      return targets;
    }
    const withDlq = targets.filter((t) => t.DeadLetterConfig?.Arn !== undefined);
    if (withDlq.length === 0) {
      return RuleResult.notApplicable('no target has a dead-letter queue (see WA-EventBridgeTargetDlq)');
    }
    const denied: any[] = [];
    let unclear = false;
    for (const target of withDlq) {
      const queue = context.index.resolveReference(target.DeadLetterConfig.Arn);
      if (!queue || queue.resourceType !== 'AWS::SQS::Queue') {
        unclear = true;
        continue;
      }
      const grant = grantFor(queue, context.index);
      if (grant === Grant.MISSING) {
        denied.push(target);
      } else if (grant === Grant.UNKNOWN) {
        unclear = true;
      }
    }
    if (denied.length > 0) {
      return RuleResult.nonCompliant(
        `The dead-letter queue of target ${denied.map(targetLabel).join(', ')} has no queue policy letting events.amazonaws.com call sqs:SendMessage, so EventBridge cannot deliver failed events to it. Add one with \`queue.addToResourcePolicy(...)\`.`,
      );
    }
    return unclear
      ? RuleResult.unknown('a dead-letter queue or its policy is not known at synth time')
      : RuleResult.compliant();
  }
}
