import { IAM_POLICY_HOLDERS, describeIamResource, judgedOnFunctions, ownStatements } from './identity-policies';
import { wildcardActionProblems } from './policy-statements';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * Roles, users, groups and policies allow no `*` or `service:*` action, NotAction, or partial wildcard that reaches a
 * Permissions management action. Execution roles of the stack's functions are judged on the function
 * (WA-LambdaRoleWildcardActions); `*` on `*` by WA-IamAdministratorAccess.
 */
export class IamWildcardActionsRule extends Rule {
  constructor() {
    super({
      id: 'WA-IamWildcardActions',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        "IAM roles, users, groups and policies allow no `*` or `service:*` action, no Allow with NotAction, and no partial wildcard that reaches an action at the Permissions management access level of the Service Authorization Reference (`s3:Put*` covers `s3:PutBucketPolicy`), including through the AWS managed policies PowerUserAccess and IAMFullAccess. Partial wildcards within Read, List, Write and Tagging (`s3:GetObject*`), which the CDK grant methods write, pass: narrower than cdk-nag AwsSolutions-IAM5, which flags every wildcard. Execution roles of the stack's functions are judged by WA-LambdaRoleWildcardActions, `*` on `*` by WA-IamAdministratorAccess.",
      remediation:
        'Use the grant methods (`bucket.grantRead(role)`, `table.grantReadWriteData(role)`), or list the actions the principal calls in `role.addToPolicy(new iam.PolicyStatement({ actions: [...], resources: [...] }))`; replace PowerUserAccess and IAMFullAccess with policies for the job.',
      resourceTypes: IAM_POLICY_HOLDERS,
      equivalents: { cdkNag: ['AwsSolutions-IAM5'] },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const judged = judgedOnFunctions(resource, context.index);
    if (judged) {
      return judged;
    }
    const statements = ownStatements(resource);
    if (statements === 'unknown') {
      return RuleResult.unknown('the policies cannot be resolved at synth time');
    }
    const problems: string[] = [];
    let unknown = false;
    for (const { statement, origin } of statements) {
      const verdict = wildcardActionProblems(statement);
      if (verdict === 'unknown') {
        unknown = true;
      } else if (verdict.length > 0) {
        problems.push(`${verdict.join(', ')} in ${origin}`);
      }
    }
    if (problems.length > 0) {
      return RuleResult.nonCompliant(
        `The ${describeIamResource(resource)} allows ${problems.join('; ')}. Grant only the actions the principal calls (grant methods or \`addToPolicy\` with the actions listed).`,
      );
    }
    return unknown
      ? RuleResult.unknown('some policy statements cannot be resolved at synth time')
      : RuleResult.compliant();
  }
}
