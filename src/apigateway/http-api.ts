import { Aspects, Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WellArchitectedMonitoring } from '../monitoring';
import { HTTP_INTEGRATION_TIMEOUT_SECONDS } from '../service-defaults/apigateway';
import { LOG_RETENTION } from '../service-defaults/logs';
import { httpAccessLogFormat } from './private/access-log-format';
import { monitorApi } from './private/api-monitoring';
import { CorsPreflightCheck } from './private/cors-preflight-check';
import { LambdaTimeoutCheck } from './private/lambda-timeout-check';
import { PropsProblems } from './private/validate';
import { durationThresholdProblem, errorRateAlarmProblems } from '../monitoring/private/alarm-props';

/** Properties of a `WellArchitectedHttpApi`: every `apigwv2.HttpApiProps` property, plus the well-architected extras. */
export interface WellArchitectedHttpApiProps extends apigwv2.HttpApiProps {
  /**
   * Where and how the default stage writes access logs.
   * @default - a new log group (retention `accessLogRetention`) and a JSON format with the request id, caller IP,
   * time, method, route, path, protocol, status, latencies, integration status and errors
   */
  readonly accessLogSettings?: apigwv2.IAccessLogSettings;

  /**
   * How long the access-log group this construct creates keeps entries. Cannot be combined with `accessLogSettings`.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: logs.RetentionDays;

  /**
   * The default stage's throttling, for every route without its own.
   * @default - { rateLimit: 1000, burstLimit: 2000 } (see `WellArchitectedHttpApi.DEFAULT_THROTTLING_RATE_LIMIT`)
   */
  readonly defaultThrottle?: apigwv2.ThrottleSettings;

  /**
   * Whether the default stage publishes per-route CloudWatch metrics (charged as custom metrics).
   * @default true
   */
  readonly detailedMetricsEnabled?: boolean;

  /**
   * Alarm when the API's p99 `Latency` reaches this in 3 of 5 minutes. It must be known at synth time (not a token). The default is well below the 30-second
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
 * An `apigwv2.HttpApi` with the Serverless Lens defaults: IAM authorization (`HttpIamAuthorizer`) on every route
 * that does not choose its own authorizer; a default stage with detailed metrics, default throttling of 1,000
 * requests per second with a burst of 2,000, and JSON access logs in a log group with one month of retention;
 * alarms on 5XX responses and p99 latency; a dashboard section; a warning for each Lambda integration whose
 * function can outlive the 30-second integration timeout; and, with CORS, a warning for each authorized `ANY`
 * route, which would refuse the browser's preflight requests. (HTTP APIs do not support X-Ray tracing.)
 *
 * Every `apigwv2.HttpApiProps` property still works and overrides the default it touches.
 */
export class WellArchitectedHttpApi extends apigwv2.HttpApi {
  /** The default stage's default rate limit, in requests per second (see `WellArchitectedRestApi.DEFAULT_THROTTLING_RATE_LIMIT`). */
  public static readonly DEFAULT_THROTTLING_RATE_LIMIT = 1000;

  /** The default stage's default burst limit, in requests (see `WellArchitectedRestApi.DEFAULT_THROTTLING_BURST_LIMIT`). */
  public static readonly DEFAULT_THROTTLING_BURST_LIMIT = 2000;

  /** The log group of the default stage's access logs, when this construct created it (no `accessLogSettings` given). */
  public readonly accessLogGroup?: logs.ILogGroup;

  /** The alarm on 5XX responses. */
  public readonly serverErrorsAlarm: cloudwatch.Alarm;

  /** The alarm on p99 latency. */
  public readonly latencyAlarm: cloudwatch.Alarm;

  /** The monitoring that the alarms notify and whose dashboard shows the API. */
  public readonly monitoring: WellArchitectedMonitoring;

  constructor(scope: Construct, id: string, props: WellArchitectedHttpApiProps = {}) {
    validateProps(props);
    super(scope, id, {
      ...props,
      defaultAuthorizer: props.defaultAuthorizer ?? new authorizers.HttpIamAuthorizer(),
      // HttpApi creates its default stage without access logs, throttling or metrics, and offers no props for them,
      // so this construct creates the stage itself (same construct id, so the stage keeps its logical id).
      createDefaultStage: false,
      defaultDomainMapping: undefined,
    });

    if (props.createDefaultStage !== false) {
      let accessLogSettings = props.accessLogSettings;
      if (!accessLogSettings) {
        this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
          retention: props.accessLogRetention ?? LOG_RETENTION,
        });
        accessLogSettings = {
          destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
          format: httpAccessLogFormat(),
        };
      }
      const stage = new apigwv2.HttpStage(this, 'DefaultStage', {
        httpApi: this,
        autoDeploy: true,
        domainMapping: props.defaultDomainMapping,
        accessLogSettings,
        detailedMetricsEnabled: props.detailedMetricsEnabled ?? true,
        throttle: {
          rateLimit: props.defaultThrottle?.rateLimit ?? WellArchitectedHttpApi.DEFAULT_THROTTLING_RATE_LIMIT,
          burstLimit: props.defaultThrottle?.burstLimit ?? WellArchitectedHttpApi.DEFAULT_THROTTLING_BURST_LIMIT,
        },
      });
      if (props.defaultDomainMapping) {
        stage.node.addDependency(props.defaultDomainMapping.domainName);
      }
      // HttpApi declares defaultStage readonly and sets it only in its constructor; ours is created after super().
      (this as { defaultStage?: apigwv2.IHttpStage }).defaultStage = stage;
    }

    Aspects.of(this).add(
      new LambdaTimeoutCheck({
        warningId: 'cdk-well-architected:WellArchitectedHttpApi.lambdaTimeout',
        integrationResourceType: 'AWS::ApiGatewayV2::Integration',
        defaultIntegrationTimeoutSeconds: HTTP_INTEGRATION_TIMEOUT_SECONDS,
        integrationTimeoutHint: 'HTTP API integrations cannot wait longer than 30 s.',
      }),
    );

    if (props.corsPreflight) {
      Aspects.of(this).add(new CorsPreflightCheck(this, 'cdk-well-architected:WellArchitectedHttpApi.corsPreflight'));
    }

    this.monitoring = props.monitoring ?? WellArchitectedMonitoring.of(this);
    const alarms = monitorApi(this, this.monitoring, {
      apiKind: 'HTTP API',
      dimensions: { ApiId: this.apiId },
      serverErrorMetric: '5xx',
      clientErrorMetric: '4xx',
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

function validateProps(props: WellArchitectedHttpApiProps): void {
  const problems = new PropsProblems('WellArchitectedHttpApi');
  problems.checkRateLimit('defaultThrottle.rateLimit', props.defaultThrottle?.rateLimit);
  problems.checkBurstLimit('defaultThrottle.burstLimit', props.defaultThrottle?.burstLimit);
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
  if (props.accessLogRetention !== undefined && props.accessLogSettings !== undefined) {
    problems.add(
      `accessLogRetention: ${props.accessLogRetention} days cannot apply to accessLogSettings, a log destination you ` +
        'created; set the retention on it and remove accessLogRetention.',
    );
  }
  if (props.createDefaultStage === false) {
    const stageProps = [
      'accessLogSettings',
      'accessLogRetention',
      'defaultThrottle',
      'detailedMetricsEnabled',
    ] as const;
    for (const name of stageProps) {
      if (props[name] !== undefined) {
        problems.add(
          `${name}: configures the default stage, but createDefaultStage is false; remove ${name} or set it on the ` +
            'stage you add with addStage.',
        );
      }
    }
    if (props.defaultDomainMapping) {
      problems.add(
        'defaultDomainMapping: maps the default stage, but createDefaultStage is false; remove defaultDomainMapping or ' +
          'create the default stage.',
      );
    }
  }
  problems.throwIfAny();
}
