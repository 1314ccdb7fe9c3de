import { EVENT_SOURCE_MAPPING, eventSourceOf } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** SQS event source mappings report batch item failures, so one failed message does not retry the whole batch. */
export class LambdaSqsReportBatchItemFailuresRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaSqsReportBatchItemFailures',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'SQS event source mappings with batches of more than one message use `ReportBatchItemFailures`: the function returns the ids of the failed messages, and only those are retried instead of the whole batch.',
      remediation:
        'Set `reportBatchItemFailures: true` on the `SqsEventSource` and return `{ batchItemFailures: [{ itemIdentifier }] }` from the handler (Powertools batch utility).',
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
    const types = resource.get('FunctionResponseTypes');
    if (Values.containsUnknown(types)) {
      return RuleResult.unknown('FunctionResponseTypes cannot be resolved at synth time');
    }
    if ((Values.asList(types) ?? []).includes('ReportBatchItemFailures')) {
      return RuleResult.compliant();
    }
    const rawBatch = resource.get('BatchSize');
    const batch = rawBatch === undefined ? 10 : Values.asNumber(rawBatch);
    if (batch === undefined) {
      return RuleResult.unknown('BatchSize cannot be resolved at synth time');
    }
    if (batch === 1) {
      return RuleResult.notApplicable('a batch of one message has nothing to report partially');
    }
    return RuleResult.nonCompliant(
      `SQS event source mapping ${resource.logicalId} (batch size ${batch}) does not report batch item failures, so one failed message makes the whole batch run again. Set \`reportBatchItemFailures: true\` and return the failed message ids.`,
    );
  }
}
