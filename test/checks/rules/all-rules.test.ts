import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LambdaRuntimeSupportRule, Pillar, Severity, WellArchitectedChecks, WellArchitectedRules } from '../../../src';

/** Rule ids are a contract: users acknowledge and disable them by id. Changing this list is a breaking change. */
const EXPECTED_RULE_IDS = [
  'WA-AlarmAction',
  'WA-AlarmActionsEnabled',
  'WA-AlarmTopicSubscribed',
  'WA-ApiGwHttpAccessLogging',
  'WA-ApiGwHttpDefaultThrottling',
  'WA-ApiGwHttpDetailedMetrics',
  'WA-ApiGwHttpLambdaTimeout',
  'WA-ApiGwHttpLatencyAlarm',
  'WA-ApiGwHttpRouteAuthorization',
  'WA-ApiGwHttpServerErrorAlarm',
  'WA-ApiGwHttpStructuredAccessLogs',
  'WA-ApiGwRestAccessLogging',
  'WA-ApiGwRestDataTrace',
  'WA-ApiGwRestDefaultThrottling',
  'WA-ApiGwRestDetailedMetrics',
  'WA-ApiGwRestDomainTls',
  'WA-ApiGwRestExecutionLogging',
  'WA-ApiGwRestLambdaTimeout',
  'WA-ApiGwRestLatencyAlarm',
  'WA-ApiGwRestMethodAuthorization',
  'WA-ApiGwRestServerErrorAlarm',
  'WA-ApiGwRestStructuredAccessLogs',
  'WA-ApiGwRestTracing',
  'WA-ApiGwRestWaf',
  'WA-AppSyncAuthorization',
  'WA-AppSyncFieldLogging',
  'WA-AppSyncTracing',
  'WA-DynamoDbCustomerManagedKey',
  'WA-DynamoDbPointInTimeRecovery',
  'WA-DynamoDbProvisionedAutoScaling',
  'WA-EventBridgeDlqPermission',
  'WA-EventBridgeTargetDlq',
  'WA-EventBridgeTargetRetryPolicy',
  'WA-IamAdministratorAccess',
  'WA-IamWildcardActions',
  'WA-IamWildcardResources',
  'WA-LambdaArm64',
  'WA-LambdaAsyncFailureDestination',
  'WA-LambdaAsyncInvokeConfig',
  'WA-LambdaDurationAlarm',
  'WA-LambdaEnvironmentSecretNames',
  'WA-LambdaEnvironmentSecrets',
  'WA-LambdaErrorsAlarm',
  'WA-LambdaLargeMemory',
  'WA-LambdaLogRetention',
  'WA-LambdaMemorySize',
  'WA-LambdaPermissionPublic',
  'WA-LambdaPermissionSourceScope',
  'WA-LambdaProvisionedConcurrencyScaling',
  'WA-LambdaReservedConcurrencyZero',
  'WA-LambdaRoleWildcardActions',
  'WA-LambdaRoleWildcardResources',
  'WA-LambdaRuntimeSupport',
  'WA-LambdaSingleInvokingService',
  'WA-LambdaSqsBatchingWindow',
  'WA-LambdaSqsMaxConcurrency',
  'WA-LambdaSqsReportBatchItemFailures',
  'WA-LambdaSqsVisibilityBelowTimeout',
  'WA-LambdaSqsVisibilityTimeout',
  'WA-LambdaStreamFailureDestination',
  'WA-LambdaStreamRetryLimits',
  'WA-LambdaStructuredLogging',
  'WA-LambdaThrottlesAlarm',
  'WA-LambdaTimeout',
  'WA-LambdaTracing',
  'WA-LambdaUrlAuth',
  'WA-LambdaUrlCors',
  'WA-LogsEncrypted',
  'WA-LogsKmsKeyAccess',
  'WA-LogsMetricFilterAlarm',
  'WA-LogsRetention',
  'WA-PagingCompositeRecovers',
  'WA-SnsAlarmTopicKey',
  'WA-SnsAlarmTopicPolicy',
  'WA-SnsEncrypted',
  'WA-SnsPolicyOpenAccess',
  'WA-SnsServicePublisherKey',
  'WA-SnsSubscriptionQueueKey',
  'WA-SnsSubscriptionQueuePolicy',
  'WA-SnsSubscriptionRedrivePolicy',
  'WA-SnsTlsOnly',
  'WA-SqsAgeOfOldestMessageAlarm',
  'WA-SqsDeadLetterAlarm',
  'WA-SqsDeadLetterQueueType',
  'WA-SqsDeadLetterRetention',
  'WA-SqsEncryptedAtRest',
  'WA-SqsMaxReceiveCount',
  'WA-SqsPolicyOpenAccess',
  'WA-SqsRedrivePolicy',
  'WA-SqsTlsOnly',
  'WA-SqsUnusedQueue',
  'WA-StepFunctionsExpressLogging',
  'WA-StepFunctionsLogging',
  'WA-StepFunctionsTracing',
];

const LENS_PREFIX: Record<Pillar, string> = {
  [Pillar.OPERATIONAL_EXCELLENCE]: 'OPS',
  [Pillar.SECURITY]: 'SEC',
  [Pillar.RELIABILITY]: 'REL',
  [Pillar.PERFORMANCE_EFFICIENCY]: 'PERF',
  [Pillar.COST_OPTIMIZATION]: 'COST',
  [Pillar.SUSTAINABILITY]: 'SUS',
};

const LENS_QUESTIONS = ['OPS 1', 'OPS 2', 'SEC 1', 'SEC 2', 'SEC 3', 'REL 1', 'REL 2', 'PERF 1', 'COST 1'];

describe('the rule catalogue', () => {
  const rules = WellArchitectedRules.all();

  test('pins the full list of rule ids, sorted', () => {
    expect(rules.map((r) => r.id)).toEqual(EXPECTED_RULE_IDS);
  });

  test('ids are unique', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  test('covers every pillar and every question of the Serverless Lens', () => {
    expect(new Set(rules.map((r) => r.pillar))).toEqual(new Set(Object.values(Pillar)));
    for (const question of LENS_QUESTIONS) {
      expect(rules.some((r) => r.lensQuestion === question)).toBe(true);
    }
  });

  test.each(rules.map((r) => [r.id, r] as const))('%s carries complete metadata', (_id, rule) => {
    expect(rule.lensQuestion.startsWith(`${LENS_PREFIX[rule.pillar]} `)).toBe(true);
    expect(Object.values(Severity)).toContain(rule.severity);
    expect(rule.description.length).toBeGreaterThan(40);
    expect(rule.remediation.length).toBeGreaterThan(20);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    for (const resourceType of rule.resourceTypes) {
      expect(resourceType).toMatch(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
    }
  });

  test('byId finds a rule and answers undefined for an unknown id', () => {
    expect(WellArchitectedRules.byId('WA-LambdaTracing')?.pillar).toBe(Pillar.OPERATIONAL_EXCELLENCE);
    expect(WellArchitectedRules.byId('WA-Nope')).toBeUndefined();
  });

  test.each([
    ['2024-01-01', 0],
    ['2027-01-01', 1],
  ])('the runtime rule can be replaced by one pinned to a date (%s)', (date, expected) => {
    const app = new App();
    new lambda.Function(new Stack(app, 'S'), 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    const checks = WellArchitectedChecks.applyTo(app, {
      reportFormats: [],
      failOnError: false,
      rules: [
        ...WellArchitectedRules.all().filter((r) => r.id !== 'WA-LambdaRuntimeSupport'),
        new LambdaRuntimeSupportRule({ evaluationDate: new Date(date), warningDays: 30 }),
      ],
    });
    app.synth();
    expect(checks.report!.findings.filter((f) => f.ruleId === 'WA-LambdaRuntimeSupport')).toHaveLength(expected);
  });
});
