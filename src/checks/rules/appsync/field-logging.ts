import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { Presence, presenceOf } from '../apigateway/set-value';

const LOGGING_LEVELS = ['ERROR', 'INFO', 'DEBUG', 'ALL'];

/**
 * AppSync GraphQL APIs log to CloudWatch Logs with a field log level other than NONE. `ExcludeVerboseContent` is
 * accepted: it leaves out headers, context and evaluated mapping templates, while ERROR still logs the error section
 * and field-level errors (https://docs.aws.amazon.com/appsync/latest/APIReference/API_LogConfig.html).
 */
export class AppSyncFieldLoggingRule extends Rule {
  constructor() {
    super({
      id: 'WA-AppSyncFieldLogging',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'An AppSync GraphQL API writes request and field (resolver) logs to CloudWatch Logs at ERROR or a more verbose level. Without them, resolver errors behind a 200 response with an `errors` array leave no trace.',
      remediation:
        'Set `logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR }` (or `ALL` while debugging) on the GraphqlApi; CDK creates the CloudWatch Logs role.',
      resourceTypes: ['AWS::AppSync::GraphQLApi'],
      equivalents: {
        cdkNag: ['AwsSolutions-ASC3'],
        checkov: ['CKV_AWS_193', 'CKV_AWS_194'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const config = resource.get('LogConfig');
    if (Values.isUnknown(config)) {
      return RuleResult.unknown('LogConfig is not known at synth time');
    }
    const level = Values.get(config, 'FieldLogLevel');
    const role = presenceOf(Values.get(config, 'CloudWatchLogsRoleArn'), context.index);
    if (Values.isUnknown(level) || role === Presence.UNKNOWN) {
      return RuleResult.unknown('the log configuration is not known at synth time');
    }
    if (role === Presence.ABSENT) {
      return RuleResult.nonCompliant(
        'This GraphQL API writes no logs to CloudWatch Logs (no log role). Set `logConfig: { fieldLogLevel: FieldLogLevel.ERROR }`.',
      );
    }
    if (!LOGGING_LEVELS.includes(level)) {
      return RuleResult.nonCompliant(
        `This GraphQL API logs fields at level '${level ?? 'NONE'}', so resolver errors are not logged. Set \`logConfig.fieldLogLevel\` to \`FieldLogLevel.ERROR\` or more verbose.`,
      );
    }
    return RuleResult.compliant();
  }
}
