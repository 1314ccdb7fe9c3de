import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** REST API custom domain names require TLS 1.2 or later. */
export class ApiGwRestDomainTlsRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestDomainTls',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 1',
      severity: Severity.WARNING,
      description:
        'A REST API custom domain name uses a TLS 1.2 (or later) security policy. TLS_1_0 accepts TLS 1.0 clients, and an unset policy leaves the choice to the service default. (HTTP and WebSocket API domains only support TLS 1.2.)',
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
    if (policy === 'TLS_1_2' || (typeof policy === 'string' && policy.startsWith('SecurityPolicy_'))) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Custom domain ${policy === undefined ? 'sets no security policy, so it does not guarantee TLS 1.2' : `uses security policy '${policy}', which accepts TLS 1.0 clients`}. Set \`securityPolicy: SecurityPolicy.TLS_1_2\`.`,
    );
  }
}
