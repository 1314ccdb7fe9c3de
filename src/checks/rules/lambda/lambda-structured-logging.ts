import { FUNCTION, describeFunction, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Lambda functions log JSON with an application log level, so logs can be queried and filtered by level. */
export class LambdaStructuredLoggingRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaStructuredLogging',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'Lambda functions use the JSON log format with an application log level: structured logs can be queried with CloudWatch Logs Insights, and the level can be changed without a code change.',
      remediation:
        "Set `loggingFormat: lambda.LoggingFormat.JSON` and `applicationLogLevelV2: lambda.ApplicationLogLevel.INFO` on the Function (or use `WellArchitectedFunction`); on a CfnFunction set `loggingConfig: { logFormat: 'JSON', applicationLogLevel: 'INFO' }`.",
      resourceTypes: [FUNCTION],
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const format = resource.get('LoggingConfig.LogFormat');
    const level = resource.get('LoggingConfig.ApplicationLogLevel');
    if (Values.isUnknown(format) || Values.isUnknown(level)) {
      return RuleResult.unknown('LoggingConfig cannot be resolved at synth time');
    }
    if (format !== 'JSON') {
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} writes plain-text logs (LoggingConfig.LogFormat is ${format === undefined ? 'not set' : `'${format}'`}). Set \`loggingFormat: lambda.LoggingFormat.JSON\` and \`applicationLogLevelV2\`.`,
      );
    }
    if (level === undefined) {
      return RuleResult.nonCompliant(
        `Function ${describeFunction(resource)} logs JSON but leaves the application log level to the service default. Set it explicitly with \`applicationLogLevelV2: lambda.ApplicationLogLevel.INFO\` (LoggingConfig.ApplicationLogLevel).`,
      );
    }
    return RuleResult.compliant();
  }
}
