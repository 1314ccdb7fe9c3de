import { Pillar, Severity } from '../../../../src';
import { lambdaRules } from '../../../../src/checks/rules/lambda';
import * as ruleClasses from '../../../../src/checks/rules/lambda/rules';

const LENS_PREFIX: Record<Pillar, string> = {
  [Pillar.OPERATIONAL_EXCELLENCE]: 'OPS',
  [Pillar.SECURITY]: 'SEC',
  [Pillar.RELIABILITY]: 'REL',
  [Pillar.PERFORMANCE_EFFICIENCY]: 'PERF',
  [Pillar.COST_OPTIMIZATION]: 'COST',
  [Pillar.SUSTAINABILITY]: 'SUS',
};

test('the Lambda rule ids are pinned (they are what users acknowledge)', () => {
  expect(
    lambdaRules()
      .map((r) => r.id)
      .sort(),
  ).toEqual([
    'WA-LambdaArm64',
    'WA-LambdaAsyncFailureDestination',
    'WA-LambdaAsyncInvokeConfig',
    'WA-LambdaDurationAlarm',
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
    'WA-LambdaSqsVisibilityTimeout',
    'WA-LambdaStreamFailureDestination',
    'WA-LambdaStreamRetryLimits',
    'WA-LambdaStructuredLogging',
    'WA-LambdaThrottlesAlarm',
    'WA-LambdaTimeout',
    'WA-LambdaTracing',
    'WA-LambdaUrlAuth',
    'WA-LambdaUrlCors',
  ]);
});

test.each(lambdaRules().map((r) => [r.id, r]))('%s has consistent metadata', (_id, rule) => {
  expect(rule.lensQuestion.startsWith(`${LENS_PREFIX[rule.pillar]} `)).toBe(true);
  expect(Object.values(Severity)).toContain(rule.severity);
  expect(rule.description.length).toBeGreaterThan(40);
  expect(rule.remediation).toMatch(/`[^`]+`/);
  for (const type of rule.resourceTypes) {
    expect(type).toMatch(/^AWS::(Lambda|IAM)::[A-Za-z]+$/);
  }
});

test('rules.ts exports a class for every rule of the catalogue', () => {
  const exported = Object.values(ruleClasses).filter((value) => typeof value === 'function');
  const catalogued = lambdaRules().map((r) => r.constructor);
  expect(new Set(catalogued)).toEqual(new Set(exported));
});
