import { FUNCTION, describeFunction, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Lambda functions set their memory size explicitly instead of running on the 128 MB default. */
export class LambdaMemorySizeRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaMemorySize',
      pillar: Pillar.PERFORMANCE_EFFICIENCY,
      lensQuestion: 'PERF 1',
      severity: Severity.WARNING,
      description:
        'Lambda functions set their memory size explicitly. Memory also sets the CPU share; the 128 MB default is rarely the best price-performance (measure with AWS Lambda Power Tuning).',
      remediation:
        'Set `memorySize` on the Function (or use `WellArchitectedFunction`), chosen by measuring, e.g. with AWS Lambda Power Tuning.',
      resourceTypes: [FUNCTION],
      equivalents: {
        serverlessRules: ['ES1005', 'aws_lambda_function_default_memory'],
        cdkNag: ['Serverless-LambdaDefaultMemorySize'],
      },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const memory = resource.get('MemorySize');
    if (memory === undefined) {
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} runs on the default 128 MB of memory (and its CPU share). Set \`memorySize\` explicitly.`,
      );
    }
    return Values.isUnknown(memory) ? RuleResult.unknown('MemorySize is set by a token') : RuleResult.compliant();
  }
}
