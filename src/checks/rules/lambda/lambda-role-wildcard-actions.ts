import { FUNCTION, describeFunction, executionRoleStatements, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { wildcardActionProblems } from '../iam/policy-statements';

/**
 * The execution role of a Lambda function allows no `*` or `service:*` action, NotAction, or partial wildcard that
 * reaches a Permissions management action, in its inline policies, the policies of the stack attached to it, or the
 * wildcard AWS managed policies (PowerUserAccess, IAMFullAccess). `*` on `*` is WA-IamAdministratorAccess's (error).
 */
export class LambdaRoleWildcardActionsRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaRoleWildcardActions',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        "A Lambda function's execution role allows no `*` or `service:*` actions (nor Allow with NotAction, nor a partial wildcard such as `s3:Put*` that reaches a Permissions management action like `s3:PutBucketPolicy`, per the Service Authorization Reference): a function gets only the actions it calls, so a bug or injected code cannot delete tables or rewrite policies. Partial wildcards within the Read, List, Write and Tagging access levels (`s3:GetObject*`), which the CDK grant methods use, pass. `Action: '*'` on `Resource: '*'` is reported by WA-IamAdministratorAccess as an error.",
      remediation:
        'Use the grant methods (`table.grantReadWriteData(fn)`, `bucket.grantRead(fn)`, `queue.grantSendMessages(fn)`) or list the actions the code calls in `fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...], resources: [...] }))`.',
      resourceTypes: [FUNCTION],
      equivalents: {
        serverlessRules: ['WS1003', 'aws_iam_role_lambda_no_star'],
        cdkNag: ['Serverless-LambdaStarPermissions', 'AwsSolutions-IAM5'],
        checkov: ['CKV_AWS_63'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const lookup = executionRoleStatements(resource, context.index);
    if (lookup.kind === 'unknown') {
      return RuleResult.unknown(lookup.reason);
    }
    if (lookup.kind === 'absent') {
      return RuleResult.unknown('the function has no Role');
    }
    const problems: string[] = [];
    let unknown = false;
    for (const { statement, origin } of lookup.value.statements) {
      const verdict = wildcardActionProblems(statement);
      if (verdict === 'unknown') {
        unknown = true;
      } else if (verdict.length > 0) {
        problems.push(`${verdict.join(', ')} in ${origin}`);
      }
    }
    if (problems.length > 0) {
      return RuleResult.nonCompliant(
        `The execution role ${lookup.value.role.logicalId} of function ${describeFunction(resource)} allows ${problems.join('; ')}. Grant only the actions the code calls (grant methods or \`fn.addToRolePolicy\`).`,
      );
    }
    return unknown
      ? RuleResult.unknown('some policy statements of the execution role cannot be resolved at synth time')
      : RuleResult.compliant();
  }
}
