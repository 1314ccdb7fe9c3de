import { evaluateRestApiAlarm } from './rest-alarm-rule';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** Each REST API has an alarm on its 5XX errors. */
export class ApiGwRestServerErrorAlarmRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestServerErrorAlarm',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'A REST API has a CloudWatch alarm on its `5XXError` metric, so failing integrations, throttled backends and timeouts page someone instead of only showing up in a dashboard.',
      remediation:
        'Add `api.metricServerError().createAlarm(this, id, { threshold, evaluationPeriods })` with an alarm action, or use `WellArchitectedRestApi`, which creates the alarm on the shared alarm topic.',
      resourceTypes: ['AWS::ApiGateway::RestApi'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    return evaluateRestApiAlarm(
      resource,
      context,
      ['5XXError'],
      "REST API '{name}' has no alarm on 5XXError, so server errors go unnoticed. Add `api.metricServerError().createAlarm(...)` or use WellArchitectedRestApi.",
    );
  }
}
