// Which CloudWatch alarms of a stack watch a Lambda metric of a function. Internal helper of the alarm rules.
import { resolveFunction, resourcesPointingAt } from './lambda-resources';
import type { AppView } from '../../engine/app-view';
import { CheckedResource } from '../../engine/resource';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

const ALARM = 'AWS::CloudWatch::Alarm';

/** An alarm on a Lambda metric of one function. */
export interface FunctionAlarm {
  readonly alarm: CheckedResource;
  /** The alarm's threshold, when it is a literal number. */
  readonly threshold?: number;
}

/** The metrics an alarm watches: its own, or each `MetricStat` of a metric-math alarm. */
function metricsOf(alarm: CheckedResource): any[] {
  const metrics: any[] = [];
  if (alarm.get('MetricName') !== undefined) {
    metrics.push({
      Namespace: alarm.get('Namespace'),
      MetricName: alarm.get('MetricName'),
      Dimensions: alarm.get('Dimensions'),
    });
  }
  for (const query of Values.asList(alarm.get('Metrics')) ?? []) {
    const metric = Values.get(query, 'MetricStat.Metric');
    if (metric !== undefined) {
      metrics.push(metric);
    }
  }
  return metrics;
}

/**
 * The alarms of the app on `AWS/Lambda` `metricName` whose `FunctionName` dimension is the function
 * (by `Ref`, through an alias, by an import or nested-stack parameter the app-wide view followed, or by its literal
 * name in any stack of `app`). `unknown` is true when an alarm points at the function
 * but its namespace or metric name cannot be resolved at synth time.
 */
export function alarmsOnFunctionMetric(
  fn: CheckedResource,
  index: StackIndex,
  metricName: string,
  app?: AppView,
): { alarms: FunctionAlarm[]; unknown: boolean } {
  const candidates = resourcesPointingAt(
    fn,
    index,
    ALARM,
    (path) => path.includes('Dimensions'),
    (alarm) => metricsOf(alarm).flatMap((m) => (Values.asList(m?.Dimensions) ?? []).map((d) => d?.Value)),
    app,
  );
  const alarms: FunctionAlarm[] = [];
  let unknown = false;
  for (const alarm of candidates) {
    for (const metric of metricsOf(alarm)) {
      const dimensions = Values.asList(metric?.Dimensions) ?? [];
      const designates = dimensions.some((d) => {
        if (d?.Name !== 'FunctionName') {
          return false;
        }
        const target = resolveFunction(d.Value, index);
        return target.kind === 'found' && target.value === fn;
      });
      if (!designates) {
        continue;
      }
      if (Values.isUnknown(metric.Namespace) || Values.isUnknown(metric.MetricName)) {
        unknown = true;
      } else if (metric.Namespace === 'AWS/Lambda' && metric.MetricName === metricName) {
        alarms.push({ alarm, threshold: Values.asNumber(alarm.get('Threshold')) });
      }
    }
  }
  return { alarms, unknown };
}
