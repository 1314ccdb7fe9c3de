import {
  DEFAULT_SQS_VISIBILITY_TIMEOUT_SECONDS,
  DEFAULT_TIMEOUT_SECONDS,
  EVENT_SOURCE_MAPPING,
  describeFunction,
  eventSourceOf,
  functionOfMapping,
} from './lambda-resources';
import { VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR } from '../../../service-defaults/sqs';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * The visibility timeout of an SQS queue that feeds a function is at least six times the function's timeout plus
 * the mapping's batching window, so a message is not redelivered while a (retried, throttled) batch still runs.
 */
export class LambdaSqsVisibilityTimeoutRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaSqsVisibilityTimeout',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description: `The visibility timeout of an SQS queue consumed by a Lambda function is at least ${VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR} x the function's timeout + the mapping's MaximumBatchingWindowInSeconds (AWS Lambda Developer Guide), so messages are not processed twice when invocations are retried or throttled.`,
      remediation: `Set \`visibilityTimeout\` on the Queue to at least ${VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR} x the Function \`timeout\` + \`maxBatchingWindow\` (or lower the function timeout).`,
      resourceTypes: [EVENT_SOURCE_MAPPING],
      equivalents: { cfnLint: ['E3505'] },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const source = eventSourceOf(resource, context.index);
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
    const fn = functionOfMapping(resource, context.index);
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
    const window = numberOr(resource.get('MaximumBatchingWindowInSeconds'), 0);
    if (visibility === undefined || timeout === undefined || window === undefined) {
      return RuleResult.unknown('a timeout or the batching window cannot be resolved at synth time');
    }
    const needed = VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR * timeout + window;
    if (visibility >= needed) {
      return RuleResult.compliant();
    }
    const consequence =
      visibility < timeout
        ? ', which is below the function timeout itself: Lambda rejects the mapping'
        : ', so messages become visible again while a retried or throttled batch still runs';
    return RuleResult.nonCompliant(
      `Queue ${queue.logicalId} has a visibility timeout of ${visibility} s but feeds function ${describeFunction(fn.value)} (timeout ${timeout} s${window ? `, batching window ${window} s` : ''}) through mapping ${resource.logicalId}${consequence}. Set \`visibilityTimeout\` on the Queue to at least ${needed} s.`,
    );
  }
}

function numberOr(value: any, fallback: number): number | undefined {
  return value === undefined ? fallback : Values.asNumber(value);
}
