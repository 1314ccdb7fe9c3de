import { IAM_POLICY_HOLDERS, describeIamResource, ownStatements } from './identity-policies';
import { isFullAdministrator } from './policy-statements';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * No role, user, group or policy of the template grants full administrator access: an unconditional Allow of
 * `Action: "*"` on `Resource: "*"`, or the AWS managed policy AdministratorAccess. Execution roles included.
 */
export class IamAdministratorAccessRule extends Rule {
  constructor() {
    super({
      id: 'WA-IamAdministratorAccess',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.ERROR,
      description:
        'No IAM role (Lambda execution roles included), user, group or policy grants full administrator access: an Allow of `Action: "*"` on `Resource: "*"` without a Condition, or the AWS managed policy AdministratorAccess (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html). It is an error, unlike the other wildcard rules, because its impact has no bound: whoever controls the principal (a function\'s injected code, a leaked key) can read and delete every resource of the account, create users and rewrite every policy, including its own.',
      remediation:
        'Grant the actions and resources the principal needs (`bucket.grantRead(role)`, `role.addToPolicy(new iam.PolicyStatement({ actions: [...], resources: [...] }))`) instead of `actions: ["*"], resources: ["*"]` or `iam.ManagedPolicy.fromAwsManagedPolicyName("AdministratorAccess")`.',
      resourceTypes: IAM_POLICY_HOLDERS,
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const statements = ownStatements(resource);
    if (statements === 'unknown') {
      return RuleResult.unknown('the policies cannot be resolved at synth time');
    }
    const admin: string[] = [];
    let unknown = false;
    for (const { statement, origin } of statements) {
      const verdict = isFullAdministrator(statement);
      if (verdict === 'unknown') {
        unknown = true;
      } else if (verdict && !admin.includes(origin)) {
        admin.push(origin);
      }
    }
    if (admin.length > 0) {
      return RuleResult.nonCompliant(
        `The ${describeIamResource(resource)} grants full administrator access ('*' on '*') in ${admin.join('; ')}. Grant only the actions and resources the principal needs.`,
      );
    }
    return unknown
      ? RuleResult.unknown('some policy statements cannot be resolved at synth time')
      : RuleResult.compliant();
  }
}
