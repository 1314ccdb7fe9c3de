import { classifyAccessLogFormat } from './access-log-format';
import { httpStageLabel } from './http-api';
import { structuredLogResult } from './rest-structured-access-logs';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** HTTP and WebSocket API access logs are JSON and carry the request id. */
export class ApiGwHttpStructuredAccessLogsRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwHttpStructuredAccessLogs',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'An HTTP or WebSocket API stage writes its access logs as JSON including `$context.requestId`, so they can be queried with CloudWatch Logs Insights and joined to a request.',
      remediation:
        'Set `accessLogSettings.format: apigwv2.AccessLogFormat.jsonWithStandardFields()` (or a custom JSON format with `requestId`), or use `WellArchitectedHttpApi`.',
      resourceTypes: ['AWS::ApiGatewayV2::Stage'],
      equivalents: {
        serverlessRules: ['WS2001', 'aws_apigatewayv2_stage_structured_logging'],
        cdkNag: ['Serverless-APIGWStructuredLogging'],
      },
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const format = resource.get('AccessLogSettings.Format');
    if (format === undefined) {
      return RuleResult.notApplicable('the stage has no access log format (see WA-ApiGwHttpAccessLogging)');
    }
    if (Values.isUnknown(format)) {
      return RuleResult.unknown('the access log format is not known at synth time');
    }
    return structuredLogResult(classifyAccessLogFormat(format), httpStageLabel(resource), '`accessLogSettings.format`');
  }
}
