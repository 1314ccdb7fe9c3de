import { evaluateHttpApiAlarm } from './http-alarm-rule';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** Each HTTP API has an alarm on its latency. */
export class ApiGwHttpLatencyAlarmRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwHttpLatencyAlarm',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'An HTTP API has a CloudWatch alarm on `Latency` (or `IntegrationLatency`), typically on p90 or p99, so slow backends are noticed before requests hit the 30 s integration timeout.',
      remediation:
        "Add `httpApi.metricLatency({ statistic: 'p99' }).createAlarm(this, id, { threshold, evaluationPeriods })` with an alarm action, or use `WellArchitectedHttpApi`.",
      resourceTypes: ['AWS::ApiGatewayV2::Api'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    return evaluateHttpApiAlarm(
      resource,
      context,
      ['Latency', 'IntegrationLatency'],
      "This HTTP API has no alarm on Latency or IntegrationLatency. Add `httpApi.metricLatency({ statistic: 'p99' }).createAlarm(...)` or use WellArchitectedHttpApi.",
    );
  }
}
