import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * REST API custom domain names require TLS 1.2 or later. An unset `SecurityPolicy` is compliant: API Gateway gives a
 * custom domain name created without one the TLS_1_2 policy, for edge-optimized, Regional and private domains
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html#apigateway-security-policies-default).
 */
export class ApiGwRestDomainTlsRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestDomainTls',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 1',
      severity: Severity.WARNING,
      description:
        'A REST API custom domain name uses a TLS 1.2 (or later) security policy. TLS_1_0 accepts TLS 1.0 clients; an unset policy is TLS_1_2, the API Gateway default for custom domain names. (HTTP and WebSocket API domains only support TLS 1.2.)',
      remediation:
        'Set `securityPolicy: apigateway.SecurityPolicy.TLS_1_2` (or an enhanced `SecurityPolicy_TLS13_*` policy) on the DomainName, or `domainName.securityPolicy` on the RestApi.',
      resourceTypes: ['AWS::ApiGateway::DomainName'],
      equivalents: {
        checkov: ['CKV_AWS_206'],
      },
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const policy = resource.get('SecurityPolicy');
    if (Values.isUnknown(policy)) {
      return RuleResult.unknown('SecurityPolicy is not known at synth time');
    }
    if (
      policy === undefined ||
      policy === 'TLS_1_2' ||
      (typeof policy === 'string' && policy.startsWith('SecurityPolicy_'))
    ) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Custom domain uses security policy '${policy}', which accepts TLS 1.0 clients. Set \`securityPolicy: SecurityPolicy.TLS_1_2\` (or remove it: TLS_1_2 is the default).`,
    );
  }
}
