import { FUNCTION, asIamList, describeFunction, executionRoleStatements, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * Actions that support no resource-level permission (the Service Authorization Reference lists no resource
 * type for them), so `Resource: *` is the only way to allow them. Lower case; a trailing `*` is a prefix.
 */
const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS = [
  'xray:puttracesegments',
  'xray:puttelemetryrecords',
  'xray:getsamplingrules',
  'xray:getsamplingtargets',
  'xray:getsamplingstatisticsummaries',
  'xray:put*',
  'xray:getsampling*',
  'cloudwatch:putmetricdata',
  'cloudwatch:getmetricdata',
  'cloudwatch:getmetricstatistics',
  'cloudwatch:listmetrics',
  'ec2:createnetworkinterface',
  'ec2:deletenetworkinterface',
  'ec2:assignprivateipaddresses',
  'ec2:unassignprivateipaddresses',
  'ec2:describe*',
  'sts:getcalleridentity',
  's3:listallmybuckets',
  'sqs:listqueues',
  'sns:listtopics',
  'dynamodb:listtables',
  'dynamodb:liststreams',
  'dynamodb:describelimits',
  'kinesis:liststreams',
  'kinesis:describelimits',
  'lambda:listfunctions',
  'kms:listkeys',
  'kms:listaliases',
  'secretsmanager:listsecrets',
  'secretsmanager:getrandompassword',
  'ssm:describeparameters',
];

function needsWildcardResource(action: string): boolean {
  const a = action.toLowerCase();
  return ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.some((allowed) =>
    allowed.endsWith('*') && !a.endsWith('*') ? a.startsWith(allowed.slice(0, -1)) : a === allowed,
  );
}

/**
 * The execution role of a Lambda function allows `Resource: *` only for actions that have no resource-level
 * permissions (X-Ray, CloudWatch PutMetricData, ENI management, List/Describe calls), or under a Condition.
 */
export class LambdaRoleWildcardResourcesRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaRoleWildcardResources',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        "A Lambda function's execution role scopes each action to the resources it needs. `Resource: *` is accepted only for actions without resource-level permissions (e.g. X-Ray PutTraceSegments, CloudWatch PutMetricData) or under a Condition.",
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
    for (const { statement, origin } of lookup.value.statements) {
      const verdict = scopedActionsOnEveryResource(statement);
      if (verdict === 'unknown') {
        unknown = true;
      } else if (verdict.length > 0) {
        problems.push(`${verdict.map((a) => `'${a}'`).join(', ')} on '*' in ${origin}`);
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

/** The actions of an Allow statement on `*` (or NotResource) without Condition that could have been scoped. */
function scopedActionsOnEveryResource(statement: any): string[] | 'unknown' {
  const effect = Values.get(statement, 'Effect');
  if (Values.isUnknown(statement) || Values.isUnknown(effect)) {
    return 'unknown';
  }
  if (effect !== 'Allow' || Values.get(statement, 'Condition') !== undefined) {
    return [];
  }
  const resources = Values.get(statement, 'Resource');
  const notResource = Values.get(statement, 'NotResource');
  if (Values.isUnknown(resources)) {
    return 'unknown';
  }
  const onEverything = notResource !== undefined || asIamList(resources).includes('*');
  if (!onEverything) {
    return [];
  }
  const actions = Values.get(statement, 'Action');
  if (Values.isUnknown(actions)) {
    return 'unknown';
  }
  if (Values.get(statement, 'NotAction') !== undefined) {
    // Reported by WA-LambdaRoleWildcardActions; NotAction on '*' also covers scoped actions.
    return ['every action except NotAction'];
  }
  const list = asIamList(actions);
  const scoped = list.filter((a) => typeof a === 'string' && !Values.isUnknown(a) && !needsWildcardResource(a));
  if (scoped.length === 0 && list.some((a) => Values.isUnknown(a))) {
    return 'unknown';
  }
  return scoped;
}
