import { PERMISSION } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { literalWithPseudoParameters } from '../iam/pseudo-literal';

const URL_AUTH_DOCS = 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html';

/**
 * Lambda permissions do not let any AWS account (`Principal: *`) invoke a function, directly or through an AWS_IAM
 * function URL, without a SourceArn, SourceAccount or PrincipalOrgID condition.
 */
export class LambdaPermissionPublicRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaPermissionPublic',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 1',
      severity: Severity.ERROR,
      description: `Lambda permissions do not grant invocation to every AWS principal (\`*\`) without a SourceArn, SourceAccount or PrincipalOrgID condition: any AWS account could invoke the function. That includes \`lambda:InvokeFunctionUrl\` with FunctionUrlAuthType AWS_IAM, which lets the IAM principals of every account call the function URL (${URL_AUTH_DOCS}); a URL permission with FunctionUrlAuthType NONE makes the URL public to the internet and is reported on the URL by WA-LambdaUrlAuth. Both are errors: either way callers outside the account run the function at the account's cost, with the function's permissions.`,
      remediation:
        'Grant invocation to the caller that needs it: `fn.grantInvoke(role)`, `fn.grantInvokeUrl(role)`, `fn.addPermission(id, { principal: new iam.AccountPrincipal(account) })`, or set `sourceArn`, `sourceAccount` or `organizationId` on the permission.',
      resourceTypes: [PERMISSION],
      equivalents: {
        cdkNag: [
          'HIPAA.Security-LambdaFunctionPublicAccessProhibited',
          'NIST.800.53.R5-LambdaFunctionPublicAccessProhibited',
          'PCI.DSS.321-LambdaFunctionPublicAccessProhibited',
        ],
      },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const principal = literalWithPseudoParameters(resource.get('Principal'));
    if (principal === undefined) {
      return RuleResult.unknown('Principal cannot be resolved at synth time');
    }
    if (principal !== '*') {
      return RuleResult.compliant();
    }
    const urlAuthType = resource.get('FunctionUrlAuthType');
    if (Values.isUnknown(urlAuthType)) {
      return RuleResult.unknown('FunctionUrlAuthType cannot be resolved at synth time');
    }
    if (urlAuthType === 'NONE') {
      return RuleResult.notApplicable('a public function URL (AuthType NONE): WA-LambdaUrlAuth reports the URL');
    }
    if (urlAuthType === undefined && Values.asBoolean(resource.get('InvokedViaFunctionUrl')) === true) {
      // Callers of a URL need lambda:InvokeFunctionUrl too; that permission is the one that decides who they are.
      return RuleResult.notApplicable(
        'lambda:InvokeFunction through a function URL only: judged on the URL permission',
      );
    }
    const scoped = ['SourceArn', 'SourceAccount', 'PrincipalOrgID'].some((p) => resource.get(p) !== undefined);
    if (scoped) {
      return RuleResult.compliant();
    }
    if (urlAuthType === 'AWS_IAM') {
      return RuleResult.nonCompliant(
        `Permission ${resource.logicalId} lets the IAM principals of any AWS account ('*') call the function URL (AuthType AWS_IAM). Grant the callers that need it (\`fn.grantInvokeUrl(...)\`) or set \`sourceAccount\` or \`organizationId\`.`,
      );
    }
    return RuleResult.nonCompliant(
      `Permission ${resource.logicalId} lets any AWS principal ('*') invoke the function. Grant invocation to the callers that need it (\`fn.grantInvoke(...)\`) or set \`sourceArn\`, \`sourceAccount\` or \`organizationId\`.`,
    );
  }
}
