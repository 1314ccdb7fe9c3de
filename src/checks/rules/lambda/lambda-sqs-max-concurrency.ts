import { EVENT_SOURCE_MAPPING, describeFunction, eventSourceOf, functionOfMapping } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** An SQS event source's maximum concurrency is not above the reserved concurrency of its function. */
export class LambdaSqsMaxConcurrencyRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaSqsMaxConcurrency',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 1',
      severity: Severity.WARNING,
      description:
        "An SQS event source mapping's MaximumConcurrency is at most the function's reserved concurrency. Above it the poller invokes more than the function may run: invocations are throttled, messages return to the queue, and their receive count climbs toward the dead-letter queue.",
      remediation:
        'Set `maxConcurrency` on the `SqsEventSource` to at most the `reservedConcurrentExecutions` of the Function (or raise the reserved concurrency).',
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
    const rawMax = resource.get('ScalingConfig.MaximumConcurrency');
    if (rawMax === undefined) {
      return RuleResult.notApplicable('the mapping sets no maximum concurrency');
    }
    const max = Values.asNumber(rawMax);
    if (max === undefined) {
      return RuleResult.unknown('ScalingConfig.MaximumConcurrency cannot be resolved at synth time');
    }
    const fn = functionOfMapping(resource, context.index);
    if (fn.kind === 'unknown') {
      return RuleResult.unknown(fn.reason);
    }
    if (fn.kind === 'absent') {
      return RuleResult.unknown('the function of the mapping is not defined in this stack');
    }
    if (fn.value.unresolvedReason) {
      return RuleResult.unknown(fn.value.unresolvedReason);
    }
    const rawReserved = fn.value.get('ReservedConcurrentExecutions');
    if (rawReserved === undefined) {
      return RuleResult.compliant();
    }
    const reserved = Values.asNumber(rawReserved);
    if (reserved === undefined) {
      return RuleResult.unknown('the reserved concurrency of the function cannot be resolved at synth time');
    }
    if (max > reserved) {
      return RuleResult.nonCompliant(
        `SQS event source mapping ${resource.logicalId} allows ${max} concurrent invocations but function ${describeFunction(fn.value)} reserves only ${reserved}, so invocations are throttled and messages drift to the dead-letter queue. Set \`maxConcurrency\` to at most ${reserved}.`,
      );
    }
    return RuleResult.compliant();
  }
}
