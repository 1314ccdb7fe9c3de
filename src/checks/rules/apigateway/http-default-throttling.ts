import { httpStageLabel } from './http-api';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** HTTP and WebSocket API stages set a default route rate and burst limit. */
export class ApiGwHttpDefaultThrottlingRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwHttpDefaultThrottling',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 1',
      severity: Severity.WARNING,
      description:
        'An HTTP or WebSocket API stage sets a default route throttling rate and burst. Otherwise one API can take the whole account quota (10,000 requests/s, burst 5,000 per Region) and overwhelm its backends.',
      remediation:
        'Set `throttle: { rateLimit, burstLimit }` on the HttpStage / WebSocketStage (sized for the backend), or use `WellArchitectedHttpApi`.',
      resourceTypes: ['AWS::ApiGatewayV2::Stage'],
      equivalents: {
        serverlessRules: ['ES2003', 'aws_apigatewayv2_stage_throttling_rule'],
        cdkNag: ['Serverless-APIGWDefaultThrottling'],
      },
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const settings = resource.get('DefaultRouteSettings');
    if (Values.isUnknown(settings)) {
      return RuleResult.unknown('DefaultRouteSettings is not known at synth time');
    }
    const rate = Values.get(settings, 'ThrottlingRateLimit');
    const burst = Values.get(settings, 'ThrottlingBurstLimit');
    const missing = [
      rate === undefined ? 'rateLimit' : undefined,
      burst === undefined ? 'burstLimit' : undefined,
    ].filter((m): m is string => m !== undefined);
    if (missing.length > 0) {
      return RuleResult.nonCompliant(
        `${httpStageLabel(resource)} has no default route ${missing.join(' or ')}, so only the account quota throttles it. Set \`throttle: { rateLimit, burstLimit }\` on the stage.`,
      );
    }
    if (Values.isUnknown(rate) || Values.isUnknown(burst)) {
      return RuleResult.unknown('the default throttling settings are not known at synth time');
    }
    return RuleResult.compliant();
  }
}
