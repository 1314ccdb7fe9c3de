import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Lambda function URLs require IAM authentication. */
export class LambdaUrlAuthRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaUrlAuth',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 1',
      severity: Severity.WARNING,
      description:
        'Lambda function URLs use AWS_IAM authentication. With NONE anyone on the internet can invoke the function, with no throttling other than its concurrency, and pay-per-use becomes pay-per-attacker.',
      remediation:
        'Set `authType: lambda.FunctionUrlAuthType.AWS_IAM` in `fn.addFunctionUrl(...)` and grant callers with `fn.grantInvokeUrl(principal)`; for a public endpoint put API Gateway (throttling, WAF, authorizers) or CloudFront with origin access control in front.',
      resourceTypes: ['AWS::Lambda::Url'],
      equivalents: { checkov: ['CKV_AWS_258'] },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const authType = resource.get('AuthType');
    if (Values.isUnknown(authType)) {
      return RuleResult.unknown('AuthType cannot be resolved at synth time');
    }
    if (authType === 'NONE') {
      return RuleResult.nonCompliant(
        `Function URL ${resource.logicalId} has AuthType NONE: anyone can invoke the function. Set \`authType: lambda.FunctionUrlAuthType.AWS_IAM\`, or put API Gateway or CloudFront in front.`,
      );
    }
    return RuleResult.compliant();
  }
}
