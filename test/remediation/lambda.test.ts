import { App, CfnCondition, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventsources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { handler } from './fixtures';
import { WellArchitectedFunction } from '../../src/lambda';
import { AlarmSeverity, WellArchitectedMonitoring } from '../../src/monitoring';
import { WellArchitectedDefaults, WellArchitectedDefaultsProps } from '../../src/remediation';

function newStack(): { app: App; stack: Stack } {
  const app = new App();
  return { app, stack: new Stack(app, 'Legacy', { env: { account: '123456789012', region: 'eu-west-1' } }) };
}

function remediate(
  stack: Stack,
  props?: WellArchitectedDefaultsProps,
): { template: Template; defaults: WellArchitectedDefaults } {
  const defaults = WellArchitectedDefaults.applyTo(stack.node.root, props);
  return { template: Template.fromStack(stack), defaults };
}

/** The properties of the only function of the template with this logical id prefix. */
function functionProps(template: Template, prefix: string): any {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0][1].Properties;
}

const XRAY_STATEMENT = Match.objectLike({
  Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  Effect: 'Allow',
  Resource: '*',
});

describe('a plain lambda.Function', () => {
  test('gets active tracing with X-Ray permissions, JSON logs with levels, a log group with retention', () => {
    const { stack } = newStack();
    handler(stack, 'Worker');
    const { template } = remediate(stack);
    const props = functionProps(template, 'Worker');
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    expect(props.LoggingConfig).toEqual({
      LogFormat: 'JSON',
      ApplicationLogLevel: 'INFO',
      SystemLogLevel: 'WARN',
      LogGroup: { Ref: expect.stringMatching(/^WorkerLogGroup/) },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    // A new, unnamed group: one named /aws/lambda/<name> would collide with the group Lambda may have created.
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.absent() });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          XRAY_STATEMENT,
          Match.objectLike({
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkerLogGroup'), 'Arn'] },
          }),
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^WorkerServiceRole') }],
    });
    // The function depends on its default policy, so its first invocation has the permissions.
    template.hasResource('AWS::Lambda::Function', {
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^WorkerServiceRoleDefaultPolicy')]),
    });
    expect(props.Architectures).toBeUndefined();
  });

  test('gets Errors, Throttles and p99 Duration alarms that notify the monitoring topic', () => {
    const { stack } = newStack();
    handler(stack, 'Worker', { timeout: Duration.seconds(20) });
    const { template } = remediate(stack);
    const alarmOn = (metricName: string, extra: object) =>
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^Worker') } }],
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^WellArchitectedMonitoringAlarmTopic') }],
        ...extra,
      });
    alarmOn('Throttles', { Threshold: 0, Statistic: 'Sum' });
    alarmOn('Duration', { Threshold: 16000, ExtendedStatistic: 'p99', EvaluationPeriods: 5, DatapointsToAlarm: 3 });
    // The error rate, as WellArchitectedFunction's: Errors / Invocations above 5 % in 3 minutes running, named and
    // described the same way.
    const fnMetric = (name: string) =>
      Match.objectLike({
        MetricStat: Match.objectLike({
          Metric: {
            Namespace: 'AWS/Lambda',
            MetricName: name,
            Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^Worker') } }],
          },
          Stat: 'Sum',
        }),
      });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Legacy-Worker-Errors',
      AlarmDescription: Match.stringLikeRegexp('Lambda function Worker fails more than 5% of its invocations'),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^WellArchitectedMonitoringAlarmTopic') }],
      Threshold: 5,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Metrics: Match.arrayWith([fnMetric('Errors'), fnMetric('Invocations')]),
    });
  });

  test('errors are critical, throttles and duration warnings, in the monitoring', () => {
    const { app, stack } = newStack();
    const fn = handler(stack, 'Worker');
    WellArchitectedDefaults.applyTo(app);
    app.synth();
    const monitoring = WellArchitectedMonitoring.of(stack);
    const severities = Object.fromEntries(
      monitoring.alarms.map((alarm) => [alarm.node.id, monitoring.severityOf(alarm)]),
    );
    expect(severities).toEqual({
      ErrorsAlarm: AlarmSeverity.CRITICAL,
      ThrottlesAlarm: AlarmSeverity.WARNING,
      DurationAlarm: AlarmSeverity.WARNING,
    });
    expect(fn.node.tryFindChild('ErrorsAlarm')).toBeDefined();
  });

  test('records each change as an info annotation on the function', () => {
    const { stack } = newStack();
    handler(stack, 'Worker');
    remediate(stack);
    const infos = Annotations.fromStack(stack)
      .findInfo('/Legacy/Worker/Resource', Match.stringLikeRegexp('^\\[WellArchitectedDefaults\\]'))
      .map((m) => m.entry.data);
    expect(infos).toEqual(
      expect.arrayContaining([
        '[WellArchitectedDefaults] set TracingConfig.Mode=Active and allowed the execution role to write X-Ray segments',
        '[WellArchitectedDefaults] set LoggingConfig.LogFormat=JSON, LoggingConfig.ApplicationLogLevel=INFO, LoggingConfig.SystemLogLevel=WARN',
      ]),
    );
  });

  test('keeps explicit values: PassThrough tracing, Text logs, its own log group, x86_64', () => {
    const { stack } = newStack();
    const logGroup = new logs.LogGroup(stack, 'OwnLogs', { retention: logs.RetentionDays.ONE_WEEK });
    handler(stack, 'Worker', {
      tracing: lambda.Tracing.PASS_THROUGH,
      loggingFormat: lambda.LoggingFormat.TEXT,
      logGroup,
      architecture: lambda.Architecture.X86_64,
    });
    const { template, defaults } = remediate(stack, { architectureArm64: true });
    const props = functionProps(template, 'Worker');
    expect(props.TracingConfig).toEqual({ Mode: 'PassThrough' });
    // Levels need the JSON format: with an explicit Text they are not added.
    expect(props.LoggingConfig).toEqual({ LogFormat: 'Text', LogGroup: { Ref: expect.stringMatching(/^OwnLogs/) } });
    expect(props.Architectures).toEqual(['x86_64']);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    const functionChanges = defaults.changes.filter((c) => c.resourceType === 'AWS::Lambda::Function');
    expect(functionChanges.map((c) => c.description)).toEqual([
      'added alarms Legacy/Worker/ErrorsAlarm, Legacy/Worker/ThrottlesAlarm, Legacy/Worker/DurationAlarm that notify the WellArchitectedMonitoring topic',
      expect.stringMatching(/^acknowledged cdk-nag Serverless-LambdaDLQ/),
    ]);
  });

  test('fills only the missing logging fields: an explicit application level stays', () => {
    const { stack } = newStack();
    handler(stack, 'Worker', {
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.DEBUG,
    });
    const { template } = remediate(stack);
    expect(functionProps(template, 'Worker').LoggingConfig).toEqual(
      expect.objectContaining({ LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'WARN' }),
    );
  });

  test('an escape-hatch override counts as set', () => {
    const { stack } = newStack();
    const fn = handler(stack, 'Worker');
    (fn.node.defaultChild as lambda.CfnFunction).addPropertyOverride('TracingConfig.Mode', 'PassThrough');
    const { template } = remediate(stack);
    expect(functionProps(template, 'Worker').TracingConfig).toEqual({ Mode: 'PassThrough' });
  });

  test('a parameter or Fn::If as the existing value counts as set', () => {
    const { stack } = newStack();
    const mode = new CfnParameter(stack, 'TracingMode', { type: 'String', default: 'PassThrough' });
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(mode.valueAsString, 'Active') });
    const fn = handler(stack, 'Worker');
    const cfn = fn.node.defaultChild as lambda.CfnFunction;
    cfn.tracingConfig = { mode: mode.valueAsString };
    cfn.loggingConfig = Fn.conditionIf(isProd.logicalId, { LogFormat: 'JSON' }, { LogFormat: 'Text' }) as any;
    const { template } = remediate(stack);
    const props = functionProps(template, 'Worker');
    expect(props.TracingConfig).toEqual({ Mode: { Ref: 'TracingMode' } });
    expect(props.LoggingConfig).toEqual({ 'Fn::If': ['IsProd', { LogFormat: 'JSON' }, { LogFormat: 'Text' }] });
  });

  test('a function with logRetention keeps /aws/lambda/<name> and gets no new log group', () => {
    const { stack } = newStack();
    handler(stack, 'Worker', { logRetention: logs.RetentionDays.ONE_WEEK });
    const { template } = remediate(stack);
    expect(functionProps(template, 'Worker').LoggingConfig.LogGroup).toBeUndefined();
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
  });

  test('a function with an imported role is not traced and gets no log group, and says why', () => {
    const { stack } = newStack();
    handler(stack, 'Worker', { role: iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/legacy') });
    const { template } = remediate(stack);
    const props = functionProps(template, 'Worker');
    expect(props.TracingConfig).toBeUndefined();
    expect(props.LoggingConfig.LogGroup).toBeUndefined();
    expect(props.LoggingConfig.LogFormat).toBe('JSON');
    Annotations.fromStack(stack).hasInfo(
      '/Legacy/Worker/Resource',
      Match.stringLikeRegexp('did not turn on X-Ray tracing: the execution role is not a role of this stack'),
    );
  });

  test('arm64 only when opted in', () => {
    const { stack } = newStack();
    handler(stack, 'Worker');
    expect(functionProps(remediate(stack).template, 'Worker').Architectures).toBeUndefined();
    const other = newStack();
    handler(other.stack, 'Worker');
    expect(functionProps(remediate(other.stack, { architectureArm64: true }).template, 'Worker').Architectures).toEqual(
      ['arm64'],
    );
  });

  test('an existing Errors alarm of the user is not duplicated', () => {
    const { stack } = newStack();
    const fn = handler(stack, 'Worker');
    new cloudwatch.Alarm(stack, 'OwnErrors', { metric: fn.metricErrors(), threshold: 1, evaluationPeriods: 1 });
    const { template } = remediate(stack);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'Errors' }, 1);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'Throttles' }, 1);
  });

  test.each<[keyof WellArchitectedDefaultsProps, (props: any, template: Template) => void]>([
    ['tracing', (props) => expect(props.TracingConfig).toBeUndefined()],
    ['structuredLogging', (props) => expect(props.LoggingConfig.LogFormat).toBeUndefined()],
    [
      'logRetention',
      (props, template) => {
        expect(props.LoggingConfig.LogGroup).toBeUndefined();
        template.resourceCountIs('AWS::Logs::LogGroup', 0);
      },
    ],
    ['alarms', (_props, template) => template.resourceCountIs('AWS::CloudWatch::Alarm', 0)],
  ])('%s: false leaves that change out', (name, expectUnchanged) => {
    const { stack } = newStack();
    handler(stack, 'Worker');
    const { template } = remediate(stack, { [name]: false });
    expectUnchanged(functionProps(template, 'Worker'), template);
  });

  test('a WellArchitectedFunction is left alone', () => {
    const { stack } = newStack();
    new WellArchitectedFunction(stack, 'Modern', {
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      tracing: lambda.Tracing.DISABLED,
    });
    const before = Template.fromStack(newStackWithModern()).toJSON();
    const { defaults } = remediate(stack);
    expect(defaults.changes).toEqual([]);
    expect(Object.keys(Template.fromStack(stack).toJSON().Resources).length).toBe(Object.keys(before.Resources).length);
  });
});

function newStackWithModern(): Stack {
  const { stack } = newStack();
  new WellArchitectedFunction(stack, 'Modern', {
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    tracing: lambda.Tracing.DISABLED,
  });
  return stack;
}

describe('an L1-only function', () => {
  function l1Stack() {
    const { app, stack } = newStack();
    const role = new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    });
    new lambda.CfnFunction(stack, 'Fn', {
      code: { zipFile: 'exports.handler = async () => {};' },
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      role: role.attrArn,
    });
    return { app, stack };
  }

  test('gets the same defaults, with an inline policy on its L1 role that it depends on', () => {
    const { stack } = l1Stack();
    const { template } = remediate(stack);
    const props = functionProps(template, 'Fn');
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    expect(props.LoggingConfig).toEqual(
      expect.objectContaining({ LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/^FnLogGroup/) } }),
    );
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([XRAY_STATEMENT]) },
      Roles: [{ Ref: 'Role' }],
    });
    template.hasResource('AWS::Lambda::Function', { DependsOn: [Match.stringLikeRegexp('^FnDefaultsPolicy')] });
  });

  test('the L1 properties are set, so tools that read them (cdk-nag) see the change', () => {
    const { app, stack } = l1Stack();
    WellArchitectedDefaults.applyTo(app);
    app.synth();
    const fn = stack.node.findChild('Fn') as lambda.CfnFunction;
    expect(fn.tracingConfig).toEqual({ mode: 'Active' });
  });
});

describe('SQS event source mappings', () => {
  function consumer(mark: boolean, props?: WellArchitectedDefaultsProps) {
    const { stack } = newStack();
    const queue = new sqs.Queue(stack, 'Jobs');
    const fn = handler(stack, 'Worker');
    fn.addEventSource(new eventsources.SqsEventSource(queue));
    if (mark) {
      WellArchitectedDefaults.markReportsBatchItemFailures(fn);
    }
    return remediate(stack, props).template;
  }

  test('get ReportBatchItemFailures only when the handler is marked', () => {
    consumer(true).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    consumer(false).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: Match.absent(),
    });
  });

  test('reportBatchItemFailures: false ignores the marks', () => {
    consumer(true, { reportBatchItemFailures: false }).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: Match.absent(),
    });
  });
});
