import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AlarmSeverity, WellArchitectedMonitoring } from '../../monitoring';

/** The API metrics an alarm set and dashboard section are built from; both API types provide them. */
export interface ApiMetricSource {
  metricCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricClientError(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricServerError(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricIntegrationLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

export interface ApiAlarmSettings {
  /** e.g. 'REST API' or 'HTTP API', for descriptions and the dashboard title. */
  readonly apiKind: string;
  readonly serverErrorsThreshold: number;
  readonly latencyThreshold: Duration;
}

export interface ApiAlarms {
  readonly serverErrorsAlarm: cloudwatch.Alarm;
  readonly latencyAlarm: cloudwatch.Alarm;
}

const ONE_MINUTE = Duration.minutes(1);
/** Latency must breach in 3 of 5 minutes: one slow minute (a burst of cold starts) does not page anyone. */
const LATENCY_EVALUATION_PERIODS = 5;
const LATENCY_DATAPOINTS_TO_ALARM = 3;

/** Create the API's alarms under `scope`, route them to `monitoring` and add the API's dashboard section. */
export function monitorApi(
  scope: Construct,
  api: ApiMetricSource,
  monitoring: WellArchitectedMonitoring,
  settings: ApiAlarmSettings,
): ApiAlarms {
  const latencyText = settings.latencyThreshold.isUnresolved()
    ? 'latencyAlarmThreshold'
    : settings.latencyThreshold.toHumanString();
  const errorsText = Token.isUnresolved(settings.serverErrorsThreshold)
    ? 'serverErrorsAlarmThreshold'
    : `${settings.serverErrorsThreshold}`;

  const serverErrorsAlarm = new cloudwatch.Alarm(scope, 'ServerErrorsAlarm', {
    alarmName: monitoring.alarmName(scope, 'ServerErrors'),
    alarmDescription: monitoring.alarmDescription({
      summary: `${settings.apiKind} ${scope.node.id} answered with 5XX errors: clients got failures`,
      resource: scope,
      resourceKind: settings.apiKind,
      threshold: `5XX responses (sum) > ${errorsText}`,
      period: ONE_MINUTE,
      evaluationPeriods: 1,
      likelyCauses: [
        'the Lambda integration threw, timed out or was throttled',
        'the integration took longer than the API Gateway integration timeout',
        'a misconfigured integration or a missing invoke permission after a deployment',
      ],
      firstSteps: [
        'filter the access log on status >= 500 and read integrationError and errorMessage',
        'open the Errors and Throttles graphs of the integrated functions',
        'if a deployment just happened, roll it back',
      ],
    }),
    metric: api.metricServerError({ period: ONE_MINUTE, statistic: cloudwatch.Stats.SUM }),
    threshold: settings.serverErrorsThreshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });

  const latencyAlarm = new cloudwatch.Alarm(scope, 'LatencyAlarm', {
    alarmName: monitoring.alarmName(scope, 'Latency'),
    alarmDescription: monitoring.alarmDescription({
      summary: `${settings.apiKind} ${scope.node.id} is slow: its p99 latency is above ${latencyText}`,
      resource: scope,
      resourceKind: settings.apiKind,
      threshold: `Latency p99 > ${latencyText}`,
      period: ONE_MINUTE,
      evaluationPeriods: LATENCY_EVALUATION_PERIODS,
      datapointsToAlarm: LATENCY_DATAPOINTS_TO_ALARM,
      likelyCauses: [
        'a slow backend: IntegrationLatency rose with Latency',
        'cold starts of the integrated functions after a deployment or a traffic burst',
        'a slow authorizer, when Latency rose but IntegrationLatency did not',
      ],
      firstSteps: [
        'compare Latency with IntegrationLatency on the dashboard',
        'open the X-Ray traces of the slowest requests',
        'check the Duration of the integrated functions and of their dependencies',
      ],
    }),
    metric: api.metricLatency({ period: ONE_MINUTE, statistic: cloudwatch.Stats.p(99) }),
    threshold: settings.latencyThreshold.toMilliseconds(),
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: LATENCY_EVALUATION_PERIODS,
    datapointsToAlarm: LATENCY_DATAPOINTS_TO_ALARM,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });

  monitoring.addAlarm(serverErrorsAlarm, { severity: AlarmSeverity.CRITICAL });
  monitoring.addAlarm(latencyAlarm, { severity: AlarmSeverity.WARNING });

  const period = Duration.minutes(5);
  monitoring.addDashboardSection(`${settings.apiKind} ${scope.node.path}`, [
    new cloudwatch.GraphWidget({
      title: 'Requests',
      left: [api.metricCount({ period, statistic: cloudwatch.Stats.SUM, label: 'Count' })],
      width: 6,
    }),
    new cloudwatch.GraphWidget({
      title: '4XX errors',
      left: [api.metricClientError({ period, statistic: cloudwatch.Stats.SUM, label: '4XX' })],
      width: 6,
    }),
    new cloudwatch.GraphWidget({
      title: '5XX errors',
      left: [api.metricServerError({ period, statistic: cloudwatch.Stats.SUM, label: '5XX' })],
      leftAnnotations: [serverErrorsAlarm.toAnnotation()],
      width: 6,
    }),
    new cloudwatch.GraphWidget({
      title: 'Latency p99 (ms)',
      left: [
        api.metricLatency({ period, statistic: cloudwatch.Stats.p(99), label: 'Latency p99' }),
        api.metricIntegrationLatency({ period, statistic: cloudwatch.Stats.p(99), label: 'IntegrationLatency p99' }),
      ],
      leftAnnotations: [latencyAlarm.toAnnotation()],
      width: 6,
    }),
  ]);
  return { serverErrorsAlarm, latencyAlarm };
}
