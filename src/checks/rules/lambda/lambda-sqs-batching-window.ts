import { EVENT_SOURCE_MAPPING, eventSourceOf } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** SQS event source mappings with a batch size above 10 have a batching window, as Lambda requires. */
export class LambdaSqsBatchingWindowRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaSqsBatchingWindow',
      pillar: Pillar.PERFORMANCE_EFFICIENCY,
      lensQuestion: 'PERF 1',
      severity: Severity.ERROR,
      description:
        'SQS event source mappings with BatchSize above 10 set MaximumBatchingWindowInSeconds of at least 1: Lambda rejects the mapping otherwise, and without a window large batches are never filled.',
      remediation:
        'Set `maxBatchingWindow: Duration.seconds(n)` (1-300) on the `SqsEventSource`, or keep `batchSize` at 10 or less.',
      resourceTypes: [EVENT_SOURCE_MAPPING],
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
    const rawBatch = resource.get('BatchSize');
    if (rawBatch === undefined) {
      return RuleResult.compliant();
    }
    const batch = Values.asNumber(rawBatch);
    const rawWindow = resource.get('MaximumBatchingWindowInSeconds');
    const window = rawWindow === undefined ? 0 : Values.asNumber(rawWindow);
    if (batch === undefined || window === undefined) {
      return RuleResult.unknown('BatchSize or MaximumBatchingWindowInSeconds cannot be resolved at synth time');
    }
    if (batch > 10 && window < 1) {
      return RuleResult.nonCompliant(
        `SQS event source mapping ${resource.logicalId} has batch size ${batch} without a batching window; Lambda requires MaximumBatchingWindowInSeconds >= 1 above 10. Set \`maxBatchingWindow\` on the event source.`,
      );
    }
    return RuleResult.compliant();
  }
}
