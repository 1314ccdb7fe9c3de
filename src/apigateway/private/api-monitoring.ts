import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { WellArchitectedMonitoring } from '../../monitoring';
import { API_ALARMS } from '../../monitoring/private/alarm-defaults';
import {
  ApiAlarmTarget,
  apiLatencyAlarm,
  apiServerErrorRateAlarm,
  ApiServerErrorRateOptions,
} from '../../monitoring/private/alarm-factories';

export interface ApiAlarmSettings {
  /** e.g. 'REST API' or 'HTTP API', for descriptions and the dashboard title. */
  readonly apiKind: string;
  /**
   * The `AWS/ApiGateway` dimensions of the API's metrics: `ApiName` and `Stage` for a REST API (the name alone
   * would add up every API of that name and every stage in the account), `ApiId` for an HTTP API.
   */
  readonly dimensions: Record<string, string>;
  /** '5XXError' (REST) or '5xx' (HTTP). */
  readonly serverErrorMetric: string;
  /** '4XXError' (REST) or '4xx' (HTTP). */
  readonly clientErrorMetric: string;
  readonly serverErrorRate: ApiServerErrorRateOptions;
  readonly latencyThreshold?: Duration;
}

export interface ApiAlarms {
  readonly serverErrorsAlarm: cloudwatch.Alarm;
  readonly latencyAlarm: cloudwatch.Alarm;
}

/** Create the API's alarms under `scope`, route them to `monitoring` and add the API's dashboard section. */
export function monitorApi(
  scope: Construct,
  monitoring: WellArchitectedMonitoring,
  settings: ApiAlarmSettings,
): ApiAlarms {
  const api: ApiAlarmTarget = {
    dimensions: settings.dimensions,
    serverErrorMetric: settings.serverErrorMetric,
    label: `${settings.apiKind} ${scope.node.id}`,
    resourceKind: settings.apiKind,
  };
  const placement = (id: string) => ({ monitoring, scope, id, watched: scope });
  const serverErrorsAlarm = apiServerErrorRateAlarm(placement('ServerErrorsAlarm'), api, settings.serverErrorRate);
  const latencyAlarm = apiLatencyAlarm(
    placement('LatencyAlarm'),
    api,
    (settings.latencyThreshold ?? API_ALARMS.latency.threshold).toMilliseconds(),
  );

  const period = Duration.minutes(5);
  const metric = (metricName: string, statistic: string, label: string) =>
    new cloudwatch.Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: settings.dimensions,
      statistic,
      period,
      label,
    });
  monitoring.addDashboardSection(`${settings.apiKind} ${scope.node.path}`, [
    new cloudwatch.GraphWidget({
      title: 'Requests',
      left: [metric('Count', cloudwatch.Stats.SUM, 'Count')],
      width: 6,
    }),
    new cloudwatch.GraphWidget({
      title: '4XX errors',
      left: [metric(settings.clientErrorMetric, cloudwatch.Stats.SUM, '4XX')],
      width: 6,
    }),
    new cloudwatch.GraphWidget({
      title: '5XX error rate (%)',
      left: [serverErrorsAlarm.metric],
      leftAnnotations: [serverErrorsAlarm.toAnnotation()],
      width: 6,
    }),
    new cloudwatch.GraphWidget({
      title: 'Latency p99 (ms)',
      left: [
        metric('Latency', cloudwatch.Stats.p(99), 'Latency p99'),
        metric('IntegrationLatency', cloudwatch.Stats.p(99), 'IntegrationLatency p99'),
      ],
      leftAnnotations: [latencyAlarm.toAnnotation()],
      width: 6,
    }),
  ]);
  return { serverErrorsAlarm, latencyAlarm };
}
