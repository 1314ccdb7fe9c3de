import { FUNCTION, describeFunction, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** The memory size above which a function should have a measured reason (the pre-2020 maximum, 3008 MB). */
const LARGE_MEMORY_MB = 3008;

/** Lambda functions with more than 3008 MB of memory, which should be a measured choice. */
export class LambdaLargeMemoryRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaLargeMemory',
      pillar: Pillar.COST_OPTIMIZATION,
      lensQuestion: 'COST 1',
      severity: Severity.INFO,
      description: `Lambda functions with more than ${LARGE_MEMORY_MB} MB of memory are billed for it on every invocation; such a size should come from a measurement (e.g. AWS Lambda Power Tuning), not a guess.`,
      remediation:
        'Measure with AWS Lambda Power Tuning and lower `memorySize` on the Function, or acknowledge the finding with the measurement as the reason.',
      resourceTypes: [FUNCTION],
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const raw = resource.get('MemorySize');
    if (raw === undefined) {
      return RuleResult.compliant();
    }
    const memory = Values.asNumber(raw);
    if (memory === undefined) {
      return RuleResult.unknown('MemorySize cannot be resolved at synth time');
    }
    if (memory > LARGE_MEMORY_MB) {
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} has ${memory} MB of memory (more than ${LARGE_MEMORY_MB} MB). Confirm the size with AWS Lambda Power Tuning and lower \`memorySize\`, or acknowledge with the measurement.`,
      );
    }
    return RuleResult.compliant();
  }
}
