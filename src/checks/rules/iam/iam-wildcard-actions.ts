import { IAM_POLICY_HOLDERS, judgeOwnStatements } from './identity-policies';
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
    return judgeOwnStatements(resource, context.index, {
      problemsOf: wildcardActionProblems,
      problem: (verdict, origin) => `${verdict.join(', ')} in ${origin}`,
      finding: (name, problems) =>
        `The ${name} allows ${problems}. Grant only the actions the principal calls (grant methods or \`addToPolicy\` with the actions listed).`,
    });
  }
}
