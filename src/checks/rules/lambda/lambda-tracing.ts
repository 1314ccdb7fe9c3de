import { FUNCTION, describeFunction, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Lambda functions send traces to AWS X-Ray (`TracingConfig.Mode: Active`). */
export class LambdaTracingRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaTracing',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'Lambda functions have active X-Ray tracing, so a request can be followed across services and slow or failing calls found.',
      remediation:
        "Set `tracing: lambda.Tracing.ACTIVE` on the Function (or use `WellArchitectedFunction`); on a CfnFunction set `tracingConfig: { mode: 'Active' }`.",
      resourceTypes: [FUNCTION],
      equivalents: {
        serverlessRules: ['WS1000', 'aws_lambda_function_tracing_rule'],
        cdkNag: ['Serverless-LambdaTracing'],
        checkov: ['CKV_AWS_50'],
      },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const mode = resource.get('TracingConfig.Mode');
    if (Values.isUnknown(mode)) {
      return RuleResult.unknown('TracingConfig.Mode cannot be resolved at synth time');
    }
    if (mode === 'Active') {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Function ${describeFunction(resource)} does not have active X-Ray tracing (TracingConfig.Mode is ${mode === undefined ? 'not set' : `'${mode}'`}). Set \`tracing: lambda.Tracing.ACTIVE\`.`,
    );
  }
}
