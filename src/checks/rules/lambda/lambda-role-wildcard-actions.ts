import { FUNCTION, asIamList, describeFunction, executionRoleStatements, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** A whole service (`s3:*`) or everything (`*`). Partial wildcards such as `s3:GetObject*` are what CDK grants use. */
const WILDCARD_ACTION = /^(\*|[A-Za-z0-9-]+:\*)$/;

/**
 * The execution role of a Lambda function allows no `*` or `service:*` action, in its inline policies or in
 * the policies of the stack attached to it.
 */
export class LambdaRoleWildcardActionsRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaRoleWildcardActions',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        "A Lambda function's execution role allows no `*` or `service:*` actions (nor Allow with NotAction): a function gets only the actions it calls, so a bug or injected code cannot delete tables or rewrite policies.",
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
      const verdict = wildcardActions(statement);
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

function wildcardActions(statement: any): string[] | 'unknown' {
  const effect = Values.get(statement, 'Effect');
  if (Values.isUnknown(effect) || Values.isUnknown(statement)) {
    return 'unknown';
  }
  if (effect !== 'Allow') {
    return [];
  }
  const notAction = Values.get(statement, 'NotAction');
  if (notAction !== undefined) {
    return ['every action except NotAction'];
  }
  const actions = Values.get(statement, 'Action');
  if (Values.isUnknown(actions)) {
    return 'unknown';
  }
  const wildcards = asIamList(actions).filter((a) => typeof a === 'string' && WILDCARD_ACTION.test(a));
  if (wildcards.length === 0 && asIamList(actions).some((a) => Values.isUnknown(a))) {
    return 'unknown';
  }
  return wildcards.map((a) => `'${a}'`);
}
