import { invokingPrincipals } from './lambda-invokers';
import { FUNCTION, describeFunction, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** A Lambda function is invoked by one kind of principal (one service, account or function URL). */
export class LambdaSingleInvokingServiceRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaSingleInvokingService',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.INFO,
      description:
        'A Lambda function has invocation permissions for one kind of principal. A function serving several triggers (e.g. API Gateway and S3) needs the union of their permissions and event parsing, and a change for one trigger affects the others.',
      remediation:
        'Give each trigger its own `lambda.Function` (one per `LambdaIntegration`, `LambdaSubscription`, `targets.LambdaFunction`...), sharing code through a module or a `lambda.LayerVersion`, so each function has only the permissions and configuration its trigger needs.',
      resourceTypes: [FUNCTION],
      equivalents: { serverlessRules: ['WS1002', 'aws_lambda_permission_multiple_principals'] },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const { principals, unknown } = invokingPrincipals(resource, context.index);
    if (principals.length > 1) {
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} can be invoked by ${principals.length} different principals (${principals.join(', ')}). Give each trigger its own function.`,
      );
    }
    return unknown
      ? RuleResult.unknown('a permission of the function has a principal that cannot be resolved at synth time')
      : RuleResult.compliant();
  }
}
