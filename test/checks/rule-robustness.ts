import { CheckedResource, Compliance, Rule, StackIndex } from '../../src';

/**
 * Every rule of a family answers unknown for a resource whose properties could not be resolved, and never
 * throws on odd property shapes (nulls, scalars where objects belong, references to nothing).
 */
export function describeRobustness(rules: Rule[]): void {
  describe('every rule of this family', () => {
    const keys = [
      'Targets',
      'MethodSettings',
      'StageDescription',
      'StageName',
      'AccessLogSetting',
      'AccessLogSettings',
      'TracingEnabled',
      'DefaultRouteSettings',
      'HttpMethod',
      'AuthorizationType',
      'RestApiId',
      'ApiId',
      'RouteKey',
      'Integration',
      'IntegrationType',
      'IntegrationUri',
      'IntegrationSubtype',
      'TimeoutInMillis',
      'SecurityPolicy',
      'Name',
      'ProtocolType',
      'TracingConfiguration',
      'LoggingConfiguration',
      'StateMachineType',
      'Replicas',
      'PointInTimeRecoverySpecification',
      'SSESpecification',
      'BillingMode',
      'GlobalSecondaryIndexes',
      'TableName',
      'XrayEnabled',
      'LogConfig',
      'AdditionalAuthenticationProviders',
      'AuthenticationType',
      'EndpointConfiguration',
    ];
    const values: any[] = [
      null,
      'x',
      7,
      true,
      [],
      {},
      [null],
      ['x'],
      { Ref: 'Nope' },
      { 'Fn::GetAtt': ['Nope', 'Arn'] },
    ];
    const oddShapes: any[] = [
      {},
      ...values.map((v) => Object.fromEntries(keys.map((k) => [k, v]))),
      ...values.map((v) => ({
        Targets: [{ Id: v, DeadLetterConfig: v, RetryPolicy: v }],
        MethodSettings: [
          { HttpMethod: '*', ResourcePath: '/*', LoggingLevel: v, DataTraceEnabled: v, MetricsEnabled: v },
        ],
        StageName: 'prod',
        StageDescription: { AccessLogSetting: v, MethodSettings: [v] },
        AccessLogSetting: { DestinationArn: v, Format: v },
        AccessLogSettings: { DestinationArn: 'arn', Format: v },
        Integration: { Type: 'AWS_PROXY', Uri: v, TimeoutInMillis: v },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: v,
        LoggingConfiguration: { Level: 'ALL', Destinations: [v, { CloudWatchLogsLogGroup: v }] },
        Replicas: [v, { PointInTimeRecoverySpecification: v, SSESpecification: v }],
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: v },
        GlobalSecondaryIndexes: [v],
        LogConfig: { CloudWatchLogsRoleArn: 'arn', FieldLogLevel: v },
        AdditionalAuthenticationProviders: [v],
      })),
    ];

    test.each(rules.map((r) => [r.id, r] as const))(
      '%s answers unknown for unresolvable resources and never throws',
      (_id, rule) => {
        const index = StackIndex.fromResources([]);
        for (const resourceType of rule.resourceTypes) {
          const unresolved = new CheckedResource({
            logicalId: 'X',
            resourceType,
            constructPath: 'Stack/X',
            stackName: 'Stack',
            unresolvedReason: 'its properties could not be resolved',
          });
          expect(rule.evaluate(unresolved, { index }).compliance).toBe(Compliance.UNKNOWN);
          for (const properties of oddShapes) {
            const odd = new CheckedResource({
              logicalId: 'X',
              resourceType,
              constructPath: 'Stack/X',
              stackName: 'Stack',
              properties,
            });
            expect(() => rule.evaluate(odd, { index: StackIndex.fromResources([odd]) })).not.toThrow();
          }
        }
      },
    );
  });
}
