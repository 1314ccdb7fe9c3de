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
      severity: Severity.ERROR,
      description:
        'Lambda function URLs use AWS_IAM authentication. With NONE Lambda authenticates no caller, and the public permission that such a URL needs (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html) lets anyone on the internet invoke the function, with no throttling other than its concurrency: pay-per-use becomes pay-per-attacker. An error, as a permission open to every AWS account is (WA-LambdaPermissionPublic): the internet is the wider of the two audiences.',
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
