import { EVENT_SOURCE_MAPPING, describeFunction } from './lambda-resources';
import { sqsMappingTimeouts } from './sqs-visibility';
import { VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR } from '../../../service-defaults/sqs';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

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
      description: `The visibility timeout of an SQS queue consumed by a Lambda function is at least ${VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR} x the function's timeout + the mapping's MaximumBatchingWindowInSeconds (AWS Lambda Developer Guide), so messages are not processed twice when invocations are retried or throttled. A visibility timeout below the function timeout is WA-LambdaSqsVisibilityBelowTimeout (an error).`,
      remediation: `Set \`visibilityTimeout\` on the Queue to at least ${VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR} x the Function \`timeout\` + \`maxBatchingWindow\` (or lower the function timeout).`,
      resourceTypes: [EVENT_SOURCE_MAPPING],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const timeouts = sqsMappingTimeouts(resource, context.index);
    if (timeouts instanceof RuleResult) {
      return timeouts;
    }
    const { queue, fn, visibility, timeout, batchingWindow } = timeouts;
    if (visibility < timeout) {
      return RuleResult.notApplicable(
        'the visibility timeout is below the function timeout: WA-LambdaSqsVisibilityBelowTimeout reports it',
      );
    }
    const needed = VISIBILITY_TIMEOUT_FUNCTION_TIMEOUT_FACTOR * timeout + batchingWindow;
    if (visibility >= needed) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Queue ${queue.logicalId} has a visibility timeout of ${visibility} s but feeds function ${describeFunction(fn)} (timeout ${timeout} s${batchingWindow ? `, batching window ${batchingWindow} s` : ''}) through mapping ${resource.logicalId}, so messages become visible again while a retried or throttled batch still runs. Set \`visibilityTimeout\` on the Queue to at least ${needed} s.`,
    );
  }
}
