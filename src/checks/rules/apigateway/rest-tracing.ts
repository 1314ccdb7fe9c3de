import { REST_STAGE_TYPES, RestStageSettings, stageLabel, UNKNOWN_SETTING } from './rest-stage';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** REST API stages have X-Ray active tracing. */
export class ApiGwRestTracingRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestTracing',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'A REST API stage has AWS X-Ray tracing enabled, so a request can be followed from API Gateway through its integration (Lambda, Step Functions, ...).',
      remediation: 'Set `deployOptions.tracingEnabled: true` on the RestApi, or use `WellArchitectedRestApi`.',
      resourceTypes: REST_STAGE_TYPES,
      equivalents: {
        serverlessRules: ['WS2002', 'aws_apigateway_stage_tracing_rule'],
        cdkNag: ['Serverless-APIGWXrayEnabled', 'HIPAA.Security-APIGWXrayEnabled'],
        checkov: ['CKV_AWS_73'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const stage = RestStageSettings.of(resource, context.index);
    if (stage instanceof RuleResult) {
      return stage;
    }
    const tracing = stage.stageProperty('TracingEnabled');
    if (tracing === UNKNOWN_SETTING) {
      return RuleResult.unknown('TracingEnabled is not known at synth time');
    }
    if (Values.asBoolean(tracing) === true) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `${stageLabel(resource)} does not send traces to X-Ray. Set \`deployOptions.tracingEnabled: true\`.`,
    );
  }
}
