import { metricsOfAlarm } from './alarm-metrics';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';
import { deadLetterRoleOf, literalQueueName, QUEUE } from '../sqs/queue-relations';

const ALARM = 'AWS::CloudWatch::Alarm';
const COMPOSITE = 'AWS::CloudWatch::CompositeAlarm';

/** SQS metrics that only go down when someone redrives, deletes or lets expire the messages of the queue. */
const QUEUE_BACKLOG_METRICS = new Set(['ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage']);
/** Metric math that turns a backlog into its change, which returns to zero when no new message arrives. */
const CHANGE_FUNCTIONS = /\b(RATE|DIFF|DIFF_TIME)\s*\(/i;
/** `ALARM(name)`, `OK("arn")`, `INSUFFICIENT_DATA(name)` in an alarm rule; the argument is a name or an ARN. */
const RULE_FUNCTION = /\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*"?([^")]+?)"?\s*\)/g;

/** Why a child alarm cannot return to OK by itself, or that it can, or that synth cannot tell. */
type Recovery =
  | { readonly kind: 'recovers' }
  | { readonly kind: 'stuck'; readonly alarm: CheckedResource; readonly why: string }
  | { readonly kind: 'unknown'; readonly why: string };

const RECOVERS: Recovery = { kind: 'recovers' };

/**
 * A composite alarm that pages (it has alarm actions) only includes alarms that return to OK by themselves when
 * the failure stops. CloudWatch runs a composite's actions only when its state changes, so a child that stays in
 * ALARM (the depth of a dead-letter queue: its messages wait for an operator; or missing data treated as breaching
 * on a metric that stops with the traffic) keeps the composite in ALARM and the next incident pages nobody.
 *
 * CloudWatch docs: alarm actions run on state changes
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions),
 * composite alarms (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html),
 * missing data treated as breaching
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data);
 * messages stay in a dead-letter queue until they are redriven, deleted or expire
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
 */
export class PagingCompositeRecoversRule extends Rule {
  constructor() {
    super({
      id: 'WA-PagingCompositeRecovers',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'A composite alarm with actions includes only alarms that return to OK by themselves when the failure stops. ' +
        'CloudWatch acts only on state changes: a child stuck in ALARM (a dead-letter queue depth alarm, or missing ' +
        'data treated as breaching) keeps the composite in ALARM, and the next incident pages nobody.',
      remediation:
        'Take the alarm out of the composite `alarmRule` (give it its own, non-paging action), or alarm on the change ' +
        "instead of the level: metric math `RATE(m1) > 0` over the dead-letter queue's visible messages pages on new " +
        'dead letters and returns to OK when none arrive; use `treatMissingData: NOT_BREACHING` where the metric ' +
        'stops with the traffic.',
      resourceTypes: [COMPOSITE],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const enabled = resource.get('ActionsEnabled');
    if (enabled !== undefined && !Values.isUnknown(enabled) && Values.asBoolean(enabled) === false) {
      return RuleResult.notApplicable('its actions are disabled, so it pages nobody');
    }
    const actions = resource.get('AlarmActions');
    if (Values.isUnknown(actions)) {
      return RuleResult.unknown('AlarmActions is resolved at deploy time');
    }
    if ((Values.asList(actions) ?? []).length === 0) {
      return RuleResult.notApplicable('it has no alarm actions, so it pages nobody');
    }
    const recovery = compositeRecovery(resource, context.index, new Set());
    switch (recovery.kind) {
      case 'recovers':
        return RuleResult.compliant();
      case 'unknown':
        return RuleResult.unknown(recovery.why);
      default:
        return RuleResult.nonCompliant(
          `Composite alarm ${displayName(resource)} pages, but its child alarm ${displayName(recovery.alarm)} ` +
            `${recovery.why}: it stays in ALARM after the failure stops, and so does the composite, so the next ` +
            'incident pages nobody. Take it out of ' +
            "the composite's `alarmRule`, or alarm on new failures (metric math `RATE(...) > 0`) instead.",
        );
    }
  }
}

/** The first stuck child of a composite (children of child composites included), else unknown or recovers. */
function compositeRecovery(composite: CheckedResource, index: StackIndex, visited: Set<string>): Recovery {
  visited.add(composite.logicalId);
  const children = childrenOf(composite, index);
  let unknown: Recovery | undefined = children.unknownWhy ? { kind: 'unknown', why: children.unknownWhy } : undefined;
  for (const child of children.alarms) {
    if (visited.has(child.logicalId)) {
      continue;
    }
    const recovery =
      child.resourceType === COMPOSITE ? compositeRecovery(child, index, visited) : alarmRecovery(child, index);
    if (recovery.kind === 'stuck') {
      return recovery;
    }
    if (recovery.kind === 'unknown') {
      unknown = unknown ?? recovery;
    }
  }
  return unknown ?? RECOVERS;
}

/**
 * The alarms an alarm rule names: by `Fn::GetAtt`/`Ref` to an alarm of the stack, or by a literal name or ARN that
 * matches the literal `AlarmName` of one. A name matching none is a child synth cannot see.
 */
function childrenOf(composite: CheckedResource, index: StackIndex): { alarms: CheckedResource[]; unknownWhy?: string } {
  const rule = composite.get('AlarmRule');
  if (rule === undefined) {
    return { alarms: [], unknownWhy: 'the composite has no AlarmRule' };
  }
  const alarms = new Map<string, CheckedResource>();
  for (const ref of index.referencesFrom(composite.logicalId)) {
    if (ref.propertyPath.startsWith('AlarmRule') && [ALARM, COMPOSITE].includes(ref.target.resourceType)) {
      alarms.set(ref.target.logicalId, ref.target);
    }
  }
  const text = literalText(rule);
  if (text === undefined) {
    return { alarms: [...alarms.values()], unknownWhy: 'the AlarmRule is resolved at deploy time' };
  }
  let unknownWhy: string | undefined;
  for (const match of text.matchAll(RULE_FUNCTION)) {
    const name = match[1].replace(/^arn:[^:]*:cloudwatch:[^:]*:[^:]*:alarm:/, '');
    if (name === REFERENCE) {
      continue; // a reference to an alarm of the stack, found through the index above
    }
    const named = [...index.ofType(ALARM), ...index.ofType(COMPOSITE)].find((a) => a.get('AlarmName') === name);
    if (named) {
      alarms.set(named.logicalId, named);
    } else {
      unknownWhy = unknownWhy ?? `the AlarmRule names alarm '${name}', which is not an alarm of this stack`;
    }
  }
  return { alarms: [...alarms.values()], unknownWhy };
}

/** Stands for a `Ref`/`Fn::GetAtt` in the literal text of an alarm rule. */
const REFERENCE = '\u0000ref';

/**
 * The text of an alarm rule with each reference (to an alarm, or a pseudo parameter in an ARN) replaced by a
 * placeholder; undefined when a part cannot be read at synth (a parameter, `Fn::If`, `Fn::Sub`).
 */
function literalText(rule: any): string | undefined {
  if (typeof rule === 'string') {
    return Values.isUnknown(rule) ? undefined : rule;
  }
  const join = rule?.['Fn::Join'];
  if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) {
    return undefined;
  }
  const parts: string[] = [];
  for (const part of join[1]) {
    if (typeof part === 'string') {
      parts.push(part);
    } else if (Values.referencedLogicalId(part) !== undefined) {
      parts.push(REFERENCE);
    } else {
      return undefined;
    }
  }
  return parts.join(join[0]);
}

/** Whether one metric alarm returns to OK by itself. */
function alarmRecovery(alarm: CheckedResource, index: StackIndex): Recovery {
  if (alarm.unresolvedReason) {
    return { kind: 'unknown', why: alarm.unresolvedReason };
  }
  // An alarm on the absence of something good (`LessThan...`: too few orders) recovers when the data comes back,
  // missing data or not; the rest alarm on something bad, whose metric stops when the failure stops.
  const comparison = alarm.get('ComparisonOperator');
  if (typeof comparison === 'string' && comparison.startsWith('LessThan')) {
    return RECOVERS;
  }
  const treatMissingData = alarm.get('TreatMissingData');
  if (typeof treatMissingData === 'string' && treatMissingData === 'breaching') {
    return {
      kind: 'stuck',
      alarm,
      why: 'treats missing data as breaching, and a metric stops reporting when there is nothing to report',
    };
  }
  const backlog = deadLetterBacklogOf(alarm, index);
  if (backlog.kind !== 'recovers') {
    return backlog;
  }
  if (Values.isUnknown(treatMissingData)) {
    return { kind: 'unknown', why: `TreatMissingData of ${displayName(alarm)} is resolved at deploy time` };
  }
  return RECOVERS;
}

/**
 * Whether the alarm watches the backlog (visible messages, oldest message age) of a dead-letter queue, which only
 * an operator empties. Metric math over it that takes its change (RATE, DIFF) recovers by itself.
 */
function deadLetterBacklogOf(alarm: CheckedResource, index: StackIndex): Recovery {
  const queries = Values.asList(alarm.get('Metrics'));
  let expression: string | undefined;
  if (queries !== undefined) {
    const returned = queries.find((q) => q?.ReturnData === true || q?.ReturnData === 'true') ?? queries[0];
    if (typeof returned?.Expression === 'string') {
      expression = returned.Expression;
    } else if (returned?.Expression !== undefined) {
      return { kind: 'unknown', why: `the metric math of ${displayName(alarm)} is resolved at deploy time` };
    }
  }
  let unknown: Recovery | undefined;
  for (const metric of metricsOfAlarm(alarm)) {
    if (metric.namespace !== 'AWS/SQS' || metric.metricName === undefined) {
      continue;
    }
    if (!QUEUE_BACKLOG_METRICS.has(metric.metricName)) {
      continue;
    }
    const dimension = metric.dimensions.find((d) => d?.Name === 'QueueName');
    const queue = queueOf(dimension?.Value, index);
    if (queue === undefined) {
      unknown = unknown ?? {
        kind: 'unknown',
        why: `the queue ${displayName(alarm)} watches is not a queue of this stack`,
      };
      continue;
    }
    const role = deadLetterRoleOf(queue, index);
    if (role === undefined) {
      continue;
    }
    if (role.conditional) {
      unknown ??= { kind: 'unknown', why: `queue ${displayName(queue)} is a dead-letter queue only under a condition` };
      continue;
    }
    if (expression !== undefined && CHANGE_FUNCTIONS.test(expression)) {
      return RECOVERS;
    }
    if (expression !== undefined) {
      return { kind: 'unknown', why: `the metric math of ${displayName(alarm)} is not one synth can judge` };
    }
    return {
      kind: 'stuck',
      alarm,
      why:
        `watches ${metric.metricName} of queue ${displayName(queue)}, which ${role.reason.replace(/^it /, '')}, and ` +
        'its messages stay there until someone redrives or deletes them',
    };
  }
  return unknown ?? RECOVERS;
}

function queueOf(value: any, index: StackIndex): CheckedResource | undefined {
  const referenced = index.resolveReference(value);
  if (referenced !== undefined) {
    return referenced.resourceType === QUEUE ? referenced : undefined;
  }
  if (typeof value === 'string' && !Values.isUnknown(value)) {
    return index.ofType(QUEUE).find((q) => literalQueueName(q) === value);
  }
  return undefined;
}
