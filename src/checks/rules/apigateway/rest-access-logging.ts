import { REST_STAGE_TYPES, RestStageSettings, stageLabel, UNKNOWN_SETTING } from './rest-stage';
import { Presence, presenceOf } from './set-value';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** REST API stages write access logs to a destination, with a format. */
export class ApiGwRestAccessLoggingRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestAccessLogging',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'A REST API stage writes access logs (who called which resource, status, latency) to a log destination. Without them there is no record of requests to troubleshoot or audit.',
      remediation:
        'Set `deployOptions.accessLogDestination` (e.g. `new apigateway.LogGroupLogDestination(logGroup)`) and `deployOptions.accessLogFormat` on the RestApi, or use `WellArchitectedRestApi`, which sets both. API Gateway needs the account-level CloudWatch role (`cloudWatchRole: true`).',
      resourceTypes: REST_STAGE_TYPES,
      equivalents: {
        serverlessRules: ['ES2000', 'aws_apigateway_stage_logging_rule'],
        cdkNag: ['AwsSolutions-APIG1', 'Serverless-APIGWAccessLogging'],
        checkov: ['CKV_AWS_76'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const stage = RestStageSettings.of(resource, context.index);
    if (stage instanceof RuleResult) {
      return stage;
    }
    const setting = stage.stageProperty('AccessLogSetting');
    if (setting === UNKNOWN_SETTING) {
      return RuleResult.unknown('the access log setting is not known at synth time');
    }
    const destination = presenceOf(setting?.DestinationArn, context.index);
    const format = presenceOf(setting?.Format, context.index);
    if (destination === Presence.UNKNOWN || format === Presence.UNKNOWN) {
      return RuleResult.unknown('the access log setting is not known at synth time');
    }
    if (destination === Presence.ABSENT) {
      return RuleResult.nonCompliant(
        `${stageLabel(resource)} has no access logging. Set \`deployOptions.accessLogDestination\` and \`deployOptions.accessLogFormat\` (or use WellArchitectedRestApi).`,
      );
    }
    if (format === Presence.ABSENT) {
      return RuleResult.nonCompliant(
        `${stageLabel(resource)} has an access log destination but no format, so API Gateway writes no access logs. Set \`deployOptions.accessLogFormat\`, e.g. \`AccessLogFormat.jsonWithStandardFields()\`.`,
      );
    }
    return RuleResult.compliant();
  }
}
