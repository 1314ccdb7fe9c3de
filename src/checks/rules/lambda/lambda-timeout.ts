import { FUNCTION, describeFunction, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Lambda functions set their timeout explicitly instead of relying on the 3-second default. */
export class LambdaTimeoutRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaTimeout',
      pillar: Pillar.PERFORMANCE_EFFICIENCY,
      lensQuestion: 'PERF 1',
      severity: Severity.WARNING,
      description:
        'Lambda functions set their timeout explicitly. The 3-second default cuts off slow dependencies; a timeout far above the usual duration bills for hung invocations.',
      remediation:
        'Set `timeout` on the Function (or use `WellArchitectedFunction`) a little above the p99 duration, e.g. `timeout: Duration.seconds(10)`.',
      resourceTypes: [FUNCTION],
      equivalents: {
        serverlessRules: ['ES1006', 'aws_lambda_function_default_timeout'],
        cdkNag: ['Serverless-LambdaDefaultTimeout'],
      },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const timeout = resource.get('Timeout');
    if (timeout === undefined) {
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} uses the default 3-second timeout. Set \`timeout\` explicitly.`,
      );
    }
    return Values.isUnknown(timeout) ? RuleResult.unknown('Timeout is set by a token') : RuleResult.compliant();
  }
}
