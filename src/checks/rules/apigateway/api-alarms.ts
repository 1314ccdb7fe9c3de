import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

/** Whether a stack has an alarm on a metric: found, none, or cannot tell (a metric or dimension is a token). */
export enum AlarmPresence {
  FOUND = 'found',
  NONE = 'none',
  UNKNOWN = 'unknown',
}

/** How a dimension value compares with the one looked for. */
export enum DimensionMatch {
  MATCH = 'match',
  NO_MATCH = 'no-match',
  UNKNOWN = 'unknown',
}

/** The metrics an alarm watches: its single metric, or each `MetricStat` of a metric-math alarm. */
function metricsOf(alarm: any): any[] {
  const metrics = [];
  if (alarm.MetricName !== undefined || alarm.Namespace !== undefined) {
    metrics.push({ Namespace: alarm.Namespace, MetricName: alarm.MetricName, Dimensions: alarm.Dimensions });
  }
  if (Array.isArray(alarm.Metrics)) {
    for (const query of alarm.Metrics) {
      const metric = Values.get(query, 'MetricStat.Metric');
      if (metric !== undefined) {
        metrics.push(metric);
      }
    }
  } else if (alarm.Metrics !== undefined) {
    metrics.push(alarm.Metrics);
  }
  return metrics;
}

/**
 * Whether any `AWS::CloudWatch::Alarm` of the stack watches one of `metricNames` in `namespace` with a
 * dimension `dimensionName` that `matches`.
 */
export function alarmPresence(
  index: StackIndex,
  namespace: string,
  metricNames: string[],
  dimensionName: string,
  matches: (value: any) => DimensionMatch,
): AlarmPresence {
  let unclear = false;
  for (const alarm of index.ofType('AWS::CloudWatch::Alarm')) {
    if (alarm.unresolvedReason) {
      unclear = true;
      continue;
    }
    for (const metric of metricsOf(alarm.properties)) {
      if (Values.isUnknown(metric) || Values.isUnknown(metric.Namespace) || Values.isUnknown(metric.MetricName)) {
        unclear = true;
        continue;
      }
      if (metric.Namespace !== namespace || !metricNames.includes(metric.MetricName)) {
        continue;
      }
      const dimensions = metric.Dimensions;
      if (!Array.isArray(dimensions)) {
        unclear = unclear || Values.isUnknown(dimensions);
        continue;
      }
      for (const dimension of dimensions) {
        if (Values.isUnknown(dimension) || Values.isUnknown(dimension?.Name)) {
          unclear = true;
          continue;
        }
        if (dimension?.Name !== dimensionName) {
          continue;
        }
        const match = matches(dimension.Value);
        if (match === DimensionMatch.MATCH) {
          return AlarmPresence.FOUND;
        }
        unclear = unclear || match === DimensionMatch.UNKNOWN;
      }
    }
  }
  return unclear ? AlarmPresence.UNKNOWN : AlarmPresence.NONE;
}
