import type { AppView } from '../../engine/app-view';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

/** Whether a stack has an alarm on a metric: found, none, or cannot tell (a metric or dimension is a token). */
export enum AlarmPresence {
  FOUND = 'found',
  NONE = 'none',
  UNKNOWN = 'unknown',
}

/** The `AWS/ApiGateway` alarm metrics of one stack, keyed by metric, dimension and value, built once per stack. */
interface ApiGatewayAlarmTable {
  /** `metric|dimension|literal value` and `metric|dimension|ref:<logicalId>` for every alarmed metric. */
  readonly keys: Set<string>;
  /** True when some alarm's metric, namespace or dimensions cannot be read, so it might watch any API. */
  readonly unclear: boolean;
}

const NAMESPACE = 'AWS/ApiGateway';
const tables = new WeakMap<StackIndex, ApiGatewayAlarmTable>();

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

function key(metricName: string, dimensionName: string, value: string): string {
  return `${metricName}|${dimensionName}|${value}`;
}

/** One pass over the stack's alarms, shared by every API rule through the index. */
function alarmTable(index: StackIndex): ApiGatewayAlarmTable {
  const cached = tables.get(index);
  if (cached) {
    return cached;
  }
  const keys = new Set<string>();
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
      if (metric.Namespace !== NAMESPACE) {
        continue;
      }
      if (!Array.isArray(metric.Dimensions)) {
        unclear = unclear || Values.isUnknown(metric.Dimensions);
        continue;
      }
      for (const dimension of metric.Dimensions) {
        if (Values.isUnknown(dimension) || Values.isUnknown(dimension?.Name)) {
          unclear = true;
          continue;
        }
        const value = dimension?.Value;
        const target = index.resolveReference(value);
        if (target) {
          keys.add(key(metric.MetricName, dimension.Name, `ref:${target.logicalId}`));
        } else if (typeof value === 'string' && !Values.isUnknown(value)) {
          keys.add(key(metric.MetricName, dimension.Name, value));
        } else {
          unclear = true;
        }
      }
    }
  }
  const table = { keys, unclear };
  tables.set(index, table);
  return table;
}

/**
 * Whether an alarm of the app watches one of `metricNames` in `AWS/ApiGateway` with the dimension `dimensionName`
 * equal to `literalValue` (in any stack of `app`) or referring to the resource `logicalId` of this stack (from any
 * stack: the index lists the alarms of other stacks that refer to it). Unknown when no alarm is found and some alarm
 * of the app watches a metric that cannot be read.
 */
export function apiGatewayAlarmPresence(
  index: StackIndex,
  metricNames: string[],
  dimensionName: string,
  match: { literalValue?: string; logicalId?: string },
  app?: AppView,
): AlarmPresence {
  const appTables = [index, ...(app?.indexes ?? []).filter((other) => other !== index)].map(alarmTable);
  const literalFound =
    match.literalValue !== undefined &&
    appTables.some((table) =>
      metricNames.some((metricName) => table.keys.has(key(metricName, dimensionName, match.literalValue!))),
    );
  const referenceFound =
    match.logicalId !== undefined &&
    metricNames.some((metricName) => appTables[0].keys.has(key(metricName, dimensionName, `ref:${match.logicalId}`)));
  if (
    literalFound ||
    referenceFound ||
    (match.logicalId !== undefined && foreignAlarmOn(index, match.logicalId, metricNames, dimensionName))
  ) {
    return AlarmPresence.FOUND;
  }
  return appTables.some((table) => table.unclear) ? AlarmPresence.UNKNOWN : AlarmPresence.NONE;
}

/** Whether an alarm of another stack that refers to the resource watches one of the metrics with it as dimension. */
function foreignAlarmOn(index: StackIndex, logicalId: string, metricNames: string[], dimensionName: string): boolean {
  const target = index.byLogicalId(logicalId);
  return index
    .referencesTo(logicalId, 'AWS::CloudWatch::Alarm')
    .filter((ref) => index.byLogicalId(ref.source.logicalId) !== ref.source)
    .some((ref) =>
      metricsOf(ref.source.properties).some(
        (metric) =>
          metric?.Namespace === NAMESPACE &&
          metricNames.includes(metric?.MetricName) &&
          Array.isArray(metric.Dimensions) &&
          metric.Dimensions.some(
            (d: any) =>
              d?.Name === dimensionName && target !== undefined && index.resolveReference(d?.Value) === target,
          ),
      ),
    );
}
