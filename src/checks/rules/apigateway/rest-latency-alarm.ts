import { evaluateRestApiAlarm } from './rest-alarm-rule';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** Each REST API has an alarm on its latency. */
export class ApiGwRestLatencyAlarmRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestLatencyAlarm',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'A REST API has a CloudWatch alarm on `Latency` (or `IntegrationLatency`), typically on p90 or p99, so slow backends are noticed before requests start hitting the 29 s integration timeout.',
      remediation:
        "Add `api.metricLatency({ statistic: 'p99' }).createAlarm(this, id, { threshold, evaluationPeriods })` with an alarm action, or use `WellArchitectedRestApi`.",
      resourceTypes: ['AWS::ApiGateway::RestApi'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    return evaluateRestApiAlarm(
      resource,
      context,
      ['Latency', 'IntegrationLatency'],
      "REST API '{name}' has no alarm on Latency or IntegrationLatency. Add `api.metricLatency({ statistic: 'p99' }).createAlarm(...)` or use WellArchitectedRestApi.",
    );
  }
}
