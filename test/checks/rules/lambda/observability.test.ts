import { CfnParameter, Duration, Fn } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { l1Function, l2Function, newStack } from './fixtures';
import { Compliance } from '../../../../src';
import { LambdaDurationAlarmRule } from '../../../../src/checks/rules/lambda/lambda-duration-alarm';
import { LambdaErrorsAlarmRule } from '../../../../src/checks/rules/lambda/lambda-errors-alarm';
import { LambdaLogRetentionRule } from '../../../../src/checks/rules/lambda/lambda-log-retention';
import { LambdaThrottlesAlarmRule } from '../../../../src/checks/rules/lambda/lambda-throttles-alarm';
import { complianceOf, findings } from '../../rule-harness';

describe('WA-LambdaLogRetention', () => {
  const rule = new LambdaLogRetentionRule();

  test('L2 function with a logGroup that has a retention is compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', {
      logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_MONTH }),
    });
    expect(complianceOf(rule, stack, 'Fn/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function with the logRetention prop (CDK custom resource on /aws/lambda/<name>) is compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', { logRetention: logs.RetentionDays.ONE_WEEK });
    expect(complianceOf(rule, stack, 'Fn/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function without a log group is non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn');
    const found = findings(rule, stack);
    expect(found).toHaveLength(1);
    expect(found[0].result.message).toMatch(/no log group in the stack.*never expire.*logGroup/);
  });

  test('L2 function with a logGroup without retention is non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', {
      logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.INFINITE }),
    });
    expect(findings(rule, stack)[0].result.message).toMatch(/log group Logs.*has no retention/);
  });

  test('L1 function named literally, with a /aws/lambda/<name> log group that has retention, is compliant', () => {
    const stack = newStack();
    l1Function(stack, 'Named', { functionName: 'orders-handler' });
    new logs.CfnLogGroup(stack, 'NamedLogs', { logGroupName: '/aws/lambda/orders-handler', retentionInDays: 14 });
    l1Function(stack, 'Other', { functionName: 'other-handler' });
    expect(complianceOf(rule, stack, 'Named')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Other')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/\/aws\/lambda\/other-handler/);
  });

  test('L1 function with a log group named by Fn::Join on its Ref is compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    new logs.CfnLogGroup(stack, 'Logs', { logGroupName: Fn.join('', ['/aws/lambda/', fn.ref]), retentionInDays: 7 });
    expect(complianceOf(rule, stack, 'Fn')).toBe(Compliance.COMPLIANT);
  });

  test('log group names built with Fn::Sub or Fn::Join from literals and the function Ref are matched', () => {
    const stack = newStack();
    l1Function(stack, 'JoinFn', { functionName: 'join-fn' });
    new logs.CfnLogGroup(stack, 'JoinLogs', {
      logGroupName: Fn.join('', ['/aws/lambda/', 'join-fn']),
      retentionInDays: 7,
    });
    l1Function(stack, 'SubFn', { functionName: 'sub-fn' });
    new logs.CfnLogGroup(stack, 'SubLogs', {
      logGroupName: Fn.sub('/aws/lambda/${Name}', { Name: 'sub-fn' }),
      retentionInDays: 7,
    });
    const refFn = l1Function(stack, 'RefFn');
    new logs.CfnLogGroup(stack, 'RefLogs', {
      logGroupName: Fn.sub('/aws/lambda/${' + refFn.logicalId + '}'),
      retentionInDays: 7,
    });
    l1Function(stack, 'Configured', {
      loggingConfig: { logGroup: Fn.join('/', ['', 'app', 'configured']) },
    });
    new logs.CfnLogGroup(stack, 'ConfiguredLogs', {
      logGroupName: Fn.sub('/app/configured'),
      retentionInDays: 7,
    });
    for (const id of ['JoinFn', 'SubFn', 'RefFn', 'Configured']) {
      expect(complianceOf(rule, stack, `TestStack/${id}`)).toBe(Compliance.COMPLIANT);
    }
  });

  test('a log group that names the function but is not /aws/lambda/<name> is not its log group', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    new logs.CfnLogGroup(stack, 'Elsewhere', {
      logGroupName: Fn.join('', ['/custom/', fn.ref]),
      retentionInDays: 7,
    });
    expect(complianceOf(rule, stack, 'TestStack/Fn')).toBe(Compliance.NON_COMPLIANT);
  });

  test('an imported log group, a parameter or a parameterized retention is unknown', () => {
    const stack = newStack();
    const groupName = new CfnParameter(stack, 'GroupName');
    const days = new CfnParameter(stack, 'Days', { type: 'Number' });
    l2Function(stack, 'Imported', { logGroup: logs.LogGroup.fromLogGroupName(stack, 'Shared', 'shared-logs') });
    l1Function(stack, 'Param', { loggingConfig: { logGroup: groupName.valueAsString } });
    const withDays = l1Function(stack, 'DaysFn');
    new logs.CfnLogGroup(stack, 'DaysLogs', {
      logGroupName: Fn.join('', ['/aws/lambda/', withDays.ref]),
      retentionInDays: days.valueAsNumber,
    });
    expect(complianceOf(rule, stack, 'Imported/Resource')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'DaysFn')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaErrorsAlarm and WA-LambdaThrottlesAlarm', () => {
  const errors = new LambdaErrorsAlarmRule();
  const throttles = new LambdaThrottlesAlarmRule();

  test('L2 function with metricErrors/metricThrottles alarms is compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    fn.metricErrors().createAlarm(stack, 'Errors', { threshold: 1, evaluationPeriods: 1 });
    fn.metricThrottles().createAlarm(stack, 'Throttles', { threshold: 1, evaluationPeriods: 1 });
    expect(complianceOf(errors, stack, 'Fn')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(throttles, stack, 'Fn')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function with only an Invocations alarm, or an Errors alarm on another function, is non-compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    const other = l2Function(stack, 'Other');
    fn.metricInvocations().createAlarm(stack, 'Invocations', { threshold: 1, evaluationPeriods: 1 });
    other.metricErrors().createAlarm(stack, 'OtherErrors', { threshold: 1, evaluationPeriods: 1 });
    expect(complianceOf(errors, stack, 'TestStack/Fn')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(errors, stack, 'Other')).toBe(Compliance.COMPLIANT);
    expect(findings(errors, stack)[0].result.message).toMatch(/no CloudWatch alarm on its Errors metric.*metricErrors/);
    expect(findings(throttles, stack)).toHaveLength(2);
  });

  test('a metric-math alarm on Errors counts', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    new cloudwatch.MathExpression({
      expression: 'errors / invocations',
      usingMetrics: { errors: fn.metricErrors(), invocations: fn.metricInvocations() },
    }).createAlarm(stack, 'ErrorRate', { threshold: 0.01, evaluationPeriods: 1 });
    expect(complianceOf(errors, stack, 'Fn')).toBe(Compliance.COMPLIANT);
  });

  test('L1 alarms: by Ref and by the literal function name', () => {
    const stack = newStack();
    const byRef = l1Function(stack, 'ByRef');
    l1Function(stack, 'ByName', { functionName: 'named-fn' });
    l1Function(stack, 'Unwatched');
    const alarm = (id: string, value: string) =>
      new cloudwatch.CfnAlarm(stack, id, {
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        dimensions: [{ name: 'FunctionName', value }],
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    alarm('RefAlarm', byRef.ref);
    alarm('NameAlarm', 'named-fn');
    expect(complianceOf(errors, stack, 'ByRef')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(errors, stack, 'ByName')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(errors, stack, 'Unwatched')).toBe(Compliance.NON_COMPLIANT);
  });

  test('an alarm on the function whose metric name is a parameter is unknown', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const metric = new CfnParameter(stack, 'Metric');
    new cloudwatch.CfnAlarm(stack, 'ParamAlarm', {
      namespace: 'AWS/Lambda',
      metricName: metric.valueAsString,
      dimensions: [{ name: 'FunctionName', value: fn.ref }],
      statistic: 'Sum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(complianceOf(errors, stack, 'TestStack/Fn')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaDurationAlarm', () => {
  const rule = new LambdaDurationAlarmRule();

  test('L2 Duration alarm below the timeout is compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn', { timeout: Duration.seconds(10) });
    fn.metricDuration({ statistic: 'p99' }).createAlarm(stack, 'Duration', { threshold: 8000, evaluationPeriods: 3 });
    expect(complianceOf(rule, stack, 'Fn')).toBe(Compliance.COMPLIANT);
  });

  test('L2 Duration alarm at the timeout can never warn: non-compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn', { timeout: Duration.seconds(10) });
    fn.metricDuration().createAlarm(stack, 'Duration', { threshold: 10000, evaluationPeriods: 1 });
    expect(findings(rule, stack)[0].result.message).toMatch(/at or above the 10000 ms timeout/);
  });

  test('L1 function without a Duration alarm is non-compliant; the default 3 s timeout is used', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    l1Function(stack, 'Bare');
    new cloudwatch.CfnAlarm(stack, 'Duration', {
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions: [{ name: 'FunctionName', value: fn.ref }],
      extendedStatistic: 'p99',
      period: 60,
      evaluationPeriods: 1,
      threshold: 2500,
      comparisonOperator: 'GreaterThanThreshold',
    });
    expect(complianceOf(rule, stack, 'TestStack/Fn')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Bare')).toBe(Compliance.NON_COMPLIANT);
  });

  test('a parameter timeout with an alarm is unknown', () => {
    const stack = newStack();
    const timeout = new CfnParameter(stack, 'Timeout', { type: 'Number' });
    const fn = l1Function(stack, 'Fn', { timeout: timeout.valueAsNumber });
    new cloudwatch.CfnAlarm(stack, 'Duration', {
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions: [{ name: 'FunctionName', value: fn.ref }],
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 2500,
      comparisonOperator: 'GreaterThanThreshold',
    });
    expect(complianceOf(rule, stack, 'TestStack/Fn')).toBe(Compliance.UNKNOWN);
  });
});
