import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** AppSync GraphQL APIs do not rely on API keys alone. */
export class AppSyncAuthorizationRule extends Rule {
  constructor() {
    super({
      id: 'WA-AppSyncAuthorization',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 1',
      severity: Severity.INFO,
      description:
        'An AppSync GraphQL API authorizes callers with IAM, Cognito user pools, OIDC or a Lambda authorizer rather than an API key alone. AWS recommends API keys for development or for APIs that are safe to expose publicly: a key identifies no user and expires after at most 365 days.',
      remediation:
        'Set `authorizationConfig.defaultAuthorization` to `AuthorizationType.USER_POOL`, `IAM`, `OIDC` or `LAMBDA` on the GraphqlApi (keep API_KEY as an `additionalAuthorizationModes` entry if public fields need it), or acknowledge the finding for a public API.',
      resourceTypes: ['AWS::AppSync::GraphQLApi'],
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const primary = resource.get('AuthenticationType');
    const additional = resource.get('AdditionalAuthenticationProviders');
    if (Values.isUnknown(primary) || Values.containsUnknown(additional)) {
      return RuleResult.unknown('the authorization modes are not known at synth time');
    }
    const modes = [primary, ...(Values.asList(additional) ?? []).map((p) => p?.AuthenticationType)];
    if (modes.every((m) => m === 'API_KEY')) {
      return RuleResult.nonCompliant(
        'This GraphQL API accepts only API keys, which identify no user. Set `authorizationConfig.defaultAuthorization` to USER_POOL, IAM, OIDC or LAMBDA, or acknowledge it if the API is public by design.',
      );
    }
    return RuleResult.compliant();
  }
}
