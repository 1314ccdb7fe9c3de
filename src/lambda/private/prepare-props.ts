import { Duration, RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { iam5WildcardResourceId } from './nag-ids';
import { LAMBDA_ALARMS } from '../../monitoring/private/alarm-defaults';
import { errorRateAlarmProblems } from '../../monitoring/private/alarm-props';
import { WellArchitectedFunctionOptions } from '../function-options';

export const DEFAULT_MEMORY_SIZE = 1024;
export const DEFAULT_TIMEOUT = Duration.seconds(10);
export const DEFAULT_RETRY_ATTEMPTS = 2;
export const DEFAULT_MAX_EVENT_AGE = Duration.hours(6);
export const DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;
export const DEFAULT_DURATION_ALARM_THRESHOLD = LAMBDA_ALARMS.duration.timeoutPercent;

const MAX_TIMEOUT = Duration.minutes(15);
const MIN_MAX_EVENT_AGE = Duration.seconds(60);
const MAX_MAX_EVENT_AGE = Duration.hours(6);

/** Lambda advanced logging control levels and the Powertools for AWS Lambda levels that match them. */
const POWERTOOLS_LEVEL_BY_APPLICATION_LEVEL: Record<string, string> = {
  TRACE: 'TRACE',
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  WARN: 'WARN',
  ERROR: 'ERROR',
  FATAL: 'CRITICAL',
};
const APPLICATION_LEVEL_BY_POWERTOOLS_LEVEL: Record<string, lambda.ApplicationLogLevel> = {
  TRACE: lambda.ApplicationLogLevel.TRACE,
  DEBUG: lambda.ApplicationLogLevel.DEBUG,
  INFO: lambda.ApplicationLogLevel.INFO,
  WARN: lambda.ApplicationLogLevel.WARN,
  ERROR: lambda.ApplicationLogLevel.ERROR,
  CRITICAL: lambda.ApplicationLogLevel.FATAL,
  SILENT: lambda.ApplicationLogLevel.FATAL,
};

/** The props both well-architected functions accept: the aws-cdk-lib function options plus ours. */
export type HardenableProps = lambda.FunctionOptions &
  WellArchitectedFunctionOptions & {
    readonly runtime?: lambda.Runtime;
  };

/** How the function handles asynchronous invocations. */
export interface AsyncInvocationPlan {
  /** declared: configure now; detect: configure when an asynchronous invoker gets permission; off: leave to aws-cdk-lib. */
  readonly mode: 'declared' | 'detect' | 'off';
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
  readonly onSuccess?: lambda.IDestination;
  readonly onFailure?: lambda.IDestination;
  /** A legacy dead-letter queue or topic that the user configured: it replaces the created on-failure queue. */
  readonly hasDeadLetterTarget: boolean;
}

/** What the constructor does after `super()`, decided from the props before it. */
export interface HardeningPlan {
  readonly constructName: string;
  readonly options: WellArchitectedFunctionOptions;
  /** The execution role the construct created (undefined when the user gave `role`). */
  readonly createdRole?: iam.Role;
  /** The tracing mode the construct configures itself, with X-Ray permissions in a dedicated policy. */
  readonly tracing?: lambda.Tracing;
  /** Whether the function is placed in a VPC (the created role then needs network interface permissions). */
  readonly inVpc: boolean;
  /** Event sources to add once the construct can watch the permissions they grant. */
  readonly events: lambda.IEventSource[];
  readonly asyncInvocation: AsyncInvocationPlan;
  /** The Powertools log level (`POWERTOOLS_LOG_LEVEL`) to add unless the user set it. */
  readonly powertoolsLogLevel: string;
  /** The environment the user gave, to know which Powertools variables they set themselves. */
  readonly userEnvironment: { [key: string]: string };
  readonly durationAlarmThreshold: number;
  /** Warnings to attach to the function once it exists: [id, message]. */
  readonly warnings: Array<[string, string]>;
}

/**
 * Validate the props, create what must exist before `super()` (the log group and the execution role,
 * as siblings of the function, because aws-cdk-lib reads them in its constructor) and return the props
 * to pass to the aws-cdk-lib constructor with every default filled in.
 */
export function prepareFunctionProps<P extends HardenableProps>(
  scope: Construct,
  id: string,
  props: P,
  constructName: string,
): { superProps: P; plan: HardeningPlan } {
  validateProps(scope, id, props, constructName);
  const warnings: Array<[string, string]> = [];

  const retention = props.logGroupRetention ?? props.logRetention ?? DEFAULT_LOG_RETENTION;
  if (retention === logs.RetentionDays.INFINITE && !props.logGroup) {
    warnings.push([
      'logRetentionInfinite',
      'The log group keeps log events forever (RetentionDays.INFINITE), so storage cost grows without bound. ' +
        'Set logGroupRetention to a finite period and export logs you must keep longer to S3.',
    ]);
  }
  const logGroup: logs.ILogGroupRef =
    props.logGroup ??
    new logs.LogGroup(scope, `${id}LogGroup`, {
      retention,
      removalPolicy: props.logGroupRemovalPolicy ?? props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

  // Lambda creates the log streams at run time, so the statement names the log group and its streams
  // (`log-group:NAME:*`, the ARN CloudFormation returns) and no other group. The group exists, so
  // logs:CreateLogGroup is not needed.
  const writeLogs = new iam.PolicyStatement({
    sid: 'WriteOwnLogGroup',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroup.logGroupRef.logGroupArn],
  });
  let createdRole: iam.Role | undefined;
  if (props.role) {
    props.role.addToPrincipalPolicy(writeLogs);
  } else {
    createdRole = new iam.Role(scope, `${id}ServiceRole`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Least-privilege execution role of a well-architected Lambda function',
      inlinePolicies: { Logging: new iam.PolicyDocument({ statements: [writeLogs] }) },
    });
    // A log group of this stack is named by `Fn::GetAtt Arn`, which has no visible wildcard; an imported one
    // by its ARN string, which ends in `:*` to cover its log streams.
    const logStreamsWildcard = iam5WildcardResourceId(scope, logGroup.logGroupRef.logGroupArn);
    if (logStreamsWildcard) {
      Validations.of(createdRole).acknowledge({
        id: logStreamsWildcard,
        reason:
          'The ARN names one log group; its trailing ":*" covers the log streams Lambda creates in it at run time, whose names are not known in advance.',
      });
    }
  }

  // The construct writes the X-Ray statement into its own policy so that the acknowledgment of its
  // `Resource: *` covers nothing else. With a role you give, or ADOT (which aws-cdk-lib wires to
  // tracing itself), tracing stays with aws-cdk-lib.
  const tracingMode = props.tracing ?? lambda.Tracing.ACTIVE;
  const tracingByConstruct = createdRole !== undefined && props.adotInstrumentation === undefined;

  const logging = planLogging(props);

  const hasDeadLetterTarget = !!(props.deadLetterQueue || props.deadLetterQueueEnabled || props.deadLetterTopic);
  const asyncPropsSet =
    props.onFailure !== undefined ||
    props.onSuccess !== undefined ||
    props.retryAttempts !== undefined ||
    props.maxEventAge !== undefined;
  const asyncMode =
    props.asyncInvocation === false ? 'off' : props.asyncInvocation === true || asyncPropsSet ? 'declared' : 'detect';
  const asyncPropsToSuper =
    asyncMode === 'off'
      ? {}
      : { onFailure: undefined, onSuccess: undefined, retryAttempts: undefined, maxEventAge: undefined };

  // The deprecated log props are read above (as the created log group's settings) and not passed on,
  // which would create a LogRetention custom resource. `events` are added after super() so that the
  // construct sees the permissions the event sources grant. Our own options mean nothing to aws-cdk-lib.
  const {
    logRetention: _logRetention,
    logRemovalPolicy: _logRemovalPolicy,
    events: _events,
    monitoring: _monitoring,
    serviceName: _serviceName,
    metricsNamespace: _metricsNamespace,
    asyncInvocation: _asyncInvocation,
    durationAlarmThreshold: _durationAlarmThreshold,
    errorRateAlarmThresholdPercent: _errorRateAlarmThresholdPercent,
    errorRateAlarmMinimumInvocations: _errorRateAlarmMinimumInvocations,
    errorRateAlarmPeriod: _errorRateAlarmPeriod,
    logGroupRetention: _logGroupRetention,
    logGroupRemovalPolicy: _logGroupRemovalPolicy,
    ...passedOn
  } = props;
  const superProps = {
    ...passedOn,
    ...asyncPropsToSuper,
    role: props.role ?? createdRole,
    logGroup,
    memorySize: props.memorySize ?? DEFAULT_MEMORY_SIZE,
    timeout: props.timeout ?? DEFAULT_TIMEOUT,
    architecture: props.architecture ?? lambda.Architecture.ARM_64,
    tracing: tracingByConstruct ? undefined : tracingMode,
    recursiveLoop: props.recursiveLoop ?? lambda.RecursiveLoop.TERMINATE,
    loggingFormat: logging.loggingFormat,
    applicationLogLevelV2: logging.applicationLogLevelV2,
    systemLogLevelV2: logging.systemLogLevelV2,
  } as P;

  return {
    superProps,
    plan: {
      constructName,
      options: props,
      createdRole,
      tracing: tracingByConstruct && tracingMode !== lambda.Tracing.DISABLED ? tracingMode : undefined,
      inVpc: props.vpc !== undefined,
      events: props.events ?? [],
      asyncInvocation: {
        mode: asyncMode,
        retryAttempts: props.retryAttempts ?? DEFAULT_RETRY_ATTEMPTS,
        maxEventAge: props.maxEventAge ?? DEFAULT_MAX_EVENT_AGE,
        onSuccess: props.onSuccess,
        onFailure: props.onFailure,
        hasDeadLetterTarget,
      },
      powertoolsLogLevel: logging.powertoolsLogLevel,
      userEnvironment: props.environment ?? {},
      durationAlarmThreshold: props.durationAlarmThreshold ?? DEFAULT_DURATION_ALARM_THRESHOLD,
      warnings,
    },
  };
}

interface LoggingPlan {
  readonly loggingFormat?: lambda.LoggingFormat;
  readonly applicationLogLevelV2?: lambda.ApplicationLogLevel;
  readonly systemLogLevelV2?: lambda.SystemLogLevel;
  readonly powertoolsLogLevel: string;
}

/**
 * JSON logs with advanced logging controls, and a Powertools log level that agrees with the application
 * log level: Lambda drops application log lines below `applicationLogLevelV2`, so a more verbose
 * `POWERTOOLS_LOG_LEVEL` would only produce lines that never arrive.
 */
function planLogging(props: HardenableProps): LoggingPlan {
  // The deprecated logFormat / applicationLogLevel / systemLogLevel props cannot be combined with their
  // replacements (aws-cdk-lib rejects it), so a default is only given where the user set neither.
  const loggingFormat = props.loggingFormat ?? (props.logFormat === undefined ? lambda.LoggingFormat.JSON : undefined);
  const format: string = loggingFormat ?? props.logFormat!;
  const json = format === lambda.LoggingFormat.JSON;

  const powertoolsFromEnvironment = props.environment?.POWERTOOLS_LOG_LEVEL;
  const levelFromEnvironment =
    powertoolsFromEnvironment !== undefined && !Token.isUnresolved(powertoolsFromEnvironment)
      ? APPLICATION_LEVEL_BY_POWERTOOLS_LEVEL[powertoolsFromEnvironment.toUpperCase()]
      : undefined;

  const applicationLogLevelV2 =
    json && props.applicationLogLevel === undefined
      ? (props.applicationLogLevelV2 ?? levelFromEnvironment ?? lambda.ApplicationLogLevel.INFO)
      : props.applicationLogLevelV2;
  const systemLogLevelV2 =
    json && props.systemLogLevel === undefined
      ? (props.systemLogLevelV2 ?? lambda.SystemLogLevel.WARN)
      : props.systemLogLevelV2;

  const applicationLevel: string | undefined = applicationLogLevelV2 ?? props.applicationLogLevel;
  const powertoolsLogLevel =
    applicationLevel !== undefined ? (POWERTOOLS_LEVEL_BY_APPLICATION_LEVEL[applicationLevel] ?? 'INFO') : 'INFO';
  return { loggingFormat, applicationLogLevelV2, systemLogLevelV2, powertoolsLogLevel };
}

/** Throw one error listing every invalid prop: the property, the value and the fix. */
function validateProps(scope: Construct, id: string, props: HardenableProps, constructName: string): void {
  const problems: string[] = [];

  const threshold = props.durationAlarmThreshold;
  if (threshold !== undefined && !Token.isUnresolved(threshold) && !(threshold > 0 && threshold <= 100)) {
    problems.push(
      `durationAlarmThreshold: ${threshold} is not a percentage of the timeout in (0, 100]; use e.g. 80 to alarm when p99 duration reaches 80% of the timeout.`,
    );
  }
  problems.push(
    ...errorRateAlarmProblems({
      thresholdPercent: ['errorRateAlarmThresholdPercent', props.errorRateAlarmThresholdPercent],
      minimumSamples: ['errorRateAlarmMinimumInvocations', props.errorRateAlarmMinimumInvocations],
      period: ['errorRateAlarmPeriod', props.errorRateAlarmPeriod],
    }),
  );

  const timeout = props.timeout;
  if (timeout !== undefined && !timeout.isUnresolved()) {
    if (timeout.toMilliseconds() > MAX_TIMEOUT.toMilliseconds()) {
      problems.push(
        `timeout: ${timeout.toHumanString()} exceeds the Lambda maximum of 15 minutes; use at most Duration.minutes(15), or move long work to Step Functions or ECS.`,
      );
    } else if (timeout.toMilliseconds() < 1000) {
      problems.push(
        `timeout: ${timeout.toHumanString()} is below the Lambda minimum of 1 second; use at least Duration.seconds(1).`,
      );
    }
  }

  const memory = props.memorySize;
  if (
    memory !== undefined &&
    !Token.isUnresolved(memory) &&
    !(Number.isInteger(memory) && memory >= 128 && memory <= 10240)
  ) {
    problems.push(
      `memorySize: ${memory} is not a whole number of MB between 128 and 10240; pick a value in that range.`,
    );
  }

  const retries = props.retryAttempts;
  if (
    retries !== undefined &&
    !Token.isUnresolved(retries) &&
    !(Number.isInteger(retries) && retries >= 0 && retries <= 2)
  ) {
    problems.push(
      `retryAttempts: ${retries} is not 0, 1 or 2 (the retries Lambda allows for asynchronous invocations); pick one of those.`,
    );
  }

  const maxEventAge = props.maxEventAge;
  if (maxEventAge !== undefined && !maxEventAge.isUnresolved()) {
    const ms = maxEventAge.toMilliseconds();
    if (ms < MIN_MAX_EVENT_AGE.toMilliseconds() || ms > MAX_MAX_EVENT_AGE.toMilliseconds()) {
      problems.push(
        `maxEventAge: ${maxEventAge.toHumanString()} is outside the 60 seconds to 6 hours Lambda allows; use a Duration in that range.`,
      );
    }
  }

  if (props.logGroup) {
    for (const [name, value] of [
      ['logGroupRetention', props.logGroupRetention],
      ['logRetention', props.logRetention],
      ['logGroupRemovalPolicy', props.logGroupRemovalPolicy],
      ['logRemovalPolicy', props.logRemovalPolicy],
    ] as const) {
      if (value !== undefined) {
        problems.push(
          `${name}: ${value} applies to the log group the construct creates, but logGroup is given; set it on your log group instead, or remove logGroup.`,
        );
      }
    }
  }
  if (props.logGroupRetention !== undefined && props.logRetention !== undefined) {
    problems.push(
      `logRetention: ${props.logRetention} is the deprecated name of logGroupRetention (${props.logGroupRetention}); set only logGroupRetention.`,
    );
  }
  if (props.logGroupRemovalPolicy !== undefined && props.logRemovalPolicy !== undefined) {
    problems.push(
      `logRemovalPolicy: ${props.logRemovalPolicy} is the deprecated name of logGroupRemovalPolicy (${props.logGroupRemovalPolicy}); set only logGroupRemovalPolicy.`,
    );
  }

  problems.push(...environmentProblems(props));

  if (problems.length > 0) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    throw new Error(`Invalid ${constructName} props at ${path}:\n- ${problems.join('\n- ')}`);
  }
}

function environmentProblems(props: HardenableProps): string[] {
  const problems: string[] = [];
  const environment = props.environment ?? {};

  for (const [prop, variable, value] of [
    ['serviceName', 'POWERTOOLS_SERVICE_NAME', props.serviceName],
    ['metricsNamespace', 'POWERTOOLS_METRICS_NAMESPACE', props.metricsNamespace],
  ] as const) {
    const fromEnvironment = environment[variable];
    if (value !== undefined && fromEnvironment !== undefined && value !== fromEnvironment) {
      problems.push(
        `environment.${variable}: '${fromEnvironment}' disagrees with ${prop} '${value}'; set only ${prop} (it sets ${variable}).`,
      );
    }
  }

  const powertoolsLevel = environment.POWERTOOLS_LOG_LEVEL;
  if (powertoolsLevel !== undefined && !Token.isUnresolved(powertoolsLevel)) {
    const matchingLevel = APPLICATION_LEVEL_BY_POWERTOOLS_LEVEL[powertoolsLevel.toUpperCase()];
    const applicationLevel: string | undefined = props.applicationLogLevelV2 ?? props.applicationLogLevel;
    if (matchingLevel === undefined) {
      problems.push(
        `environment.POWERTOOLS_LOG_LEVEL: '${powertoolsLevel}' is not a Powertools log level; use one of ${Object.keys(APPLICATION_LEVEL_BY_POWERTOOLS_LEVEL).join(', ')}.`,
      );
    } else if (
      applicationLevel !== undefined &&
      !Token.isUnresolved(applicationLevel) &&
      POWERTOOLS_LEVEL_BY_APPLICATION_LEVEL[applicationLevel] !== powertoolsLevel.toUpperCase()
    ) {
      problems.push(
        `environment.POWERTOOLS_LOG_LEVEL: '${powertoolsLevel}' disagrees with applicationLogLevelV2 '${applicationLevel}', and Lambda drops application logs below that level; remove POWERTOOLS_LOG_LEVEL (the construct derives it from applicationLogLevelV2) or set both to the same level.`,
      );
    }
  }
  return problems;
}
