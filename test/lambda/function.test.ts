import { App, CfnParameter, Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsDestinations from 'aws-cdk-lib/aws-logs-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { WellArchitectedFunction, WellArchitectedFunctionProps } from '../../src/lambda';
import { AlarmSeverity, WellArchitectedMonitoring } from '../../src/monitoring';
import { alarmDescriptions } from '../monitoring/alarm-text';

const CODE = {
  code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
  handler: 'index.handler',
  runtime: lambda.Runtime.NODEJS_24_X,
};

function newStack(): Stack {
  return new Stack(new App(), 'Orders');
}

function build(props: Partial<WellArchitectedFunctionProps> = {}): { stack: Stack; fn: WellArchitectedFunction } {
  const stack = newStack();
  const fn = new WellArchitectedFunction(stack, 'Handler', { ...CODE, ...props });
  return { stack, fn };
}

function functionProps(stack: Stack): Record<string, any> {
  const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  // Only the function under test, not the handlers aws-cdk-lib adds (e.g. for S3 bucket notifications).
  const keys = Object.keys(functions).filter((key) => key.startsWith('Handler'));
  expect(keys).toHaveLength(1);
  return functions[keys[0]].Properties;
}

function acknowledgedIds(construct: { node: { metadata: Array<{ type: string; data: any }> } }): string[] {
  return construct.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.keys(entry.data).map((key) => key.replace(/^annotation::/i, '')));
}

describe('WellArchitectedFunction defaults', () => {
  test('function: arm64, 1024 MB, 10 s, active tracing, JSON logs at INFO/WARN, recursion stopped', () => {
    const { stack } = build();
    const template = Template.fromStack(stack);
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
    template.hasResourceProperties('AWS::Lambda::Function', {
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: {
        LogFormat: 'JSON',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'WARN',
        LogGroup: { Ref: logGroupId },
      },
      RecursiveLoop: 'Terminate',
      Runtime: 'nodejs24.x',
    });
  });

  test('Powertools environment: service name and namespace from the monitoring, log level INFO', () => {
    const { stack, fn } = build();
    expect(functionProps(stack).Environment.Variables).toEqual({
      POWERTOOLS_SERVICE_NAME: 'Orders',
      POWERTOOLS_METRICS_NAMESPACE: 'Orders',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    // Read before synthesis, it stands for the service name of the monitoring the function reports to then.
    expect(stack.resolve(fn.serviceName)).toBe('Orders');
  });

  test('log group: one month retention, retained on delete', () => {
    const { stack } = build();
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 30 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('role: no managed policy, logs scoped to its own log group, X-Ray alone on Resource *', () => {
    const { stack, fn } = build();
    const template = Template.fromStack(stack);
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
    const roles = template.findResources('AWS::IAM::Role');
    expect(Object.keys(roles)).toHaveLength(1);
    const role = Object.values(roles)[0];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toEqual([
      {
        PolicyName: 'Logging',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'WriteOwnLogGroup',
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
            },
          ],
        },
      },
    ]);

    const wildcardStatements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy: any) =>
      policy.Properties.PolicyDocument.Statement.filter(
        (statement: any) => JSON.stringify(statement.Resource) === '"*"',
      ),
    );
    expect(wildcardStatements).toEqual([
      {
        Sid: 'SendTracesToXRay',
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        Resource: '*',
      },
    ]);
    expect(fn.role).toBe(stack.node.findChild('HandlerServiceRole'));
  });

  test('the function waits for its tracing policy, which Lambda checks on creation', () => {
    const { stack } = build();
    const template = Template.fromStack(stack);
    const tracingPolicyId = Object.keys(template.findResources('AWS::IAM::Policy'))[0];
    template.hasResource('AWS::Lambda::Function', { DependsOn: Match.arrayWith([tracingPolicyId]) });
  });

  test('alarms: error rate > 5% of at least 10 invocations in 3 of 3 minutes, throttles > 0 per minute, p99 duration >= 80% of the timeout in 3 of 5 minutes', () => {
    const { stack, fn } = build();
    const template = Template.fromStack(stack);
    const topic = { Ref: Match.stringLikeRegexp('WellArchitectedMonitoringAlarmTopic') };
    const common = {
      Namespace: 'AWS/Lambda',
      Period: 60,
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic],
      OKActions: [topic],
    };
    const functionName = [{ Name: 'FunctionName', Value: { Ref: stack.getLogicalId(fn.node.defaultChild as any) } }];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Orders-Handler-Errors',
      Metrics: [
        Match.objectLike({ Expression: 'IF(total >= 10, 100 * FILL(part, 0) / total, 0)', ReturnData: true }),
        {
          Id: 'part',
          MetricStat: {
            Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: functionName },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        {
          Id: 'total',
          MetricStat: {
            Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: functionName },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
      ],
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic],
      OKActions: [topic],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 5,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common,
      MetricName: 'Throttles',
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common,
      MetricName: 'Duration',
      ExtendedStatistic: 'p99',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 8000,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    expect(fn.alarms).toEqual([fn.errorsAlarm, fn.throttlesAlarm, fn.durationAlarm]);
    expect(fn.monitoring.alarms).toEqual(fn.alarms);
  });

  test('dashboard: one section with invocations, errors, p99 duration and throttles', () => {
    const { stack } = build();
    const body = JSON.stringify(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'));
    for (const text of ['## Lambda function Orders/Handler', 'Invocations', 'Errors', 'Duration p99', 'Throttles']) {
      expect(body).toContain(text);
    }
    expect(body).toContain('alarm threshold');
  });

  test('no asynchronous invoker: no EventInvokeConfig and no on-failure queue', () => {
    const { stack, fn } = build();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    template.resourceCountIs('AWS::SQS::Queue', 0);
    expect(fn.onFailureQueue).toBeUndefined();
    expect(fn.onFailureQueueAlarm).toBeUndefined();
  });

  test('acknowledges exactly the inherent cdk-nag findings', () => {
    const { fn } = build();
    const tracingPolicy = fn.node.findChild('TracingPolicy');
    expect(acknowledgedIds(tracingPolicy)).toEqual(['AwsSolutions-IAM5[Resource::*]']);
    // No on-failure destination (nothing invokes it asynchronously that the construct can see): cdk-nag's
    // Serverless-LambdaDLQ stands, since EventBridge Scheduler or Step Functions may still invoke it asynchronously.
    expect(acknowledgedIds(fn)).toEqual([]);
    expect(acknowledgedIds(fn.role!)).toEqual([]);
  });

  test('uses the nearest monitoring the user created', () => {
    const stack = newStack();
    const monitoring = new WellArchitectedMonitoring(stack, 'Monitoring', { serviceName: 'checkout' });
    const fn = new WellArchitectedFunction(stack, 'Handler', CODE);
    expect(fn.monitoring).toBe(monitoring);
    expect(functionProps(stack).Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('checkout');
  });
});

describe('WellArchitectedFunction monitoring', () => {
  test('a monitoring you give receives the alarms and the dashboard section', () => {
    const stack = newStack();
    const shared = new WellArchitectedMonitoring(new Stack(stack.node.scope as App, 'Shared'), 'Monitoring', {
      serviceName: 'platform',
    });
    const local = new WellArchitectedMonitoring(stack, 'Local');
    const fn = new WellArchitectedFunction(stack, 'Handler', { ...CODE, monitoring: local });
    expect(fn.monitoring).toBe(local);
    expect(local.alarms).toEqual(fn.alarms);
    expect(shared.alarms).toEqual([]);
    expect(local.dashboard).toBeDefined();
  });

  test('without a dashboard the alarms still notify the topic', () => {
    const stack = newStack();
    new WellArchitectedMonitoring(stack, 'Monitoring', { dashboard: false });
    const fn = new WellArchitectedFunction(stack, 'Handler', CODE);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    expect(fn.monitoring.alarms).toHaveLength(3);
  });
});

describe('WellArchitectedFunction overrides', () => {
  test('memory, timeout, architecture, recursion and description are respected', () => {
    const { stack } = build({
      memorySize: 256,
      timeout: Duration.seconds(30),
      architecture: lambda.Architecture.X86_64,
      recursiveLoop: lambda.RecursiveLoop.ALLOW,
      description: 'orders',
    });
    const props = functionProps(stack);
    expect(props).toMatchObject({
      MemorySize: 256,
      Timeout: 30,
      Architectures: ['x86_64'],
      RecursiveLoop: 'Allow',
      Description: 'orders',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Duration',
      Threshold: 24000,
    });
  });

  test('durationAlarmThreshold sets the percentage of the timeout', () => {
    const { stack } = build({ durationAlarmThreshold: 50 });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Duration',
      Threshold: 5000,
    });
  });

  test('tracing DISABLED: no tracing config and no X-Ray permission', () => {
    const { stack, fn } = build({ tracing: lambda.Tracing.DISABLED });
    expect(functionProps(stack).TracingConfig).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
    expect(fn.node.tryFindChild('TracingPolicy')).toBeUndefined();
  });

  test('tracing PASS_THROUGH keeps the X-Ray policy', () => {
    const { stack } = build({ tracing: lambda.Tracing.PASS_THROUGH });
    expect(functionProps(stack).TracingConfig).toEqual({ Mode: 'PassThrough' });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] })],
      },
    });
  });

  test('text logs: no log levels (Lambda rejects them), Powertools at INFO', () => {
    const { stack } = build({ loggingFormat: lambda.LoggingFormat.TEXT });
    const props = functionProps(stack);
    expect(props.LoggingConfig.LogFormat).toBe('Text');
    expect(props.LoggingConfig.ApplicationLogLevel).toBeUndefined();
    expect(props.LoggingConfig.SystemLogLevel).toBeUndefined();
    expect(props.Environment.Variables.POWERTOOLS_LOG_LEVEL).toBe('INFO');
  });

  test.each([
    [lambda.ApplicationLogLevel.DEBUG, 'DEBUG'],
    [lambda.ApplicationLogLevel.ERROR, 'ERROR'],
    [lambda.ApplicationLogLevel.FATAL, 'CRITICAL'],
  ])('applicationLogLevelV2 %s gives POWERTOOLS_LOG_LEVEL %s', (level, powertoolsLevel) => {
    const { stack } = build({ applicationLogLevelV2: level, systemLogLevelV2: lambda.SystemLogLevel.INFO });
    const props = functionProps(stack);
    expect(props.LoggingConfig).toMatchObject({ ApplicationLogLevel: level, SystemLogLevel: 'INFO' });
    expect(props.Environment.Variables.POWERTOOLS_LOG_LEVEL).toBe(powertoolsLevel);
  });

  test('POWERTOOLS_LOG_LEVEL alone sets the application log level to match', () => {
    const { stack } = build({ environment: { POWERTOOLS_LOG_LEVEL: 'debug' } });
    const props = functionProps(stack);
    expect(props.LoggingConfig.ApplicationLogLevel).toBe('DEBUG');
    expect(props.Environment.Variables.POWERTOOLS_LOG_LEVEL).toBe('debug');
  });

  test('serviceName and metricsNamespace props; other environment variables are kept', () => {
    const { stack } = build({ serviceName: 'orders-api', metricsNamespace: 'Shop', environment: { TABLE: 'orders' } });
    expect(functionProps(stack).Environment.Variables).toEqual({
      TABLE: 'orders',
      POWERTOOLS_SERVICE_NAME: 'orders-api',
      POWERTOOLS_METRICS_NAMESPACE: 'Shop',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
  });

  test('Powertools variables set in environment win and feed the defaults', () => {
    const { stack, fn } = build({ environment: { POWERTOOLS_SERVICE_NAME: 'billing' } });
    expect(functionProps(stack).Environment.Variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'billing',
      POWERTOOLS_METRICS_NAMESPACE: 'billing',
    });
    expect(fn.serviceName).toBe('billing');
  });

  test('a role you give is used as is, with write access to the log group added', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const fn = new WellArchitectedFunction(stack, 'Handler', { ...CODE, role });
    const template = Template.fromStack(stack);
    expect(fn.role).toBe(role);
    expect(stack.node.tryFindChild('HandlerServiceRole')).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Role', 1);
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('MyRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
          }),
          Match.objectLike({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' }),
        ]),
      },
    });
    expect(functionProps(stack).TracingConfig).toEqual({ Mode: 'Active' });
  });

  test('a log group you give is used, and the role may write to it only', () => {
    const stack = newStack();
    const logGroup = new logs.LogGroup(stack, 'MyLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const fn = new WellArchitectedFunction(stack, 'Handler', { ...CODE, logGroup });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    const myLogsId = stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup);
    expect(functionProps(stack).LoggingConfig.LogGroup).toEqual({ Ref: myLogsId });
    template.hasResourceProperties('AWS::IAM::Role', {
      Policies: [
        Match.objectLike({
          PolicyDocument: {
            Statement: [Match.objectLike({ Resource: { 'Fn::GetAtt': [myLogsId, 'Arn'] } })],
            Version: '2012-10-17',
          },
        }),
      ],
    });
    expect(fn.logGroup.logGroupName).toBe(logGroup.logGroupName);
  });

  test('logGroupRetention and logGroupRemovalPolicy', () => {
    const { stack } = build({
      logGroupRetention: logs.RetentionDays.ONE_WEEK,
      logGroupRemovalPolicy: RemovalPolicy.DESTROY,
    });
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 7 },
      DeletionPolicy: 'Delete',
    });
  });

  test('the deprecated logRetention and logRemovalPolicy set the created log group, without a custom resource', () => {
    const { stack } = build({ logRetention: logs.RetentionDays.THREE_MONTHS, logRemovalPolicy: RemovalPolicy.DESTROY });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 90 }, DeletionPolicy: 'Delete' });
    template.resourceCountIs('Custom::LogRetention', 0);
  });

  test('infinite retention is allowed with a warning', () => {
    const { stack } = build({ logGroupRetention: logs.RetentionDays.INFINITE });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.absent() });
    Annotations.fromStack(stack).hasWarning('/Orders/Handler', Match.stringLikeRegexp('keeps log events forever'));
  });

  test('in a VPC: network interface permissions in their own policy, acknowledged, awaited by the function', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 1 });
    const fn = new WellArchitectedFunction(stack, 'Handler', { ...CODE, vpc });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 1 + 0); // the VPC creates no role
    const policy = fn.node.findChild('NetworkInterfacePolicy');
    const policyId = stack.getLogicalId(policy.node.defaultChild as iam.CfnPolicy);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Sid: 'ManageVpcNetworkInterfaces',
            Action: Match.arrayWith(['ec2:CreateNetworkInterface']),
            Resource: '*',
          }),
        ],
      },
    });
    template.hasResource('AWS::Lambda::Function', { DependsOn: Match.arrayWith([policyId]) });
    expect(acknowledgedIds(policy)).toEqual(['AwsSolutions-IAM5[Resource::*]']);
    expect(JSON.stringify(template.findResources('AWS::IAM::Role'))).not.toContain('AWSLambdaVPCAccessExecutionRole');
  });
});

describe('WellArchitectedFunction asynchronous invocation', () => {
  function expectOnFailureQueue(stack: Stack, fn: WellArchitectedFunction, retryAttempts = 2): void {
    const template = Template.fromStack(stack);
    const queueId = stack.getLogicalId(fn.onFailureQueue!.node.defaultChild as sqs.CfnQueue);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: retryAttempts,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('WellArchitectedMonitoringAlarmTopic') }],
    });
    const queueName = { 'Fn::GetAtt': [queueId, 'QueueName'] };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'DIFF(FILL(visible, 0))', ReturnData: true }),
        Match.objectLike({
          Id: 'visible',
          MetricStat: Match.objectLike({
            Metric: {
              Namespace: 'AWS/SQS',
              MetricName: 'ApproximateNumberOfMessagesVisible',
              Dimensions: [{ Name: 'QueueName', Value: queueName }],
            },
            Stat: 'Maximum',
          }),
        }),
      ]),
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(fn.alarms).toHaveLength(5);
    expect(fn.alarms).toContain(fn.onFailureQueueAlarm);
    expect(fn.alarms).toContain(fn.onFailureQueueNewMessagesAlarm);
    expect(fn.monitoring.criticalAlarms).toContain(fn.onFailureQueueNewMessagesAlarm);
    expect(fn.monitoring.criticalAlarms).not.toContain(fn.onFailureQueueAlarm);
    expect(acknowledgedIds(fn.onFailureQueue!)).toEqual(['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']);
    // The on-failure queue now receives the failed asynchronous events: cdk-nag's DeadLetterConfig finding is
    // acknowledged with the plugin prefix, so CDK's validation report lists it as acknowledged.
    expect(acknowledgedIds(fn)).toEqual(['Serverless::Serverless-LambdaDLQ']);
  }

  test('an S3 event source makes the function asynchronous', () => {
    const { stack, fn } = build();
    fn.addEventSource(
      new sources.S3EventSource(new s3.Bucket(stack, 'Uploads'), { events: [s3.EventType.OBJECT_CREATED] }),
    );
    expectOnFailureQueue(stack, fn);
  });

  test('an S3 event source in the events prop makes the function asynchronous', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Uploads');
    const fn = new WellArchitectedFunction(stack, 'Handler', {
      ...CODE,
      events: [new sources.S3EventSource(bucket, { events: [s3.EventType.OBJECT_CREATED] })],
    });
    expectOnFailureQueue(stack, fn);
  });

  test('an SNS subscription makes the function asynchronous', () => {
    const { stack, fn } = build();
    new sns.Topic(stack, 'Orders').addSubscription(new subscriptions.LambdaSubscription(fn));
    expectOnFailureQueue(stack, fn);
  });

  test('an EventBridge rule target makes the function asynchronous', () => {
    const { stack, fn } = build();
    new events.Rule(stack, 'Nightly', {
      schedule: events.Schedule.rate(Duration.days(1)),
      targets: [new targets.LambdaFunction(fn)],
    });
    expectOnFailureQueue(stack, fn);
  });

  test('grantInvoke to an asynchronous service makes the function asynchronous, only once', () => {
    const { stack, fn } = build();
    fn.grantInvoke(new iam.ServicePrincipal('s3.amazonaws.com'));
    fn.grantInvoke(new iam.ServicePrincipal('sns.amazonaws.com'));
    expectOnFailureQueue(stack, fn);
    Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 1);
  });

  test.each([
    [
      'a CloudWatch Logs subscription filter',
      (stack: Stack, fn: WellArchitectedFunction) =>
        new logs.SubscriptionFilter(stack, 'Subscription', {
          logGroup: new logs.LogGroup(stack, 'AppLogs', { retention: logs.RetentionDays.ONE_WEEK }),
          destination: new logsDestinations.LambdaDestination(fn),
          filterPattern: logs.FilterPattern.allEvents(),
        }),
    ],
    [
      'a CloudWatch alarm action',
      (stack: Stack, fn: WellArchitectedFunction) =>
        new cloudwatch.Alarm(stack, 'QueueDepth', {
          metric: new cloudwatch.Metric({ namespace: 'Orders', metricName: 'Backlog' }),
          threshold: 100,
          evaluationPeriods: 1,
        }).addAlarmAction(new cloudwatchActions.LambdaAction(fn)),
    ],
    [
      'a regional service principal',
      (_stack: Stack, fn: WellArchitectedFunction) =>
        fn.grantInvoke(new iam.ServicePrincipal('logs.eu-west-1.amazonaws.com')),
    ],
  ])('%s makes the function asynchronous', (_name, connect) => {
    const { stack, fn } = build();
    connect(stack, fn);
    expectOnFailureQueue(stack, fn);
  });

  test.each([
    ['API Gateway', () => new iam.ServicePrincipal('apigateway.amazonaws.com')],
    ['an IAM role', (stack: Stack) => new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() })],
  ])('grantInvoke to %s leaves the function synchronous', (_name, principal) => {
    const { stack, fn } = build();
    fn.grantInvoke(principal(stack));
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    expect(fn.onFailureQueue).toBeUndefined();
  });

  test('an SQS event source (polling) gets no on-failure destination', () => {
    const { stack, fn } = build();
    const queue = new sqs.Queue(stack, 'Orders');
    fn.addEventSource(new sources.SqsEventSource(queue));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    expect(fn.onFailureQueue).toBeUndefined();
  });

  test('asyncInvocation true: on-failure queue without a detected invoker', () => {
    const { stack, fn } = build({ asyncInvocation: true });
    expectOnFailureQueue(stack, fn);
  });

  test('retryAttempts alone declares asynchronous use and keeps the other defaults', () => {
    const { stack, fn } = build({ retryAttempts: 0 });
    expectOnFailureQueue(stack, fn, 0);
  });

  test('asyncInvocation false: nothing is added, even for S3', () => {
    const { stack, fn } = build({ asyncInvocation: false });
    fn.addEventSource(
      new sources.S3EventSource(new s3.Bucket(stack, 'Uploads'), { events: [s3.EventType.OBJECT_CREATED] }),
    );
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    expect(fn.onFailureQueue).toBeUndefined();
    // The user opted out of the on-failure queue, so the missing dead-letter queue is not acknowledged for them.
    expect(acknowledgedIds(fn)).toEqual([]);
  });

  test('asyncInvocation false passes the aws-cdk-lib async props through untouched', () => {
    const { stack } = build({ asyncInvocation: false, retryAttempts: 1 });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: Match.absent(),
      DestinationConfig: Match.absent(),
    });
  });

  test('an onFailure you give replaces the created queue', () => {
    const stack = newStack();
    const mine = new sqs.Queue(stack, 'MyFailures');
    const fn = new WellArchitectedFunction(stack, 'Handler', {
      ...CODE,
      onFailure: new destinations.SqsDestination(mine),
    });
    fn.addEventSource(
      new sources.S3EventSource(new s3.Bucket(stack, 'Uploads'), { events: [s3.EventType.OBJECT_CREATED] }),
    );
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [stack.getLogicalId(mine.node.defaultChild as sqs.CfnQueue), 'Arn'] },
        },
      },
    });
    expect(fn.onFailureQueue).toBeUndefined();
    expect(fn.alarms).toHaveLength(3);
    expect(acknowledgedIds(fn)).toEqual(['Serverless::Serverless-LambdaDLQ']);
  });

  test('deadLetterQueueEnabled: the created dead-letter queue is encrypted, TLS-only and alarmed on', () => {
    const { stack, fn } = build({ deadLetterQueueEnabled: true });
    const queue = fn.deadLetterQueue as sqs.Queue;
    const queueId = stack.getLogicalId(queue.node.defaultChild as sqs.CfnQueue);
    const template = Template.fromStack(stack);
    expect(functionProps(stack).DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    expect(template.toJSON().Resources[queueId].Properties).toEqual({
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(fn.deadLetterQueueAlarm).toBeDefined();
    expect(fn.alarms).toContain(fn.deadLetterQueueAlarm);
    expect(fn.alarms).toContain(fn.deadLetterQueueNewMessagesAlarm);
    // New dead letters page (and recover once none arrive); waiting ones only warn, so they cannot hold the page.
    expect(fn.monitoring.criticalAlarms).toContain(fn.deadLetterQueueNewMessagesAlarm);
    expect(fn.monitoring.criticalAlarms).not.toContain(fn.deadLetterQueueAlarm);
    expect(acknowledgedIds(queue)).toEqual(['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']);
  });

  test('a dead-letter queue you give is yours: no alarm or policy is added to it', () => {
    const stack = newStack();
    const deadLetterQueue = new sqs.Queue(stack, 'MyDlq');
    const fn = new WellArchitectedFunction(stack, 'Handler', { ...CODE, deadLetterQueue });
    expect(fn.deadLetterQueueAlarm).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::SQS::QueuePolicy', 0);
  });

  test('a dead-letter queue you give replaces the on-failure destination', () => {
    const stack = newStack();
    const deadLetterQueue = new sqs.Queue(stack, 'MyDlq');
    const fn = new WellArchitectedFunction(stack, 'Handler', { ...CODE, deadLetterQueue });
    fn.addEventSource(
      new sources.S3EventSource(new s3.Bucket(stack, 'Uploads'), { events: [s3.EventType.OBJECT_CREATED] }),
    );
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    expect(functionProps(stack).DeadLetterConfig).toEqual({
      TargetArn: { 'Fn::GetAtt': [stack.getLogicalId(deadLetterQueue.node.defaultChild as sqs.CfnQueue), 'Arn'] },
    });
    expect(fn.onFailureQueue).toBeUndefined();
    expect(acknowledgedIds(fn)).toEqual([]);
  });

  test('configureAsyncInvoke on a synchronous function applies the defaults and the queue', () => {
    const { stack, fn } = build();
    fn.configureAsyncInvoke({ retryAttempts: 1 });
    expectOnFailureQueue(stack, fn, 1);
  });

  test('configureAsyncInvoke after detection replaces the configuration and keeps the queue', () => {
    const { stack, fn } = build();
    fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
    fn.configureAsyncInvoke({ retryAttempts: 0 });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    expectOnFailureQueue(stack, fn, 0);
  });

  test('configureAsyncInvoke after detection cannot swap the created queue for another destination', () => {
    const { stack, fn } = build();
    fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
    const other = new destinations.SqsDestination(new sqs.Queue(stack, 'Other'));
    expect(() => fn.configureAsyncInvoke({ onFailure: other })).toThrow(
      /cannot replace the on-failure queue the construct already created.*pass onFailure in the WellArchitectedFunction props instead/,
    );
  });

  test('a second configureAsyncInvoke is rejected as by aws-cdk-lib', () => {
    const { fn } = build();
    fn.configureAsyncInvoke({ retryAttempts: 1 });
    expect(() => fn.configureAsyncInvoke({ retryAttempts: 0 })).toThrow(/already been configured/);
  });

  test('with asyncInvocation false, configureAsyncInvoke is the aws-cdk-lib method', () => {
    const { stack, fn } = build({ asyncInvocation: false });
    fn.configureAsyncInvoke({ retryAttempts: 1 });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: Match.absent(),
      DestinationConfig: Match.absent(),
    });
    expect(fn.onFailureQueue).toBeUndefined();
  });

  test('configureAsyncInvoke after async props is rejected as by aws-cdk-lib', () => {
    const { fn } = build({ maxEventAge: Duration.hours(1) });
    expect(() => fn.configureAsyncInvoke({ retryAttempts: 1 })).toThrow(/already been configured/);
  });
});

describe('WellArchitectedFunction validation', () => {
  test.each<[string, Partial<WellArchitectedFunctionProps>, RegExp]>([
    [
      'durationAlarmThreshold 0',
      { durationAlarmThreshold: 0 },
      /durationAlarmThreshold: 0 is not a percentage of the timeout in \(0, 100\]; use e\.g\. 80/,
    ],
    ['durationAlarmThreshold 120', { durationAlarmThreshold: 120 }, /durationAlarmThreshold: 120 is not a percentage/],
    [
      'timeout over 15 minutes',
      { timeout: Duration.minutes(16) },
      /timeout: 16 minutes exceeds the Lambda maximum of 15 minutes; use at most Duration\.minutes\(15\)/,
    ],
    [
      'timeout under 1 second',
      { timeout: Duration.millis(500) },
      /timeout: 500 millis is below the Lambda minimum of 1 second/,
    ],
    ['memorySize 64', { memorySize: 64 }, /memorySize: 64 is not a whole number of MB between 128 and 10240/],
    ['retryAttempts 3', { retryAttempts: 3 }, /retryAttempts: 3 is not 0, 1 or 2/],
    [
      'maxEventAge 30 seconds',
      { maxEventAge: Duration.seconds(30) },
      /maxEventAge: 30 seconds is outside the 60 seconds to 6 hours Lambda allows/,
    ],
    ['maxEventAge 7 hours', { maxEventAge: Duration.hours(7) }, /maxEventAge: 7 hours is outside/],
    [
      'logGroupRetention with logGroup',
      { logGroupRetention: logs.RetentionDays.ONE_DAY, logGroup: logs.LogGroup.fromLogGroupName(newStack(), 'L', 'x') },
      /logGroupRetention: 1 applies to the log group the construct creates, but logGroup is given; set it on your log group instead/,
    ],
    [
      'logRetention and logGroupRetention',
      { logGroupRetention: logs.RetentionDays.ONE_DAY, logRetention: logs.RetentionDays.ONE_WEEK },
      /logRetention: 7 is the deprecated name of logGroupRetention \(1\); set only logGroupRetention/,
    ],
    [
      'logRemovalPolicy and logGroupRemovalPolicy',
      { logGroupRemovalPolicy: RemovalPolicy.DESTROY, logRemovalPolicy: RemovalPolicy.RETAIN },
      /logRemovalPolicy: retain is the deprecated name of logGroupRemovalPolicy \(destroy\)/,
    ],
    [
      'POWERTOOLS_LOG_LEVEL against applicationLogLevelV2',
      { applicationLogLevelV2: lambda.ApplicationLogLevel.INFO, environment: { POWERTOOLS_LOG_LEVEL: 'DEBUG' } },
      /environment\.POWERTOOLS_LOG_LEVEL: 'DEBUG' disagrees with applicationLogLevelV2 'INFO'.*remove POWERTOOLS_LOG_LEVEL/,
    ],
    [
      'unknown POWERTOOLS_LOG_LEVEL',
      { environment: { POWERTOOLS_LOG_LEVEL: 'VERBOSE' } },
      /'VERBOSE' is not a Powertools log level; use one of TRACE, DEBUG/,
    ],
    [
      'serviceName against POWERTOOLS_SERVICE_NAME',
      { serviceName: 'a', environment: { POWERTOOLS_SERVICE_NAME: 'b' } },
      /environment\.POWERTOOLS_SERVICE_NAME: 'b' disagrees with serviceName 'a'; set only serviceName/,
    ],
    [
      'metricsNamespace against POWERTOOLS_METRICS_NAMESPACE',
      { metricsNamespace: 'a', environment: { POWERTOOLS_METRICS_NAMESPACE: 'b' } },
      /POWERTOOLS_METRICS_NAMESPACE: 'b' disagrees with metricsNamespace 'a'/,
    ],
  ])('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('names the construct and lists every problem in one error', () => {
    expect(() => build({ memorySize: 1, retryAttempts: 5 })).toThrow(
      /^Invalid WellArchitectedFunction props at Orders\/Handler:\n- memorySize: 1 .*\n- retryAttempts: 5 /,
    );
  });

  test('tokens are not validated', () => {
    const stack = newStack();
    const number = (name: string) => new CfnParameter(stack, name, { type: 'Number' }).valueAsNumber;
    const fn = new WellArchitectedFunction(stack, 'Handler', {
      ...CODE,
      memorySize: number('Memory'),
      retryAttempts: number('Retries'),
      maxEventAge: Duration.seconds(number('MaxAge')),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: { Ref: 'Retries' },
      MaximumEventAgeInSeconds: { Ref: 'MaxAge' },
    });
    expect(functionProps(stack).MemorySize).toEqual({ Ref: 'Memory' });
    expect(fn.durationAlarm).toBeDefined();
  });

  test.each<[string, (stack: Stack) => Partial<WellArchitectedFunctionProps>]>([
    [
      'timeout',
      (stack) => ({ timeout: Duration.seconds(new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber) }),
    ],
    ['durationAlarmThreshold', () => ({ durationAlarmThreshold: Lazy.number({ produce: () => 80 }) })],
  ])('a token %s skips the duration alarm with a warning', (_name, props) => {
    const stack = newStack();
    const fn = new WellArchitectedFunction(stack, 'Handler', { ...CODE, ...props(stack) });
    expect(fn.durationAlarm).toBeUndefined();
    expect(fn.alarms).toEqual([fn.errorsAlarm, fn.throttlesAlarm]);
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Alarm', 2);
    Annotations.fromStack(stack).hasWarning('/Orders/Handler', Match.stringLikeRegexp('no duration alarm was created'));
  });
});

describe('WellArchitectedFunction is a drop-in lambda.Function', () => {
  test('aws-cdk-lib methods keep working', () => {
    const { stack, fn } = build();
    fn.addEnvironment('STAGE', 'prod');
    fn.addAlias('live');
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: ['arn:aws:dynamodb:eu-west-1:123456789012:table/orders'],
      }),
    );
    const template = Template.fromStack(stack);
    expect(functionProps(stack).Environment.Variables.STAGE).toBe('prod');
    template.resourceCountIs('AWS::Lambda::Alias', 1);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('HandlerServiceRole') }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'dynamodb:GetItem' })] },
    });
    expect(fn).toBeInstanceOf(lambda.Function);
    expect(fn.timeout?.toSeconds()).toBe(10);
    expect(fn.architecture).toBe(lambda.Architecture.ARM_64);
  });

  test('aws-cdk-lib validation still applies', () => {
    expect(() => build({ functionName: 'x'.repeat(65) })).toThrow(/Function name can not be longer than 64 characters/);
  });
});

describe('WellArchitectedFunction alarm names, descriptions and severities', () => {
  const dashboardLink =
    'Dashboard: https://console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}#dashboards/dashboard/Orders-WellArchitectedMonitoring-${AWS::Region}';

  test('names: service, function path, condition', () => {
    const { stack, fn } = build({ asyncInvocation: true });
    const names = [fn.errorsAlarm, fn.throttlesAlarm, fn.durationAlarm!, fn.onFailureQueueAlarm!].map((alarm) =>
      stack.resolve((alarm.node.defaultChild as cloudwatch.CfnAlarm).alarmName),
    );
    expect(names).toEqual([
      'Orders-Handler-Errors',
      'Orders-Handler-Throttles',
      'Orders-Handler-Duration',
      'Orders-Handler-FailedAsyncEvents',
    ]);
  });

  test('errors: what failed, where, the threshold, causes, first steps and the dashboard', () => {
    const { stack } = build();
    expect(alarmDescriptions(stack)['Orders-Handler-Errors']).toBe(
      'Lambda function Handler fails more than 5% of its invocations: callers get errors or events are retried. ' +
        'Resource: Lambda function Orders/Handler. Fires when Errors / Invocations (sum) > 5% with at least 10 ' +
        'invocations a period in 3 consecutive 1-minute periods. ' +
        'Likely causes: an unhandled exception in the handler, often after a deployment; a timeout; running out of ' +
        'memory; a failing downstream dependency or missing permission. ' +
        "First steps: 1) search the function's log group for ERROR and 'Task timed out' in the alarm window; " +
        '2) open the X-Ray traces of the failed invocations; 3) if a deployment just happened, roll it back. ' +
        dashboardLink,
    );
  });

  test('duration: the threshold in milliseconds and as a share of the timeout, over 3 of 5 minutes', () => {
    const { stack } = build({ timeout: Duration.seconds(10) });
    const description = alarmDescriptions(stack)['Orders-Handler-Duration'];
    expect(description).toContain(
      'Fires when Duration p99 >= 8000 ms (80% of the 10 seconds timeout) in 3 of the last 5 1-minute periods.',
    );
    expect(description).toContain('First steps: 1) open the X-Ray traces of the slowest invocations');
    expect(description.endsWith(dashboardLink)).toBe(true);
  });

  test('an escape-hatch change of a threshold changes the description with it', () => {
    const { stack, fn } = build({ timeout: Duration.seconds(10) });
    (fn.errorsAlarm.node.defaultChild as cloudwatch.CfnAlarm).threshold = 20;
    (fn.durationAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('Threshold', 9000);
    const descriptions = alarmDescriptions(stack);
    expect(descriptions['Orders-Handler-Errors']).toContain('Lambda function Handler fails more than 20% of its');
    expect(descriptions['Orders-Handler-Errors']).toContain('Errors / Invocations (sum) > 20% with at least 10');
    expect(descriptions['Orders-Handler-Duration']).toContain(
      'Fires when Duration p99 >= 9000 ms (90% of the 10 seconds timeout)',
    );
  });

  test('throttles and the on-failure queue describe their own causes', () => {
    const { stack } = build({ asyncInvocation: true });
    const descriptions = alarmDescriptions(stack);
    expect(descriptions['Orders-Handler-Throttles']).toContain(
      'Fires when Throttles (sum) > 0 in any 1-minute period.',
    );
    expect(descriptions['Orders-Handler-Throttles']).toContain('the reserved concurrency of the function is reached');
    expect(descriptions['Orders-Handler-FailedAsyncEvents']).toContain(
      'Resource: SQS on-failure queue of Lambda function Orders/Handler/OnFailureQueue.',
    );
    expect(descriptions['Orders-Handler-FailedAsyncEvents']).toContain(
      '3) fix the cause, then redrive the messages (they are kept 14 days)',
    );
  });

  test('errors and new failed asynchronous events page; throttles, duration and waiting failed events warn', () => {
    const { stack, fn } = build({ asyncInvocation: true });
    const monitoring = fn.monitoring;
    expect(monitoring.severityOf(fn.errorsAlarm)).toBe(AlarmSeverity.CRITICAL);
    expect(monitoring.severityOf(fn.onFailureQueueNewMessagesAlarm!)).toBe(AlarmSeverity.CRITICAL);
    expect(monitoring.severityOf(fn.onFailureQueueAlarm!)).toBe(AlarmSeverity.WARNING);
    expect(monitoring.severityOf(fn.throttlesAlarm)).toBe(AlarmSeverity.WARNING);
    expect(monitoring.severityOf(fn.durationAlarm!)).toBe(AlarmSeverity.WARNING);
    const alarmRule = JSON.stringify(Template.fromStack(stack).findResources('AWS::CloudWatch::CompositeAlarm'));
    expect(alarmRule).toContain(stack.getLogicalId(fn.errorsAlarm.node.defaultChild as cloudwatch.CfnAlarm));
    expect(alarmRule).not.toContain(stack.getLogicalId(fn.throttlesAlarm.node.defaultChild as cloudwatch.CfnAlarm));
  });

  test('a severity can be overridden per function', () => {
    const { fn } = build();
    fn.monitoring.addAlarm(fn.throttlesAlarm, { severity: AlarmSeverity.CRITICAL });
    expect(fn.monitoring.criticalAlarms).toEqual([fn.errorsAlarm, fn.throttlesAlarm]);
  });
});
