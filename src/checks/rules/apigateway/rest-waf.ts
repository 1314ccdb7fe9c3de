import { literalText } from './lambda-target';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

const ASSOCIATION_TYPE = 'AWS::WAFv2::WebACLAssociation';

const opaqueByIndex = new WeakMap<StackIndex, boolean>();

/** Whether some web ACL association of the stack targets a resource synth cannot see (computed once per stack). */
function hasOpaqueAssociation(index: StackIndex): boolean {
  let opaque = opaqueByIndex.get(index);
  if (opaque === undefined) {
    opaque = index
      .ofType(ASSOCIATION_TYPE)
      .some(
        (a) =>
          a.unresolvedReason !== undefined ||
          (Values.containsUnknown(a.get('ResourceArn')) && index.referencesFrom(a.logicalId).length === 0),
      );
    opaqueByIndex.set(index, opaque);
  }
  return opaque;
}

/** Public REST API stages are associated with an AWS WAF web ACL. */
export class ApiGwRestWafRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestWaf',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 1',
      severity: Severity.INFO,
      description:
        'A public (edge or Regional) REST API stage is associated with an AWS WAF web ACL, which filters common exploits and abusive clients before they reach the integration. Optional: it adds cost and is worth it for internet-facing APIs.',
      remediation:
        'Add `new wafv2.CfnWebACLAssociation(this, id, { resourceArn: api.deploymentStage.stageArn, webAclArn })`, or acknowledge the finding with a reason.',
      resourceTypes: ['AWS::ApiGateway::Stage'],
      equivalents: {
        cdkNag: ['AwsSolutions-APIG3', 'NIST.800.53.R5-APIGWAssociatedWithWAF'],
        checkov: ['CKV2_AWS_29'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const index = context.index;
    if (
      index.referencesTo(resource.logicalId, ASSOCIATION_TYPE).some((r) => r.propertyPath.startsWith('ResourceArn'))
    ) {
      return RuleResult.compliant();
    }
    const api = index.resolveReference(resource.get('RestApiId'));
    const stageName = resource.get('StageName');
    if (api && typeof stageName === 'string' && !Values.isUnknown(stageName)) {
      const byName = index
        .referencesTo(api.logicalId, ASSOCIATION_TYPE)
        .some((r) => literalText(r.source.get('ResourceArn')).includes(`/stages/${stageName}`));
      if (byName) {
        return RuleResult.compliant();
      }
    }
    if (!api || api.resourceType !== 'AWS::ApiGateway::RestApi' || api.unresolvedReason) {
      return RuleResult.unknown('the stage belongs to a REST API that is not defined in this stack');
    }
    const endpointTypes = api.get('EndpointConfiguration.Types');
    if (Values.containsUnknown(endpointTypes)) {
      return RuleResult.unknown("the API's endpoint type is not known at synth time");
    }
    if (Array.isArray(endpointTypes) && endpointTypes.includes('PRIVATE')) {
      return RuleResult.notApplicable('a PRIVATE API is not reachable from the internet');
    }
    const opaque = hasOpaqueAssociation(index);
    if (opaque) {
      return RuleResult.unknown(
        'a web ACL association in this stack targets a resource that is not known at synth time',
      );
    }
    return RuleResult.nonCompliant(
      'This public REST API stage has no AWS WAF web ACL. Associate one with `new wafv2.CfnWebACLAssociation(..., { resourceArn: stage.stageArn, webAclArn })`, or acknowledge it with a reason.',
    );
  }
}
