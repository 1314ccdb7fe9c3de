import { httpStageLabel } from './http-api';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** HTTP and WebSocket API stages publish per-route metrics. */
export class ApiGwHttpDetailedMetricsRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwHttpDetailedMetrics',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'An HTTP or WebSocket API stage publishes detailed (per-route) CloudWatch metrics, so errors and latency can be traced to a route. Detailed metrics are billed as custom metrics.',
      remediation:
        'Set `detailedMetricsEnabled: true` on the HttpStage / WebSocketStage, or use `WellArchitectedHttpApi`.',
      resourceTypes: ['AWS::ApiGatewayV2::Stage'],
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const enabled = resource.get('DefaultRouteSettings.DetailedMetricsEnabled');
    if (Values.isUnknown(enabled)) {
      return RuleResult.unknown('DetailedMetricsEnabled is not known at synth time');
    }
    if (Values.asBoolean(enabled) === true) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `${httpStageLabel(resource)} does not publish detailed per-route metrics. Set \`detailedMetricsEnabled: true\` on the stage.`,
    );
  }
}
