import { EVENT_SOURCE_MAPPING, describeFunction } from './lambda-resources';
import { sqsMappingTimeouts } from './sqs-visibility';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * The visibility timeout of an SQS queue that feeds a function is not below the function's timeout. Lambda
 * validates this when the event source mapping is created or updated and returns an error, so the deployment fails
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html): an error, not a warning.
 */
export class LambdaSqsVisibilityBelowTimeoutRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaSqsVisibilityBelowTimeout',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.ERROR,
      description:
        "The visibility timeout of an SQS queue consumed by a Lambda function is not below the function's timeout: Lambda rejects such an event source mapping when it is created or updated (AWS Lambda Developer Guide), so the deployment fails.",
      remediation:
        'Set `visibilityTimeout` on the Queue to at least the Function `timeout` (AWS recommends 6 x the timeout + `maxBatchingWindow`), or lower the function timeout.',
      resourceTypes: [EVENT_SOURCE_MAPPING],
      equivalents: { cfnLint: ['E3505'] },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const timeouts = sqsMappingTimeouts(resource, context.index);
    if (timeouts instanceof RuleResult) {
      return timeouts;
    }
    const { queue, fn, visibility, timeout } = timeouts;
    if (visibility >= timeout) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Queue ${queue.logicalId} has a visibility timeout of ${visibility} s, below the ${timeout} s timeout of function ${describeFunction(fn)} it feeds through mapping ${resource.logicalId}: Lambda rejects the mapping and the deployment fails. Set \`visibilityTimeout\` on the Queue to at least ${timeout} s (AWS recommends ${6 * timeout + timeouts.batchingWindow} s).`,
    );
  }
}
