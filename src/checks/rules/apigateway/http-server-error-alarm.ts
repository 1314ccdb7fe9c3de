import { evaluateHttpApiAlarm } from './http-alarm-rule';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** Each HTTP API has an alarm on its 5xx errors. */
export class ApiGwHttpServerErrorAlarmRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwHttpServerErrorAlarm',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'An HTTP API has a CloudWatch alarm on its `5xx` metric, so failing integrations and timeouts page someone instead of only showing up in a dashboard.',
      remediation:
        'Add `httpApi.metricServerError().createAlarm(this, id, { threshold, evaluationPeriods })` with an alarm action, or use `WellArchitectedHttpApi`, which creates the alarm on the shared alarm topic.',
      resourceTypes: ['AWS::ApiGatewayV2::Api'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    return evaluateHttpApiAlarm(
      resource,
      context,
      ['5xx'],
      'This HTTP API has no alarm on its 5xx metric, so server errors go unnoticed. Add `httpApi.metricServerError().createAlarm(...)` or use WellArchitectedHttpApi.',
    );
  }
}
