import { FUNCTION, describeFunction, executionRoleStatements, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { unscopedResourceProblems } from '../iam/policy-statements';

/**
 * The network-interface actions Lambda performs with the execution role of a function in a VPC. AWS documents them
 * on every resource: Lambda creates and deletes the interfaces (their IDs exist only at run time) in the subnets and
 * security groups of the function's VpcConfig, and the AWS managed policy AWSLambdaVPCAccessExecutionRole grants them
 * with `Resource: "*"` (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html).
 */
const LAMBDA_VPC_ACTIONS: ReadonlySet<string> = new Set(
  [
    'ec2:CreateNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
  ].map((action) => action.toLowerCase()),
);

/**
 * The execution role of a Lambda function allows `Resource: *` (or an ARN that names no resource, such as
 * `arn:aws:dynamodb:*:*:table/*`) only for actions that support no resource-level permissions, per the Service
 * Authorization Reference (the generated table in iam/iam-actions.ts), or under a Condition.
 */
export class LambdaRoleWildcardResourcesRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaRoleWildcardResources',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        "A Lambda function's execution role scopes each action to the resources it needs. `Resource: *`, or an ARN that names no resource (`arn:aws:s3:::*`, `arn:aws:dynamodb:*:*:table/*`), is accepted only under a Condition or for actions for which the Service Authorization Reference lists no resource type (e.g. `xray:PutTraceSegments`, `ec2:DescribeNetworkInterfaces`): https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html. A function with a VpcConfig may have the network-interface actions Lambda documents for VPC access (those of AWSLambdaVPCAccessExecutionRole) on every resource. An ARN with a name in it (`arn:aws:s3:::my-bucket/*`) is scoped.",
      remediation:
        'Use the grant methods of the resource (`table.grantReadData(fn)`, `bucket.grantRead(fn)`), or set `resources: [resource.arn]` on the `iam.PolicyStatement` given to `fn.addToRolePolicy`.',
      resourceTypes: [FUNCTION],
      equivalents: {
        cdkNag: ['AwsSolutions-IAM5'],
        checkov: ['CKV_AWS_111', 'CKV_AWS_355'],
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
    // A function in a VPC needs Lambda's network-interface actions on every resource; any other function does not.
    const accepted = resource.get('VpcConfig') !== undefined ? LAMBDA_VPC_ACTIONS : new Set<string>();
    for (const { statement, origin } of lookup.value.statements) {
      const verdict = unscopedResourceProblems(statement, accepted);
      if (verdict === 'unknown') {
        unknown = true;
      } else if (verdict.length > 0) {
        problems.push(`${verdict.join(', ')} on every resource in ${origin}`);
      }
    }
    if (problems.length > 0) {
      return RuleResult.nonCompliant(
        `The execution role ${lookup.value.role.logicalId} of function ${describeFunction(resource)} allows ${problems.join('; ')}, though these actions can be scoped to resources. Use the resource's grant methods or set \`resources\` on the statement.`,
      );
    }
    return unknown
      ? RuleResult.unknown('some policy statements of the execution role cannot be resolved at synth time')
      : RuleResult.compliant();
  }
}
