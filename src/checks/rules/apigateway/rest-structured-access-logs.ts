import { AccessLogFormatKind, classifyAccessLogFormat } from './access-log-format';
import { REST_STAGE_TYPES, RestStageSettings, stageLabel, UNKNOWN_SETTING } from './rest-stage';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** REST API access logs are JSON and carry the request id. */
export class ApiGwRestStructuredAccessLogsRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestStructuredAccessLogs',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'A REST API stage writes its access logs as JSON including `$context.requestId`, so CloudWatch Logs Insights can query them and each line joins the execution logs and the x-amzn-RequestId header clients see.',
      remediation:
        'Set `deployOptions.accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields()` (or a `custom` JSON format with `requestId`), or use `WellArchitectedRestApi`.',
      resourceTypes: REST_STAGE_TYPES,
      equivalents: {
        serverlessRules: ['WS2001', 'aws_api_gateway_stage_structured_logging'],
        cdkNag: ['Serverless-APIGWStructuredLogging'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const stage = RestStageSettings.of(resource, context.index);
    if (stage instanceof RuleResult) {
      return stage;
    }
    const format = stage.stageProperty('AccessLogSetting.Format');
    if (format === undefined) {
      return RuleResult.notApplicable('the stage has no access log format (see WA-ApiGwRestAccessLogging)');
    }
    if (format === UNKNOWN_SETTING) {
      return RuleResult.unknown('the access log format is not known at synth time');
    }
    return structuredLogResult(
      classifyAccessLogFormat(format),
      stageLabel(resource),
      '`deployOptions.accessLogFormat`',
    );
  }
}

/** The result for a classified access log format; shared with the HTTP API rule. */
export function structuredLogResult(kind: AccessLogFormatKind, label: string, prop: string): RuleResult {
  switch (kind) {
    case AccessLogFormatKind.UNKNOWN:
      return RuleResult.unknown('the access log format is not known at synth time');
    case AccessLogFormatKind.NOT_JSON:
      return RuleResult.nonCompliant(
        `${label} writes access logs that are not JSON. Set ${prop} to \`AccessLogFormat.jsonWithStandardFields()\` so the logs can be queried.`,
      );
    case AccessLogFormatKind.JSON_WITHOUT_REQUEST_ID:
      return RuleResult.nonCompliant(
        `${label} writes JSON access logs without \`$context.requestId\`. Add a requestId field to ${prop} so log lines can be joined to a request.`,
      );
    default:
      return RuleResult.compliant();
  }
}
