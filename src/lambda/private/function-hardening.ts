import { Annotations, Duration, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { asynchronousInvokers } from './async-invokers';
import { HardeningPlan } from './prepare-props';
import { WellArchitectedMonitoring } from '../../monitoring';
import { ALARM_PERIOD } from '../../monitoring/private/alarm-defaults';
import {
  durationThresholdMs as durationThreshold,
  failureQueueDepthAlarm,
  failureQueueNewMessagesAlarm,
  FailureQueueKind,
  functionDurationAlarm,
  functionErrorRateAlarm,
  functionThrottlesAlarm,
} from '../../monitoring/private/alarm-factories';

const EVENT_INVOKE_CONFIG_ID = 'EventInvokeConfig';

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
  private onFailureQueueNewMessagesAlarmResource?: cloudwatch.Alarm;
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

    const placement = (id: string) => ({ monitoring: this.monitoring, scope: fn, id, watched: fn });
    const target = { functionName: fn.functionName, label: fn.node.id };
    this.errorsAlarm = functionErrorRateAlarm(placement('ErrorsAlarm'), target, {
      thresholdPercent: options.errorRateAlarmThresholdPercent,
      minimumInvocations: options.errorRateAlarmMinimumInvocations,
      period: options.errorRateAlarmPeriod,
    });
    this.throttlesAlarm = functionThrottlesAlarm(placement('ThrottlesAlarm'), target);
    const timeout = fn.timeout!;
    let durationThresholdMs: number | undefined;
    if (timeout.isUnresolved() || Token.isUnresolved(plan.durationAlarmThreshold)) {
      Annotations.of(fn).addWarningV2(
        `cdk-well-architected:${plan.constructName}.durationAlarmSkipped`,
        'The timeout or durationAlarmThreshold is a token, so the duration alarm threshold cannot be computed and no duration alarm was created. Give both concrete values.',
      );
    } else {
      durationThresholdMs = durationThreshold(timeout.toSeconds({ integral: false }), plan.durationAlarmThreshold);
      this.durationAlarm = functionDurationAlarm(
        placement('DurationAlarm'),
        target,
        timeout.toSeconds({ integral: false }),
        plan.durationAlarmThreshold,
      );
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

    // With asyncInvocation false the user opted out of the on-failure queue, so the finding stands.
    if (!plan.asyncInvocation.hasDeadLetterTarget && plan.asyncInvocation.mode !== 'off') {
      Validations.of(fn).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          'DeadLetterConfig only captures failed asynchronous invocations. This function sends them to an EventInvokeConfig on-failure destination instead (an encrypted SQS queue with an alarm, which also records the error and request context), created as soon as an asynchronous invoker is granted permission or asyncInvocation is true; synchronous and event source mapping invocations return their errors to the caller.',
      });
    }
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

  /**
   * The alarm on messages waiting in `onFailureQueue` (a warning: it stays in ALARM until they are redriven), once
   * the construct has created it.
   */
  public get onFailureQueueAlarm(): cloudwatch.Alarm | undefined {
    return this.onFailureQueueAlarmResource;
  }

  /** The alarm on new messages in `onFailureQueue` (critical), once the construct has created it. */
  public get onFailureQueueNewMessagesAlarm(): cloudwatch.Alarm | undefined {
    return this.onFailureQueueNewMessagesAlarmResource;
  }

  /** Every alarm of the function, including the on-failure queue alarms once they exist. */
  public get alarms(): cloudwatch.Alarm[] {
    const queueAlarms = [this.onFailureQueueAlarmResource, this.onFailureQueueNewMessagesAlarmResource];
    return [...this.functionAlarms(), ...queueAlarms.filter((alarm): alarm is cloudwatch.Alarm => alarm !== undefined)];
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
  }

  private ensureOnFailureQueue(): sqs.Queue {
    if (this.onFailureQueueResource) {
      return this.onFailureQueueResource;
    }
    const queue = new sqs.Queue(this.fn, 'OnFailureQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const reason =
      'This queue is itself the dead-letter queue: the on-failure destination of an asynchronous Lambda function. It keeps failed events for 14 days with an alarm on visible messages; an operator redrives them, so it has no dead-letter queue of its own.';
    Validations.of(queue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason },
      { id: 'Serverless-SQSRedrivePolicy', reason },
    );

    const failures = {
      queueName: queue.queueName,
      kind: FailureQueueKind.ON_FAILURE_QUEUE,
      owner: `Lambda function ${this.fn.node.id}`,
    };
    const placement = (id: string) => ({
      monitoring: this.monitoring,
      scope: this.fn,
      id,
      watched: queue,
      namedAfter: this.fn,
    });
    // The depth alarm keeps its construct id and name; it is a warning now, and new failures page instead.
    const alarm = failureQueueDepthAlarm(placement('OnFailureQueueAlarm'), failures, 'FailedAsyncEvents');
    this.onFailureQueueNewMessagesAlarmResource = failureQueueNewMessagesAlarm(
      placement('OnFailureQueueNewMessagesAlarm'),
      failures,
    );
    this.onFailureQueueResource = queue;
    this.onFailureQueueAlarmResource = alarm;
    return queue;
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
