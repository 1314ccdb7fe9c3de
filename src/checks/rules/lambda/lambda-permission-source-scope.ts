import { PERMISSION, servicePrincipalName } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { literalWithPseudoParameters } from '../iam/pseudo-literal';

const DEFAULT_ADVICE = 'Set `sourceArn` (and `sourceAccount`) on the permission.';

/** Where AWS documents a different scope for a service than "the ARN of the resource that invokes". */
const SCOPE_ADVICE: Record<string, string> = {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html#prepare-lambda-function
  elasticloadbalancing:
    "Elastic Load Balancing invokes the function for a target group: AWS recommends `sourceArn` set to the target group's ARN (`targetGroup.targetGroupArn`) and `sourceAccount`. `elbv2_targets.LambdaTarget` grants without either; grant with `fn.addPermission(id, { principal, sourceArn, sourceAccount })` instead, or acknowledge the finding.",
  // https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-required-permissions-function.html
  secretsmanager:
    'For a Secrets Manager rotation function AWS recommends `sourceAccount` only (a `sourceArn` would tie the function to one secret): set `sourceAccount: Stack.of(this).account`. `secret.addRotationSchedule` grants without it.',
};

/**
 * Lambda permissions for an AWS service say which resource (SourceArn) or account (SourceAccount) may use
 * them, so the service cannot be made to invoke the function on behalf of someone else (confused deputy).
 */
export class LambdaPermissionSourceScopeRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaPermissionSourceScope',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.WARNING,
      description:
        "Lambda permissions that let an AWS service invoke a function are scoped with SourceArn (and SourceAccount when the ARN has no account, as for S3), so no other account's resource can make that service invoke the function.",
      remediation:
        "Use the L2 integrations (`bucket.addEventNotification`, `topic.addSubscription`, `rule.addTarget`, `LambdaIntegration`), which scope the permission; with `fn.addPermission` set `sourceArn` and `sourceAccount`. For an Application Load Balancer the source is the target group's ARN; for a Secrets Manager rotation function AWS recommends `sourceAccount` alone.",
      resourceTypes: [PERMISSION],
      equivalents: { checkov: ['CKV_AWS_364'], cfnLint: ['W3663'] },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    // A principal built from pseudo parameters (`logs.${AWS::Region}.amazonaws.com`) is the service it names.
    const principal = literalWithPseudoParameters(resource.get('Principal'));
    if (principal === undefined) {
      return RuleResult.unknown('Principal cannot be resolved at synth time');
    }
    const service = servicePrincipalName(principal);
    if (service === undefined) {
      return RuleResult.notApplicable('the principal is not an AWS service');
    }
    const sourceArn = resource.get('SourceArn');
    const sourceAccount = resource.get('SourceAccount');
    if (sourceArn === undefined && sourceAccount === undefined) {
      return RuleResult.nonCompliant(
        `Permission ${resource.logicalId} lets ${principal} invoke the function from any account's resources. ${SCOPE_ADVICE[service] ?? DEFAULT_ADVICE}`,
      );
    }
    if (sourceAccount === undefined && isS3Arn(sourceArn, context)) {
      return RuleResult.nonCompliant(
        `Permission ${resource.logicalId} is scoped to an S3 bucket ARN, which has no account id: a bucket of the same name in another account would match. Set \`sourceAccount\` too.`,
      );
    }
    return RuleResult.compliant();
  }
}

function isS3Arn(value: any, context: RuleContext): boolean {
  if (typeof value === 'string') {
    return !Values.isUnknown(value) && value.startsWith('arn:') && value.split(':')[2] === 's3';
  }
  const target = context.index.resolveReference(value);
  return target?.resourceType === 'AWS::S3::Bucket';
}
