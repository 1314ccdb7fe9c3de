import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** AppSync GraphQL APIs have X-Ray tracing. */
export class AppSyncTracingRule extends Rule {
  constructor() {
    super({
      id: 'WA-AppSyncTracing',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'An AppSync GraphQL API sends traces to AWS X-Ray, so a slow query can be traced to the resolver and data source that cause it.',
      remediation: 'Set `xrayEnabled: true` on the GraphqlApi.',
      resourceTypes: ['AWS::AppSync::GraphQLApi'],
      equivalents: {
        serverlessRules: ['WS3000', 'aws_appsync_graphql_api_tracing_rule'],
        cdkNag: ['Serverless-AppSyncTracing'],
      },
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const enabled = resource.get('XrayEnabled');
    if (Values.isUnknown(enabled)) {
      return RuleResult.unknown('XrayEnabled is not known at synth time');
    }
    if (Values.asBoolean(enabled) === true) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant('This GraphQL API does not send traces to X-Ray. Set `xrayEnabled: true`.');
  }
}
