import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** REST API methods have an authorizer; CORS preflight (OPTIONS) and private APIs are exempt. */
export class ApiGwRestMethodAuthorizationRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestMethodAuthorization',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 1',
      severity: Severity.WARNING,
      description:
        'A REST API method authorizes callers (IAM, Cognito user pool or Lambda authorizer). API keys identify clients for usage plans; AWS says not to use them for authorization. OPTIONS methods (CORS preflight requests never carry credentials) and methods of PRIVATE APIs (reachable only through VPC endpoints allowed by the resource policy) are exempt.',
      remediation:
        'Set `defaultMethodOptions: { authorizer, authorizationType }` on the RestApi or `authorizer` / `authorizationType` in `addMethod` options. For an intentionally public method, acknowledge the finding with a reason.',
      resourceTypes: ['AWS::ApiGateway::Method'],
      equivalents: {
        cdkNag: ['AwsSolutions-APIG4'],
        checkov: ['CKV_AWS_59'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const httpMethod = resource.get('HttpMethod');
    const authorizationType = resource.get('AuthorizationType');
    if (Values.isUnknown(httpMethod) || Values.isUnknown(authorizationType)) {
      return RuleResult.unknown('HttpMethod or AuthorizationType is not known at synth time');
    }
    if (typeof httpMethod === 'string' && httpMethod.toUpperCase() === 'OPTIONS') {
      return RuleResult.notApplicable('CORS preflight (OPTIONS) requests carry no credentials');
    }
    if (authorizationType !== undefined && authorizationType !== 'NONE') {
      return RuleResult.compliant();
    }
    const api = context.index.resolveReference(resource.get('RestApiId'));
    if (!api || api.resourceType !== 'AWS::ApiGateway::RestApi' || api.unresolvedReason) {
      return RuleResult.unknown('the method belongs to a REST API that is not defined in this stack');
    }
    const endpointTypes = api.get('EndpointConfiguration.Types');
    if (Values.containsUnknown(endpointTypes)) {
      return RuleResult.unknown("the API's endpoint type is not known at synth time");
    }
    if (Array.isArray(endpointTypes) && endpointTypes.includes('PRIVATE')) {
      return RuleResult.notApplicable(
        'a PRIVATE API is reachable only through the VPC endpoints its resource policy allows',
      );
    }
    const apiKey =
      Values.asBoolean(resource.get('ApiKeyRequired')) === true ? ' (an API key is not authorization)' : '';
    return RuleResult.nonCompliant(
      `${String(httpMethod)} method has no authorization${apiKey}: anyone who can reach the API can call it. Set \`authorizer\` and \`authorizationType\` in the method options (or \`defaultMethodOptions\`), or acknowledge it if the method is public by design.`,
    );
  }
}
