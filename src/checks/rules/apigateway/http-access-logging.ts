import { httpStageLabel } from './http-api';
import { Presence, presenceOf } from './set-value';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** HTTP and WebSocket API stages write access logs. */
export class ApiGwHttpAccessLoggingRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwHttpAccessLogging',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'An HTTP or WebSocket API stage writes access logs to a log destination, with a format. HTTP APIs have no execution logs, so access logs are the only per-request record.',
      remediation:
        'Set `accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(logGroup), format }` on the HttpStage / WebSocketStage, or use `WellArchitectedHttpApi`.',
      resourceTypes: ['AWS::ApiGatewayV2::Stage'],
      equivalents: {
        serverlessRules: ['ES2000', 'aws_apigatewayv2_stage_logging_rule'],
        cdkNag: ['AwsSolutions-APIG1', 'Serverless-APIGWAccessLogging'],
        checkov: ['CKV_AWS_95'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const settings = resource.get('AccessLogSettings');
    if (Values.isUnknown(settings)) {
      return RuleResult.unknown('the access log settings are not known at synth time');
    }
    const destination = presenceOf(settings?.DestinationArn, context.index);
    const format = presenceOf(settings?.Format, context.index);
    if (destination === Presence.UNKNOWN || format === Presence.UNKNOWN) {
      return RuleResult.unknown('the access log settings are not known at synth time');
    }
    if (destination === Presence.ABSENT) {
      return RuleResult.nonCompliant(
        `${httpStageLabel(resource)} has no access logging. Set \`accessLogSettings\` on the stage (or use WellArchitectedHttpApi).`,
      );
    }
    if (format === Presence.ABSENT) {
      return RuleResult.nonCompliant(
        `${httpStageLabel(resource)} has an access log destination but no format, so no access logs are written. Set \`accessLogSettings.format\`.`,
      );
    }
    return RuleResult.compliant();
  }
}
