import { parseJson } from './policy-document';
import { CheckedResource } from '../../engine/resource';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

/*
 * How a queue relates to the rest of its stack: its redrive policy, its dead-letter queue, whether it is
 * itself a dead-letter queue, its consumers. Internal helper of the SQS and SNS rules.
 */

export const QUEUE = 'AWS::SQS::Queue';

/**
 * Where a redrive policy names its dead-letter queue: `deadLetterTargetArn`, or anywhere in a redrive policy
 * written as one JSON string with `Fn::Sub` / `Fn::Join` (`RedrivePolicy: !Sub '{"deadLetterTargetArn": "${Dlq.Arn}"}'`),
 * where the dead-letter queue is the only queue it can name.
 */
const REDRIVE_TARGET_PATH = /^RedrivePolicy(\.deadLetterTargetArn|\.Fn::(Sub|Join)|$)/;

/** The places where a resource names a queue as the destination of what it failed to process. */
const DEAD_LETTER_PATHS: ReadonlyArray<{ readonly sourceType: string; readonly path: RegExp; readonly what: string }> =
  [
    { sourceType: QUEUE, path: REDRIVE_TARGET_PATH, what: 'the dead-letter queue of queue' },
    {
      sourceType: 'AWS::Lambda::Function',
      path: /^DeadLetterConfig\.TargetArn/,
      what: 'the dead-letter queue of function',
    },
    {
      sourceType: 'AWS::Lambda::EventInvokeConfig',
      path: /^DestinationConfig\.OnFailure\.Destination/,
      what: 'the on-failure destination of invoke config',
    },
    {
      sourceType: 'AWS::Lambda::EventSourceMapping',
      path: /^DestinationConfig\.OnFailure\.Destination/,
      what: 'the on-failure destination of event source mapping',
    },
    {
      sourceType: 'AWS::Events::Rule',
      path: /^Targets\.\d+\.DeadLetterConfig\.Arn/,
      what: 'a target dead-letter queue of rule',
    },
    {
      sourceType: 'AWS::Events::EventBus',
      path: /^DeadLetterConfig\.Arn/,
      what: 'the dead-letter queue of event bus',
    },
    {
      sourceType: 'AWS::Scheduler::Schedule',
      path: /^Target\.DeadLetterConfig\.Arn/,
      what: 'the dead-letter queue of schedule',
    },
    {
      sourceType: 'AWS::SNS::Subscription',
      path: REDRIVE_TARGET_PATH,
      what: 'the dead-letter queue of subscription',
    },
    {
      sourceType: 'AWS::Pipes::Pipe',
      path: /^SourceParameters\.\w+\.DeadLetterConfig\.Arn/,
      what: 'the dead-letter queue of pipe',
    },
    {
      sourceType: 'AWS::IoT::TopicRule',
      path: /^TopicRulePayload\.ErrorAction\./,
      what: 'the error action of topic rule',
    },
  ];

/** A queue's redrive policy: absent, unknown (a token), or its parsed value. */
export type RedrivePolicy =
  { readonly state: 'absent' } | { readonly state: 'unknown' } | { readonly state: 'set'; readonly value: any };

/** The redrive policy of a queue or subscription; CloudFormation accepts an object or a JSON string. */
export function redrivePolicyOf(resource: CheckedResource): RedrivePolicy {
  const raw = resource.get('RedrivePolicy');
  if (raw === undefined || raw === null) {
    return { state: 'absent' };
  }
  if (Values.isUnknown(raw)) {
    return { state: 'unknown' };
  }
  const value = typeof raw === 'string' ? parseJson(raw) : raw;
  if (value === undefined || typeof value !== 'object') {
    return { state: 'unknown' };
  }
  return { state: 'set', value };
}

/**
 * The dead-letter queue of a queue, when its redrive policy names a queue of the stack. Undefined when it
 * has no redrive policy or names a queue synth cannot see (imported, a parameter, `Fn::If`).
 */
export function deadLetterQueueOf(queue: CheckedResource, index: StackIndex): CheckedResource | undefined {
  const policy = redrivePolicyOf(queue);
  if (policy.state !== 'set') {
    return undefined;
  }
  const target = index.resolveReference(policy.value.deadLetterTargetArn);
  return target?.resourceType === QUEUE ? target : undefined;
}

/** The queues of the stack whose redrive policy names this queue as their dead-letter queue. */
export function sourceQueuesOf(deadLetterQueue: CheckedResource, index: StackIndex): CheckedResource[] {
  const sources = index
    .referencesTo(deadLetterQueue.logicalId, QUEUE)
    .filter((ref) => REDRIVE_TARGET_PATH.test(ref.propertyPath))
    .map((ref) => ref.source);
  return [...new Set(sources)];
}

/** Why a queue is a dead-letter queue (or on-failure destination) of something in the stack. */
export interface DeadLetterRole {
  /** e.g. `it is the dead-letter queue of queue Orders`. */
  readonly reason: string;
  /**
   * True when the queue has that role only under a condition (the reference is inside `Fn::If`, or its source has a
   * `Condition` the queue does not share): rules answer unknown rather than treat it as an ordinary queue.
   */
  readonly conditional: boolean;
}

/** `Fn::If` branches in a property path: `RedrivePolicy.Fn::If.1.deadLetterTargetArn` -> `RedrivePolicy.deadLetterTargetArn`. */
const IF_BRANCH = /\.Fn::If\.[12](?=\.|$)/g;

/**
 * Why the queue is a dead-letter queue (or on-failure destination) of something in the stack, or undefined.
 * A queue whose `RedriveAllowPolicy` explicitly lets source queues use it (`allowAll`, `byQueue`) declares
 * itself one too, even when its sources live in another stack. A role held only under a condition is returned
 * with `conditional`, unless the queue also has an unconditional one.
 */
export function deadLetterRoleOf(queue: CheckedResource, index: StackIndex): DeadLetterRole | undefined {
  let conditional: DeadLetterRole | undefined;
  for (const ref of index.referencesTo(queue.logicalId)) {
    const path = ref.propertyPath.replace(IF_BRANCH, '');
    const match = DEAD_LETTER_PATHS.find((p) => p.sourceType === ref.source.resourceType && p.path.test(path));
    if (!match) {
      continue;
    }
    const reason = `it is ${match.what} ${ref.source.logicalId}`;
    const underCondition =
      path !== ref.propertyPath || (ref.source.condition !== undefined && ref.source.condition !== queue.condition);
    if (!underCondition) {
      return { reason, conditional: false };
    }
    conditional ??= { reason: `${reason} (under a condition)`, conditional: true };
  }
  const allow = queue.get('RedriveAllowPolicy');
  const parsed = typeof allow === 'string' ? parseJson(allow) : allow;
  const permission = parsed?.redrivePermission;
  if (permission === 'allowAll' || permission === 'byQueue') {
    return { reason: `its RedriveAllowPolicy lets source queues use it (${permission})`, conditional: false };
  }
  return conditional;
}

/** Whether the queue is FIFO: true, false, or undefined when `FifoQueue` is a token. */
export function isFifoQueue(queue: CheckedResource): boolean | undefined {
  const fifo = queue.get('FifoQueue');
  if (fifo === undefined || fifo === null) {
    return false;
  }
  return Values.asBoolean(fifo);
}

/** The Lambda event source mappings of the stack that consume the queue. */
export function lambdaConsumersOf(queue: CheckedResource, index: StackIndex): CheckedResource[] {
  return index
    .referencesTo(queue.logicalId, 'AWS::Lambda::EventSourceMapping')
    .filter((ref) => ref.propertyPath.startsWith('EventSourceArn'))
    .map((ref) => ref.source);
}

/** The physical name of a queue when it is a literal, for matching alarms that name it by a string. */
export function literalQueueName(queue: CheckedResource): string | undefined {
  const name = queue.get('QueueName');
  return typeof name === 'string' && !Values.isUnknown(name) ? name : undefined;
}
