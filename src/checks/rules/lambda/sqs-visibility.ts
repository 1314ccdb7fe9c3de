// The timeouts of an SQS event source mapping, shared by WA-LambdaSqsVisibilityTimeout (the 6x recommendation) and
// WA-LambdaSqsVisibilityBelowTimeout (the deployment failure). Internal.
import {
  DEFAULT_SQS_VISIBILITY_TIMEOUT_SECONDS,
  DEFAULT_TIMEOUT_SECONDS,
  eventSourceOf,
  functionOfMapping,
} from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { RuleResult } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

/** The queue and function of an SQS mapping, with the queue's visibility timeout and the function's timeout. */
export interface SqsMappingTimeouts {
  readonly queue: CheckedResource;
  readonly fn: CheckedResource;
  readonly visibility: number;
  readonly timeout: number;
  readonly batchingWindow: number;
}

/** The timeouts of an SQS event source mapping, or the result for a mapping they cannot be read from. */
export function sqsMappingTimeouts(mapping: CheckedResource, index: StackIndex): SqsMappingTimeouts | RuleResult {
  if (mapping.unresolvedReason) {
    return RuleResult.unknown(mapping.unresolvedReason);
  }
  const source = eventSourceOf(mapping, index);
  if (source.kind === 'unknown') {
    return RuleResult.unknown(source.reason);
  }
  if (source.kind === 'absent' || source.value.kind !== 'sqs') {
    return RuleResult.notApplicable('not an SQS mapping');
  }
  const queue = source.value.resource;
  if (!queue) {
    return RuleResult.unknown('the queue is not defined in this stack');
  }
  const fn = functionOfMapping(mapping, index);
  if (fn.kind === 'unknown') {
    return RuleResult.unknown(fn.reason);
  }
  if (fn.kind === 'absent') {
    return RuleResult.unknown('the function of the mapping is not defined in this stack');
  }
  if (queue.unresolvedReason || fn.value.unresolvedReason) {
    return RuleResult.unknown(queue.unresolvedReason ?? fn.value.unresolvedReason);
  }
  const visibility = numberOr(queue.get('VisibilityTimeout'), DEFAULT_SQS_VISIBILITY_TIMEOUT_SECONDS);
  const timeout = numberOr(fn.value.get('Timeout'), DEFAULT_TIMEOUT_SECONDS);
  const batchingWindow = numberOr(mapping.get('MaximumBatchingWindowInSeconds'), 0);
  if (visibility === undefined || timeout === undefined || batchingWindow === undefined) {
    return RuleResult.unknown('a timeout or the batching window cannot be resolved at synth time');
  }
  return { queue, fn: fn.value, visibility, timeout, batchingWindow };
}

function numberOr(value: any, fallback: number): number | undefined {
  return value === undefined ? fallback : Values.asNumber(value);
}
