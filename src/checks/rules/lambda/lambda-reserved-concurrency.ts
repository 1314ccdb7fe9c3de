import { FUNCTION, describeFunction, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** A reserved concurrency of 0 throttles every invocation: the function is switched off. */
export class LambdaReservedConcurrencyZeroRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaReservedConcurrencyZero',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 1',
      severity: Severity.WARNING,
      description:
        'Lambda functions do not have a reserved concurrency of 0, which throttles every invocation. It is an emergency off switch, not a deployable configuration.',
      remediation:
        'Remove `reservedConcurrentExecutions: 0` from the Function, or set it to the concurrency the function may use.',
      resourceTypes: [FUNCTION],
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const raw = resource.get('ReservedConcurrentExecutions');
    if (raw === undefined) {
      return RuleResult.compliant();
    }
    const reserved = Values.asNumber(raw);
    if (reserved === undefined) {
      return RuleResult.unknown('ReservedConcurrentExecutions cannot be resolved at synth time');
    }
    if (reserved === 0) {
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} has reservedConcurrentExecutions 0, so every invocation is throttled. Remove it or set the concurrency the function may use.`,
      );
    }
    return RuleResult.compliant();
  }
}
