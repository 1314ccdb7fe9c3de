import { REST_STAGE_TYPES, RestStageSettings, stageLabel, UNKNOWN_SETTING } from './rest-stage';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** REST API stages log execution at ERROR or INFO for all methods. */
export class ApiGwRestExecutionLoggingRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestExecutionLogging',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'A REST API stage writes execution logs at ERROR or INFO level for all methods, so authorizer, mapping and integration failures that access logs only show as a status code can be diagnosed.',
      remediation:
        'Set `deployOptions.loggingLevel: apigateway.MethodLoggingLevel.ERROR` (or `INFO`) on the RestApi, or use `WellArchitectedRestApi`. API Gateway needs the account-level CloudWatch role (`cloudWatchRole: true`).',
      resourceTypes: REST_STAGE_TYPES,
      equivalents: {
        cdkNag: ['AwsSolutions-APIG6', 'HIPAA.Security-APIGWExecutionLoggingEnabled'],
        checkov: ['CKV2_AWS_4'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const stage = RestStageSettings.of(resource, context.index);
    if (stage instanceof RuleResult) {
      return stage;
    }
    const level = stage.allMethodsSetting('LoggingLevel');
    if (level === UNKNOWN_SETTING) {
      return RuleResult.unknown('the all-methods LoggingLevel is not known at synth time');
    }
    if (level === 'ERROR' || level === 'INFO') {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `${stageLabel(resource)} has execution logging ${level === undefined ? 'off' : `at '${level}'`} for all methods. Set \`deployOptions.loggingLevel\` to \`MethodLoggingLevel.ERROR\` or \`INFO\`.`,
    );
  }
}
