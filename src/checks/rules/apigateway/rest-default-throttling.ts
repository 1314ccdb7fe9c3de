import { REST_STAGE_TYPES, RestStageSettings, stageLabel, UNKNOWN_SETTING } from './rest-stage';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** REST API stages set a default rate and burst limit for all methods. */
export class ApiGwRestDefaultThrottlingRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestDefaultThrottling',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 1',
      severity: Severity.WARNING,
      description:
        'A REST API stage sets a default throttling rate and burst for all methods. Otherwise one API can take the whole account quota (10,000 requests/s, burst 5,000 per Region) and overwhelm its backends.',
      remediation:
        'Set `deployOptions.throttlingRateLimit` and `deployOptions.throttlingBurstLimit` on the RestApi (sized for the backend), or use `WellArchitectedRestApi`.',
      resourceTypes: REST_STAGE_TYPES,
      equivalents: {
        serverlessRules: ['ES2003', 'aws_api_gateway_method_settings_throttling_rule'],
        cdkNag: ['Serverless-APIGWDefaultThrottling'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const stage = RestStageSettings.of(resource, context.index);
    if (stage instanceof RuleResult) {
      return stage;
    }
    const rate = stage.allMethodsSetting('ThrottlingRateLimit');
    const burst = stage.allMethodsSetting('ThrottlingBurstLimit');
    const missing = [
      rate === undefined ? 'throttlingRateLimit' : undefined,
      burst === undefined ? 'throttlingBurstLimit' : undefined,
    ].filter((m): m is string => m !== undefined);
    if (missing.length > 0) {
      return RuleResult.nonCompliant(
        `${stageLabel(resource)} has no default ${missing.join(' or ')} for all methods, so only the account quota throttles it. Set ${missing.map((m) => `\`deployOptions.${m}\``).join(' and ')}.`,
      );
    }
    if (rate === UNKNOWN_SETTING || burst === UNKNOWN_SETTING) {
      return RuleResult.unknown('the default throttling settings are not known at synth time');
    }
    return RuleResult.compliant();
  }
}
