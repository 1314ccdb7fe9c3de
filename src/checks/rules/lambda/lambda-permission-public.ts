import { PERMISSION } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Lambda permissions do not let everyone (`Principal: *`) invoke a function without a condition. */
export class LambdaPermissionPublicRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaPermissionPublic',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 1',
      severity: Severity.ERROR,
      description:
        'Lambda permissions do not grant invocation to every AWS principal (`*`) without a SourceArn, SourceAccount or PrincipalOrgID condition: any AWS account could invoke the function. Function URL permissions are checked by WA-LambdaUrlAuth.',
      remediation:
        'Grant invocation to the caller that needs it: `fn.grantInvoke(role)`, `fn.addPermission(id, { principal: new iam.AccountPrincipal(account) })`, or set `sourceArn`, `sourceAccount` or `organizationId` on the permission.',
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
    const principal = resource.get('Principal');
    if (Values.isUnknown(principal)) {
      return RuleResult.unknown('Principal cannot be resolved at synth time');
    }
    if (principal !== '*') {
      return RuleResult.compliant();
    }
    const viaUrl = Values.asBoolean(resource.get('InvokedViaFunctionUrl'));
    if (resource.get('FunctionUrlAuthType') !== undefined || viaUrl === true) {
      return RuleResult.notApplicable('function URL permissions are checked by WA-LambdaUrlAuth');
    }
    const scoped = ['SourceArn', 'SourceAccount', 'PrincipalOrgID'].some((p) => resource.get(p) !== undefined);
    if (scoped) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Permission ${resource.logicalId} lets any AWS principal ('*') invoke the function. Grant invocation to the callers that need it (\`fn.grantInvoke(...)\`) or set \`sourceArn\`, \`sourceAccount\` or \`organizationId\`.`,
    );
  }
}
