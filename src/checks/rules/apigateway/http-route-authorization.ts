import { apiProtocolOf } from './http-api';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** HTTP API routes, and WebSocket `$connect` routes, have an authorizer. */
export class ApiGwHttpRouteAuthorizationRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwHttpRouteAuthorization',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 1',
      severity: Severity.WARNING,
      description:
        'An HTTP API route authorizes callers (JWT, IAM or Lambda authorizer). For WebSocket APIs only the `$connect` route can (and needs to) authorize; `OPTIONS` routes (CORS preflight, which carries no credentials) are exempt.',
      remediation:
        'Set `defaultAuthorizer` on the HttpApi or `authorizer` in `addRoutes` (WebSocket: `authorizer` in `connectRouteOptions`). For an intentionally public route, acknowledge the finding with a reason.',
      resourceTypes: ['AWS::ApiGatewayV2::Route'],
      equivalents: {
        cdkNag: ['AwsSolutions-APIG4'],
        checkov: ['CKV_AWS_309'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const routeKey = resource.get('RouteKey');
    const authorizationType = resource.get('AuthorizationType');
    if (Values.isUnknown(routeKey) || Values.isUnknown(authorizationType)) {
      return RuleResult.unknown('RouteKey or AuthorizationType is not known at synth time');
    }
    if (typeof routeKey === 'string' && routeKey.toUpperCase().startsWith('OPTIONS ')) {
      return RuleResult.notApplicable('CORS preflight (OPTIONS) requests carry no credentials');
    }
    if (routeKey !== '$connect') {
      const protocol = apiProtocolOf(resource, context.index);
      if (protocol === undefined) {
        return RuleResult.unknown('the route belongs to an API that is not defined in this stack');
      }
      if (protocol === 'WEBSOCKET') {
        return RuleResult.notApplicable('WebSocket APIs authorize on $connect only');
      }
    }
    if (authorizationType !== undefined && authorizationType !== 'NONE') {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Route '${String(routeKey)}' has no authorization: anyone who can reach the API can call it. Set \`authorizer\` on the route (or \`defaultAuthorizer\` on the API), or acknowledge it if the route is public by design.`,
    );
  }
}
