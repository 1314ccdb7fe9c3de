import { REST_STAGE_TYPES, RestStageSettings, stageLabel, UNKNOWN_SETTING } from './rest-stage';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** REST API stages publish per-method CloudWatch metrics. */
export class ApiGwRestDetailedMetricsRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestDetailedMetrics',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'A REST API stage publishes detailed (per-method) CloudWatch metrics, so errors and latency can be traced to the route that causes them. Detailed metrics are billed as custom metrics.',
      remediation: 'Set `deployOptions.metricsEnabled: true` on the RestApi, or use `WellArchitectedRestApi`.',
      resourceTypes: REST_STAGE_TYPES,
      equivalents: {
        checkov: ['CKV2_AWS_4'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const stage = RestStageSettings.of(resource, context.index);
    if (stage instanceof RuleResult) {
      return stage;
    }
    const enabled = stage.allMethodsSetting('MetricsEnabled');
    if (enabled === UNKNOWN_SETTING) {
      return RuleResult.unknown('the all-methods MetricsEnabled is not known at synth time');
    }
    if (Values.asBoolean(enabled) === true) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `${stageLabel(resource)} does not publish detailed per-method metrics. Set \`deployOptions.metricsEnabled: true\`.`,
    );
  }
}
