import { Aspects, Duration, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { WellArchitectedMonitoring } from '../monitoring';
import { REST_INTEGRATION_TIMEOUT_SECONDS } from '../service-defaults/apigateway';
import { LOG_RETENTION } from '../service-defaults/logs';
import { restAccessLogFormat } from './private/access-log-format';
import { monitorApi } from './private/api-monitoring';
import { withDefaults } from './private/defaults';
import { LambdaTimeoutCheck } from './private/lambda-timeout-check';
import { PropsProblems } from './private/validate';
import { durationThresholdProblem, errorRateAlarmProblems } from '../monitoring/private/alarm-props';

const PUSH_TO_CLOUDWATCH_POLICY = 'AmazonAPIGatewayPushToCloudWatchLogs';

/** Properties of a `WellArchitectedRestApi`: every `apigateway.RestApiProps` property, plus the well-architected extras. */
export interface WellArchitectedRestApiProps extends apigateway.RestApiProps {
  /**
   * How long the access-log group this construct creates keeps entries. Only applies when the construct creates
   * the group, so it cannot be combined with `deployOptions.accessLogDestination`.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: logs.RetentionDays;

  /**
   * How long the execution-log group of the deployment stage keeps entries. API Gateway writes execution logs to
   * `API-Gateway-Execution-Logs_{restApiId}/{stageName}` and creates that group itself, without a retention, when it
   * first logs; the construct creates it first, with this retention, whenever the stage logs (`loggingLevel` not OFF).
   * An API whose stage already logged before this default existed has the group already: deleting it (or
   * `cdk import`) lets the deployment create it.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-execution-logging.html
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly executionLogRetention?: logs.RetentionDays;

  /**
   * Alarm when the API's p99 `Latency` reaches this in 3 of 5 minutes. It must be known at synth time (not a token). The default is well below the 29-second
   * integration timeout and above what a healthy Lambda-backed API shows at p99 even with occasional cold starts.
   * @default Duration.seconds(2)
   */
  readonly latencyAlarmThreshold?: Duration;

  /**
   * The ServerErrors alarm (critical: it pages through the service health alarm) fires when 5XX responses exceed
   * this percentage of requests in 3 consecutive periods of `serverErrorRateAlarmPeriod`. AWS recommends 5%
   * (the 5XXError average above 0.05). A number in (0, 100).
   * @default 5
   */
  readonly serverErrorRateAlarmThresholdPercent?: number;

  /**
   * The 5XX rate is judged only in periods with at least this many requests (else it counts as 0%), so one
   * failed request to a quiet API does not page. Set 1 to judge every request.
   * @default 10
   */
  readonly serverErrorRateAlarmMinimumRequests?: number;

  /**
   * The period over which the ServerErrors alarm computes the 5XX rate: a whole number of minutes, at most 1 hour.
   * @default Duration.minutes(1)
   */
  readonly serverErrorRateAlarmPeriod?: Duration;

  /**
   * Where the API's alarms notify and which dashboard shows its metrics.
   * @default WellArchitectedMonitoring.of(this)
   */
  readonly monitoring?: WellArchitectedMonitoring;
}

/**
 * An `apigateway.RestApi` with the Serverless Lens defaults: a regional endpoint; IAM authorization on every method
 * that does not choose its own; a stage with X-Ray tracing, detailed metrics, execution logging at ERROR without
 * request/response bodies, default throttling of 1,000 requests per second with a burst of 2,000, and JSON access
 * logs in a log group with one month of retention; the account's CloudWatch role so logging deploys in a fresh
 * account; alarms on 5XX responses and p99 latency; a dashboard section; and a warning for each Lambda integration
 * whose function can outlive the integration timeout.
 *
 * Every `apigateway.RestApiProps` property still works and overrides the default it touches.
 */
export class WellArchitectedRestApi extends apigateway.RestApi {
  /**
   * The default stage-wide rate limit, in requests per second: a tenth of the 10,000 per second that all APIs
   * of an account share in a region, so one API cannot starve the others, and at one-second invocations the
   * 1,000 concurrent executions of Lambda's default account quota.
   */
  public static readonly DEFAULT_THROTTLING_RATE_LIMIT = 1000;

  /**
   * The default stage-wide burst limit, in requests: twice the rate limit, to absorb short spikes, and below the
   * account's regional burst of 5,000.
   */
  public static readonly DEFAULT_THROTTLING_BURST_LIMIT = 2000;

  /** The log group of the stage's access logs, when this construct created it (no `accessLogDestination` given). */
  public readonly accessLogGroup?: logs.ILogGroup;

  /**
   * The execution-log group of the deployment stage (`API-Gateway-Execution-Logs_{restApiId}/{stageName}`), created
   * with a retention; undefined without a deployment stage or when the stage does not log.
   */
  public readonly executionLogGroup?: logs.ILogGroup;

  /** The alarm on 5XX responses. */
  public readonly serverErrorsAlarm: cloudwatch.Alarm;

  /** The alarm on p99 latency. */
  public readonly latencyAlarm: cloudwatch.Alarm;

  /** The monitoring that the alarms notify and whose dashboard shows the API. */
  public readonly monitoring: WellArchitectedMonitoring;

  constructor(scope: Construct, id: string, props: WellArchitectedRestApiProps = {}) {
    validateProps(props);
    const accessLogs = new OwnedAccessLogGroup(props.accessLogRetention ?? LOG_RETENTION);
    super(scope, id, restApiPropsWithDefaults(props, accessLogs));
    this.accessLogGroup = accessLogs.logGroup;
    this.executionLogGroup = createExecutionLogGroup(this, props);

    acknowledgeDocumentedDefaults(this);
    Aspects.of(this).add(
      new LambdaTimeoutCheck({
        warningId: 'cdk-well-architected:WellArchitectedRestApi.lambdaTimeout',
        integrationResourceType: 'AWS::ApiGateway::Method',
        defaultIntegrationTimeoutSeconds: REST_INTEGRATION_TIMEOUT_SECONDS,
        integrationTimeoutHint:
          'To wait longer, set `timeout` on the LambdaIntegration (above 29 s needs a Service Quotas increase; regional and private APIs only).',
      }),
    );

    this.monitoring = props.monitoring ?? WellArchitectedMonitoring.of(this);
    const alarms = monitorApi(this, this.monitoring, {
      apiKind: 'REST API',
      dimensions: restApiDimensions(this),
      serverErrorMetric: '5XXError',
      clientErrorMetric: '4XXError',
      serverErrorRate: {
        thresholdPercent: props.serverErrorRateAlarmThresholdPercent,
        minimumRequests: props.serverErrorRateAlarmMinimumRequests,
        period: props.serverErrorRateAlarmPeriod,
      },
      latencyThreshold: props.latencyAlarmThreshold,
    });
    this.serverErrorsAlarm = alarms.serverErrorsAlarm;
    this.latencyAlarm = alarms.latencyAlarm;
  }

  /** Every alarm of this API. */
  public get alarms(): cloudwatch.Alarm[] {
    return [this.serverErrorsAlarm, this.latencyAlarm];
  }
}

/**
 * An access-log destination that creates its log group when the stage binds it: the stage is created inside
 * `RestApi`'s constructor, before the subclass can create anything under the API.
 */
class OwnedAccessLogGroup implements apigateway.IAccessLogDestination {
  public logGroup?: logs.LogGroup;

  constructor(private readonly retention: logs.RetentionDays) {}

  public bind(stage: apigateway.IStage): apigateway.AccessLogDestinationConfig {
    // The stage is a child of the API; the log group goes next to it, under the API.
    const api = stage.node.scope ?? stage;
    this.logGroup = new logs.LogGroup(api, 'AccessLogs', { retention: this.retention });
    return new apigateway.LogGroupLogDestination(this.logGroup).bind(stage);
  }
}

/**
 * The group API Gateway would otherwise create for the stage's execution logs, with no retention: created here first,
 * with one, and the stage waits for it so that API Gateway finds it when it first logs.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-execution-logging.html
 */
function createExecutionLogGroup(
  api: apigateway.RestApi,
  props: WellArchitectedRestApiProps,
): logs.LogGroup | undefined {
  const stage = props.deploy === false ? undefined : api.deploymentStage;
  const loggingLevel = props.deployOptions?.loggingLevel ?? apigateway.MethodLoggingLevel.ERROR;
  if (stage === undefined || loggingLevel === apigateway.MethodLoggingLevel.OFF) {
    return undefined;
  }
  // `stage.stageName` refers to the stage itself (a Ref), which would make the group and the stage wait for each
  // other: read the name the stage is created with.
  const stageName = (stage.node.defaultChild as apigateway.CfnStage).stageName;
  const group = new logs.LogGroup(api, 'ExecutionLogs', {
    logGroupName: `API-Gateway-Execution-Logs_${api.restApiId}/${stageName}`,
    retention: props.executionLogRetention ?? LOG_RETENTION,
  });
  stage.node.addDependency(group);
  return group;
}

function restApiPropsWithDefaults(
  props: WellArchitectedRestApiProps,
  accessLogs: OwnedAccessLogGroup,
): apigateway.RestApiProps {
  const givesEndpoint = props.endpointTypes !== undefined || props.endpointConfiguration !== undefined;
  return {
    ...props,
    endpointTypes: givesEndpoint ? props.endpointTypes : [apigateway.EndpointType.REGIONAL],
    // The AWS::ApiGateway::Account role must exist before a stage with logging deploys; new CDK apps turn the
    // L2 default off (@aws-cdk/aws-apigateway:disableCloudWatchRole), so a first deploy in a fresh account would fail.
    cloudWatchRole: props.cloudWatchRole ?? true,
    defaultMethodOptions: defaultMethodOptions(props.defaultMethodOptions),
    // RestApi rejects deployOptions when deploy is false, so leave them as given.
    deployOptions:
      props.deploy === false ? props.deployOptions : deployOptionsWithDefaults(props.deployOptions, accessLogs),
  };
}

/** IAM authorization unless the user's default options choose an authorization type or an authorizer. */
function defaultMethodOptions(given: apigateway.MethodOptions | undefined): apigateway.MethodOptions {
  if (given?.authorizationType !== undefined || given?.authorizer !== undefined) {
    return given;
  }
  return { ...given, authorizationType: apigateway.AuthorizationType.IAM };
}

function deployOptionsWithDefaults(
  given: apigateway.StageOptions | undefined,
  accessLogs: OwnedAccessLogGroup,
): apigateway.StageOptions {
  return withDefaults<apigateway.StageOptions>(
    {
      tracingEnabled: true,
      metricsEnabled: true,
      loggingLevel: apigateway.MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      throttlingRateLimit: WellArchitectedRestApi.DEFAULT_THROTTLING_RATE_LIMIT,
      throttlingBurstLimit: WellArchitectedRestApi.DEFAULT_THROTTLING_BURST_LIMIT,
      accessLogDestination: accessLogs,
      accessLogFormat: restAccessLogFormat(),
    },
    given,
  );
}

/**
 * Acknowledge the cdk-nag findings that follow from a documented default the user can change. The ids carry the
 * plugin prefix (`AwsSolutions::`), as the CDK validation report asks, so the report lists them as acknowledged with
 * their reason; cdk-nag's own `validateScope`, which bypasses the report, does not read prefixed ids.
 */
function acknowledgeDocumentedDefaults(api: apigateway.RestApi): void {
  Validations.of(api).acknowledge(
    {
      id: 'AwsSolutions::AwsSolutions-APIG2',
      reason:
        'Request validation needs the request models and required parameters of each method, which only the application ' +
        'knows; add them with requestValidatorOptions and requestModels on addMethod.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-APIG3',
      reason:
        'WellArchitectedRestApi does not create a WAF web ACL: rules and their cost depend on the application. Associate ' +
        'one with wafv2.CfnWebACLAssociation on the stage ARN for public APIs.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-COG4',
      reason:
        'Methods use IAM (SigV4) authorization by default, which is authorization; a Cognito user pool authorizer is an ' +
        'application choice (defaultMethodOptions.authorizer or the method options).',
    },
  );
  const role = api.node.tryFindChild('CloudWatchRole');
  if (role) {
    acknowledgeCloudWatchRolePolicy(role);
  }
}

function acknowledgeCloudWatchRolePolicy(role: IConstruct): void {
  Validations.of(role).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${PUSH_TO_CLOUDWATCH_POLICY}]`,
    reason:
      `${PUSH_TO_CLOUDWATCH_POLICY} is the AWS managed policy API Gateway documents for the account-level CloudWatch role ` +
      '(AWS::ApiGateway::Account); it only allows writing API Gateway log groups and streams.',
  });
}

function validateProps(props: WellArchitectedRestApiProps): void {
  const problems = new PropsProblems('WellArchitectedRestApi');
  problems.checkRateLimit('deployOptions.throttlingRateLimit', props.deployOptions?.throttlingRateLimit);
  problems.checkBurstLimit('deployOptions.throttlingBurstLimit', props.deployOptions?.throttlingBurstLimit);
  problems.checkLatencyThreshold('latencyAlarmThreshold', props.latencyAlarmThreshold);
  for (const problem of durationThresholdProblem(
    'latencyAlarmThreshold',
    props.latencyAlarmThreshold,
    (d) => d.toMilliseconds(),
    'Duration.millis(2000)',
  )) {
    problems.add(problem);
  }
  for (const problem of errorRateAlarmProblems({
    thresholdPercent: ['serverErrorRateAlarmThresholdPercent', props.serverErrorRateAlarmThresholdPercent],
    minimumSamples: ['serverErrorRateAlarmMinimumRequests', props.serverErrorRateAlarmMinimumRequests],
    period: ['serverErrorRateAlarmPeriod', props.serverErrorRateAlarmPeriod],
  })) {
    problems.add(problem);
  }
  if (props.accessLogRetention !== undefined && props.deployOptions?.accessLogDestination !== undefined) {
    problems.add(
      `accessLogRetention: ${props.accessLogRetention} days cannot apply to deployOptions.accessLogDestination, ` +
        'a log destination you created; set the retention on it and remove accessLogRetention.',
    );
  }
  if (props.executionLogRetention !== undefined && props.deploy === false) {
    problems.add(
      `executionLogRetention: ${props.executionLogRetention} days has no stage to apply to when deploy is false; ` +
        'remove executionLogRetention or deploy.',
    );
  }
  if (
    props.executionLogRetention !== undefined &&
    props.deployOptions?.loggingLevel === apigateway.MethodLoggingLevel.OFF
  ) {
    problems.add(
      `executionLogRetention: ${props.executionLogRetention} days has no execution logs to apply to when ` +
        'deployOptions.loggingLevel is OFF; remove executionLogRetention or set loggingLevel to ERROR or INFO.',
    );
  }
  if (props.accessLogRetention !== undefined && props.deploy === false) {
    problems.add(
      `accessLogRetention: ${props.accessLogRetention} days has no log group to apply to when deploy is false ` +
        '(no stage is created); remove accessLogRetention or deploy.',
    );
  }
  problems.throwIfAny();
}

/**
 * REST API metrics by API name and stage, as AWS recommends for its API alarms
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html):
 * by name alone they add up every API of that name in the account and region, and every stage. Without a
 * deployment stage (`deploy: false`), the name alone.
 */
function restApiDimensions(api: apigateway.RestApi): Record<string, string> {
  const stage = tryDeploymentStage(api);
  return stage ? { ApiName: api.restApiName, Stage: stage.stageName } : { ApiName: api.restApiName };
}

function tryDeploymentStage(api: apigateway.RestApi): apigateway.Stage | undefined {
  try {
    return api.deploymentStage;
  } catch {
    return undefined;
  }
}
