import { Annotations, Duration, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { asynchronousInvokers } from './async-invokers';
import { HardeningPlan } from './prepare-props';
import { AlarmSeverity, WellArchitectedMonitoring } from '../../monitoring';
import { DEAD_LETTER_QUEUE_RETENTION_SECONDS } from '../../service-defaults/sqs';

const EVENT_INVOKE_CONFIG_ID = 'EventInvokeConfig';
const ALARM_PERIOD = Duration.minutes(1);
const DEAD_LETTER_RETENTION = Duration.seconds(DEAD_LETTER_QUEUE_RETENTION_SECONDS);
const RETENTION_TEXT = `${DEAD_LETTER_RETENTION.toDays()} days`;

/** Who created the function's EventInvokeConfig, which decides whether `configureAsyncInvoke` may replace it. */
type AsyncConfigOwner = 'props' | 'detection' | 'method';

/**
 * Everything a well-architected function does after the aws-cdk-lib constructor has run, shared by
 * `WellArchitectedFunction` and `WellArchitectedNodejsFunction` (which extend different base classes).
 */
export class FunctionHardening {
  public readonly monitoring: WellArchitectedMonitoring;
  public readonly serviceName: string;
  public readonly errorsAlarm: cloudwatch.Alarm;
  public readonly throttlesAlarm: cloudwatch.Alarm;
  public readonly durationAlarm?: cloudwatch.Alarm;
  private onFailureQueueResource?: sqs.Queue;
  private onFailureQueueAlarmResource?: cloudwatch.Alarm;
  private deadLetterQueueAlarmResource?: cloudwatch.Alarm;
  private deadLetterAcknowledged = false;
  private asyncConfigOwner?: AsyncConfigOwner;

  constructor(
    private readonly fn: lambda.Function,
    private readonly plan: HardeningPlan,
    private readonly configureAsyncInvokeOfBase: (options: lambda.EventInvokeConfigOptions) => void,
  ) {
    const options = plan.options;
    for (const [id, message] of plan.warnings) {
      Annotations.of(fn).addWarningV2(`cdk-well-architected:${plan.constructName}.${id}`, message);
    }

    this.configureTracing();
    this.configureNetworkInterfacePermissions();

    this.monitoring = options.monitoring ?? WellArchitectedMonitoring.of(fn);
    const userEnvironment = plan.userEnvironment;
    this.serviceName = options.serviceName ?? userEnvironment.POWERTOOLS_SERVICE_NAME ?? this.monitoring.serviceName;
    const powertoolsEnvironment: Record<string, string> = {
      POWERTOOLS_SERVICE_NAME: this.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: options.metricsNamespace ?? this.serviceName,
      POWERTOOLS_LOG_LEVEL: plan.powertoolsLogLevel,
    };
    for (const [key, value] of Object.entries(powertoolsEnvironment)) {
      if (userEnvironment[key] === undefined) {
        fn.addEnvironment(key, value);
      }
    }

    const monitoring = this.monitoring;
    const functionKind = 'Lambda function';
    this.errorsAlarm = new cloudwatch.Alarm(fn, 'ErrorsAlarm', {
      alarmName: monitoring.alarmName(fn, 'Errors'),
      alarmDescription: monitoring.alarmDescription({
        summary: `Lambda function ${fn.node.id} failed invocations: callers got errors or events were retried`,
        resource: fn,
        resourceKind: functionKind,
        threshold: 'Errors (sum) > 0',
        period: ALARM_PERIOD,
        evaluationPeriods: 1,
        likelyCauses: [
          'an unhandled exception in the handler, often after a deployment',
          'a timeout',
          'running out of memory',
          'a failing downstream dependency or missing permission',
        ],
        firstSteps: [
          "search the function's log group for ERROR and 'Task timed out' in the alarm window",
          'open the X-Ray traces of the failed invocations',
          'if a deployment just happened, roll it back',
        ],
      }),
      metric: fn.metricErrors({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.throttlesAlarm = new cloudwatch.Alarm(fn, 'ThrottlesAlarm', {
      alarmName: monitoring.alarmName(fn, 'Throttles'),
      alarmDescription: monitoring.alarmDescription({
        summary: `Lambda function ${fn.node.id} was throttled: Lambda refused invocations for lack of concurrency`,
        resource: fn,
        resourceKind: functionKind,
        threshold: 'Throttles (sum) > 0',
        period: ALARM_PERIOD,
        evaluationPeriods: 1,
        likelyCauses: [
          'the reserved concurrency of the function is reached',
          "the account's regional concurrency quota is reached, possibly by another function",
          'a traffic burst or a retry storm',
        ],
        firstSteps: [
          'compare ConcurrentExecutions with the reserved concurrency and the account quota',
          'look for a caller retrying in a loop',
          'raise reservedConcurrentExecutions or request a quota increase if the load is expected',
        ],
      }),
      metric: fn.metricThrottles({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const timeout = fn.timeout!;
    let durationThresholdMs: number | undefined;
    if (timeout.isUnresolved() || Token.isUnresolved(plan.durationAlarmThreshold)) {
      Annotations.of(fn).addWarningV2(
        `cdk-well-architected:${plan.constructName}.durationAlarmSkipped`,
        'The timeout or durationAlarmThreshold is a token, so the duration alarm threshold cannot be computed and no duration alarm was created. Give both concrete values.',
      );
    } else {
      durationThresholdMs = Math.round((timeout.toMilliseconds() * plan.durationAlarmThreshold) / 100);
      this.durationAlarm = new cloudwatch.Alarm(fn, 'DurationAlarm', {
        alarmName: monitoring.alarmName(fn, 'Duration'),
        alarmDescription: monitoring.alarmDescription({
          summary: `Lambda function ${fn.node.id} is close to its ${timeout.toHumanString()} timeout: invocations are about to time out`,
          resource: fn,
          resourceKind: functionKind,
          threshold: `Duration p99 >= ${durationThresholdMs} ms (${plan.durationAlarmThreshold}% of the ${timeout.toHumanString()} timeout)`,
          period: ALARM_PERIOD,
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          likelyCauses: [
            'a slow downstream dependency (database, HTTP API)',
            'larger payloads or batches than usual',
            'cold starts after a deployment or a scale-out',
            'too little memory, hence too little CPU',
          ],
          firstSteps: [
            'open the X-Ray traces of the slowest invocations to find the slow segment',
            'check the latency metrics of the dependencies',
            'raise the memory size or the timeout only once the cause is known',
          ],
        }),
        metric: fn.metricDuration({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.p(99) }),
        threshold: durationThresholdMs,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    this.monitoring.addAlarm(this.errorsAlarm, { severity: AlarmSeverity.CRITICAL });
    this.monitoring.addAlarm(this.throttlesAlarm, { severity: AlarmSeverity.WARNING });
    if (this.durationAlarm) {
      this.monitoring.addAlarm(this.durationAlarm, { severity: AlarmSeverity.WARNING });
    }
    this.monitoring.addDashboardSection(`Lambda function ${fn.node.path}`, [
      graph('Invocations', fn.metricInvocations({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM })),
      graph('Errors', fn.metricErrors({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM })),
      graph(
        'Duration p99',
        fn.metricDuration({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.p(99) }),
        durationThresholdMs,
      ),
      graph('Throttles', fn.metricThrottles({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM })),
    ]);

    this.hardenCreatedDeadLetterQueue();
    if (plan.asyncInvocation.mode === 'declared') {
      this.configureAsyncInvocation({}, 'props');
    }
  }

  /**
   * Add the event sources of the `events` prop. Called by the function once it holds this object, so that
   * the permissions these sources grant reach `permissionAdded`.
   */
  public addEventSourcesFromProps(): void {
    for (const source of this.plan.events) {
      this.fn.addEventSource(source);
    }
  }

  /** The queue that receives failed asynchronous invocations, once the construct has created it. */
  public get onFailureQueue(): sqs.Queue | undefined {
    return this.onFailureQueueResource;
  }

  /** The alarm on messages in `onFailureQueue`, once the construct has created it. */
  public get onFailureQueueAlarm(): cloudwatch.Alarm | undefined {
    return this.onFailureQueueAlarmResource;
  }

  /** The alarm on messages in the dead-letter queue that `deadLetterQueueEnabled: true` created. */
  public get deadLetterQueueAlarm(): cloudwatch.Alarm | undefined {
    return this.deadLetterQueueAlarmResource;
  }

  /** Every alarm of the function, including the on-failure and dead-letter queue alarms once they exist. */
  public get alarms(): cloudwatch.Alarm[] {
    return [
      ...this.functionAlarms(),
      ...(this.onFailureQueueAlarmResource ? [this.onFailureQueueAlarmResource] : []),
      ...(this.deadLetterQueueAlarmResource ? [this.deadLetterQueueAlarmResource] : []),
    ];
  }

  /** Called after every `addPermission`: an asynchronous invoker makes the function asynchronous. */
  public permissionAdded(permission: lambda.Permission): void {
    const asyncPlan = this.plan.asyncInvocation;
    if (asyncPlan.mode !== 'detect' || asyncPlan.hasDeadLetterTarget || this.asyncConfigOwner !== undefined) {
      return;
    }
    if (asynchronousInvokers(this.fn, permission.principal).length > 0) {
      this.configureAsyncInvocation({}, 'detection');
    }
  }

  /**
   * `configureAsyncInvoke` as the well-architected functions see it: explicit defaults and the on-failure
   * queue unless `onFailure` is given. It may replace a configuration the construct made on detection;
   * like aws-cdk-lib, it may not replace one made from props or by an earlier call.
   */
  public configureAsyncInvoke(options: lambda.EventInvokeConfigOptions): void {
    const owner = this.asyncConfigOwner;
    if (this.plan.asyncInvocation.mode === 'off' || owner === 'props' || owner === 'method') {
      // aws-cdk-lib's own behaviour, including its error when a configuration already exists.
      this.configureAsyncInvokeOfBase(options);
      return;
    }
    if (owner === 'detection') {
      if (options.onFailure !== undefined && this.onFailureQueueResource !== undefined) {
        throw new Error(
          `${this.fn.node.path}: configureAsyncInvoke({ onFailure }) cannot replace the on-failure queue the construct already created for an asynchronous invoker; pass onFailure in the ${this.plan.constructName} props instead.`,
        );
      }
      this.fn.node.tryRemoveChild(EVENT_INVOKE_CONFIG_ID);
    }
    this.configureAsyncInvocation(options, 'method');
  }

  private configureAsyncInvocation(overrides: lambda.EventInvokeConfigOptions, owner: AsyncConfigOwner): void {
    const asyncPlan = this.plan.asyncInvocation;
    const onFailure =
      overrides.onFailure ??
      asyncPlan.onFailure ??
      (asyncPlan.hasDeadLetterTarget ? undefined : new destinations.SqsDestination(this.ensureOnFailureQueue()));
    this.asyncConfigOwner = owner;
    this.configureAsyncInvokeOfBase({
      retryAttempts: overrides.retryAttempts ?? asyncPlan.retryAttempts,
      maxEventAge: overrides.maxEventAge ?? asyncPlan.maxEventAge,
      onSuccess: overrides.onSuccess ?? asyncPlan.onSuccess,
      onFailure,
    });
    if (onFailure !== undefined) {
      this.acknowledgeDeadLetterConfig(onFailure);
    }
  }

  /**
   * cdk-nag's Serverless-LambdaDLQ asks for a `DeadLetterConfig`. It is acknowledged only once the function has an
   * on-failure destination, which receives the same failed asynchronous events (with the error and request
   * context): a function without one (invoked through IAM by EventBridge Scheduler or Step Functions, or through
   * an alias) keeps the finding. The id carries the plugin prefix, so CDK's validation report lists the finding
   * as acknowledged, with this reason, instead of cdk-nag dropping it silently.
   */
  private acknowledgeDeadLetterConfig(onFailure: lambda.IDestination): void {
    if (this.deadLetterAcknowledged) {
      return;
    }
    this.deadLetterAcknowledged = true;
    const destination =
      this.onFailureQueueResource !== undefined
        ? `the on-failure queue ${this.onFailureQueueResource.node.path} (encrypted, TLS-only, with an alarm)`
        : `the on-failure destination given to the function (${onFailure.constructor.name})`;
    Validations.of(this.fn).acknowledge({
      id: 'Serverless::Serverless-LambdaDLQ',
      reason:
        `Failed asynchronous invocations go to ${destination} through the function's EventInvokeConfig, which ` +
        'replaces DeadLetterConfig and also records the error and request context.',
    });
  }

  /**
   * `deadLetterQueueEnabled: true` makes aws-cdk-lib create a queue (`DeadLetterQueue`) with a 14-day retention and
   * nothing else. Give it what the construct's other dead-letter queues have: SSE-SQS, a policy that denies
   * requests without TLS, and an alarm on visible messages.
   */
  private hardenCreatedDeadLetterQueue(): void {
    const queue = this.fn.node.tryFindChild('DeadLetterQueue');
    if (!(queue instanceof sqs.Queue) || this.fn.deadLetterQueue !== queue) {
      return;
    }
    const cfnQueue = queue.node.defaultChild as sqs.CfnQueue;
    cfnQueue.sqsManagedSseEnabled = true;
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['sqs:*'],
        resources: [queue.queueArn],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    const reason = `This queue is itself the dead-letter queue (DeadLetterConfig) of an asynchronous Lambda function. It keeps failed events for ${RETENTION_TEXT} with an alarm on visible messages; an operator redrives them, so it has no dead-letter queue of its own.`;
    Validations.of(queue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason },
      { id: 'Serverless-SQSRedrivePolicy', reason },
    );
    this.deadLetterQueueAlarmResource = this.failedEventsAlarm(queue, 'DeadLetterQueueAlarm', 'DeadLetterEvents', {
      summary: `Asynchronous events for Lambda function ${this.fn.node.id} failed every retry and wait in its dead-letter queue`,
      resourceKind: 'SQS dead-letter queue of Lambda function',
      firstSteps: [
        'read a message: it holds the event, and its attributes the error code and message',
        "find the request ID (message attribute RequestID) in the function's log group",
        `fix the cause, then redrive the messages (they are kept ${RETENTION_TEXT})`,
      ],
    });
  }

  private ensureOnFailureQueue(): sqs.Queue {
    if (this.onFailureQueueResource) {
      return this.onFailureQueueResource;
    }
    const queue = new sqs.Queue(this.fn, 'OnFailureQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    const reason = `This queue is itself the dead-letter queue: the on-failure destination of an asynchronous Lambda function. It keeps failed events for ${RETENTION_TEXT} with an alarm on visible messages; an operator redrives them, so it has no dead-letter queue of its own.`;
    Validations.of(queue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason },
      { id: 'Serverless-SQSRedrivePolicy', reason },
    );

    const alarm = this.failedEventsAlarm(queue, 'OnFailureQueueAlarm', 'FailedAsyncEvents', {
      summary: `Asynchronous events for Lambda function ${this.fn.node.id} failed every retry and wait in its on-failure queue`,
      resourceKind: 'SQS on-failure queue of Lambda function',
      firstSteps: [
        'read a message: it holds the event, the error and the request context',
        "find the request ID in the function's log group",
        `fix the cause, then redrive the messages (they are kept ${RETENTION_TEXT})`,
      ],
    });
    this.onFailureQueueResource = queue;
    this.onFailureQueueAlarmResource = alarm;
    return queue;
  }

  /** The critical alarm on visible messages in a queue that receives the function's failed asynchronous events. */
  private failedEventsAlarm(
    queue: sqs.IQueue,
    id: string,
    alarmNameSuffix: string,
    text: { summary: string; resourceKind: string; firstSteps: string[] },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this.fn, id, {
      alarmName: this.monitoring.alarmName(this.fn, alarmNameSuffix),
      alarmDescription: this.monitoring.alarmDescription({
        summary: text.summary,
        resource: queue,
        resourceKind: text.resourceKind,
        threshold: 'ApproximateNumberOfMessagesVisible (maximum) > 0',
        period: ALARM_PERIOD,
        evaluationPeriods: 1,
        likelyCauses: [
          'the handler throws on these events (a bug or an unexpected payload)',
          'the events expired (maximum event age) while the function was throttled',
          'a downstream dependency was down during all retries',
        ],
        firstSteps: text.firstSteps,
      }),
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: ALARM_PERIOD,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.monitoring.addAlarm(alarm, { severity: AlarmSeverity.CRITICAL });
    return alarm;
  }

  private functionAlarms(): cloudwatch.Alarm[] {
    return [this.errorsAlarm, this.throttlesAlarm, ...(this.durationAlarm ? [this.durationAlarm] : [])];
  }

  private configureTracing(): void {
    const role = this.plan.createdRole;
    if (!this.plan.tracing || !role) {
      return;
    }
    const cfnFunction = this.fn.node.defaultChild as lambda.CfnFunction;
    cfnFunction.tracingConfig = { mode: this.plan.tracing };
    const policy = new iam.Policy(this.fn, 'TracingPolicy', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'SendTracesToXRay',
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });
    // Lambda checks the role for these permissions when it creates a traced function.
    cfnFunction.node.addDependency(policy);
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (the Service Authorization Reference lists no resource type for them), so Resource must be "*". This policy holds nothing else.',
    });
  }

  private configureNetworkInterfacePermissions(): void {
    const role = this.plan.createdRole;
    if (!this.plan.inVpc || !role) {
      return;
    }
    const policy = new iam.Policy(this.fn, 'NetworkInterfacePolicy', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'ManageVpcNetworkInterfaces',
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeSubnets',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: ['*'],
        }),
      ],
    });
    // Lambda checks the role for these permissions when it creates a function in a VPC.
    (this.fn.node.defaultChild as lambda.CfnFunction).node.addDependency(policy);
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Lambda manages the network interfaces of a VPC function with the execution role: the ec2:Describe* actions support no resource-level permissions, and the interfaces Lambda creates and deletes get IDs only at run time. These are the actions of the AWSLambdaVPCAccessExecutionRole managed policy without its logs:* statements; this policy holds nothing else.',
    });
  }
}

function graph(title: string, metric: cloudwatch.IMetric, alarmThreshold?: number): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title,
    left: [metric],
    leftAnnotations: alarmThreshold !== undefined ? [{ value: alarmThreshold, label: 'alarm threshold' }] : undefined,
    width: 6,
    height: 6,
  });
}
