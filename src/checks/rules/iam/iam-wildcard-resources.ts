import { IAM_POLICY_HOLDERS, judgeOwnStatements } from './identity-policies';
import { unscopedResourceProblems } from './policy-statements';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * Roles, users, groups and policies allow `Resource: *` (or an ARN that names no resource) only for the actions that
 * support no resource-level permissions, or under a Condition. Execution roles of the stack's functions are judged
 * on the function (WA-LambdaRoleWildcardResources).
 */
export class IamWildcardResourcesRule extends Rule {
  constructor() {
    super({
      id: 'WA-IamWildcardResources',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        "IAM roles, users, groups and policies scope each action to the resources it needs. `Resource: *`, or an ARN that names no resource (`arn:aws:s3:::*`, `arn:aws:dynamodb:*:*:table/*`), is accepted only under a Condition or for actions for which the Service Authorization Reference lists no resource type (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html), read from a table generated from it. An ARN with a name in it (`arn:aws:s3:::my-bucket/*`) is scoped: narrower than cdk-nag AwsSolutions-IAM5, which flags every wildcard. Execution roles of the stack's functions are judged by WA-LambdaRoleWildcardResources.",
      remediation:
        'Use the grant methods of the resource (`bucket.grantRead(role)`, `queue.grantSendMessages(role)`), or set `resources: [resource.arn]` on the `iam.PolicyStatement`; add a Condition where the action cannot name its resource.',
      resourceTypes: IAM_POLICY_HOLDERS,
      equivalents: { cdkNag: ['AwsSolutions-IAM5'] },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    return judgeOwnStatements(resource, context.index, {
      problemsOf: unscopedResourceProblems,
      problem: (verdict, origin) => `${verdict.join(', ')} on every resource in ${origin}`,
      finding: (name, problems) =>
        `The ${name} allows ${problems}, though these actions can be scoped to resources. Use the resource's grant methods or set \`resources\` on the statement.`,
    });
  }
}
