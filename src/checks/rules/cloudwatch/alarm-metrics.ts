import type { AppView } from '../../engine/app-view';
import { CheckedResource } from '../../engine/resource';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

/*
 * Which CloudWatch alarms of a stack watch which resource. Internal helper of the alarm-coverage rules
 * (SQS, logs); not part of the public API.
 */

/** One metric an alarm watches. */
export interface WatchedMetric {
  /** The `AWS::CloudWatch::Alarm`. */
  readonly alarm: CheckedResource;
  /** The metric's namespace, e.g. `AWS/SQS`; undefined when it is a token. */
  readonly namespace?: string;
  /** The metric's name, e.g. `ApproximateNumberOfMessagesVisible`; undefined when it is a token. */
  readonly metricName?: string;
  /** The metric's dimensions. */
  readonly dimensions: any[];
}

interface AlarmCatalogue {
  /** Metrics by `<dimension name>=<literal value>`, for alarms that name a resource by a literal. */
  readonly byLiteralDimension: Map<string, WatchedMetric[]>;
  /** Metrics by `<namespace>/<metric name>`. */
  readonly byMetric: Map<string, WatchedMetric[]>;
  /** Every watched metric of every alarm, by alarm logical id. */
  readonly byAlarm: Map<string, WatchedMetric[]>;
}

// One catalogue per stack index, built on first use: linear in the number of alarms, shared by every rule.
const catalogues = new WeakMap<StackIndex, AlarmCatalogue>();

/** The metrics an alarm watches: its own metric, or each `MetricStat` of a metric-math alarm. */
export function metricsOfAlarm(alarm: CheckedResource): WatchedMetric[] {
  const watched: WatchedMetric[] = [];
  const add = (metric: any) => {
    if (metric === undefined || metric === null || Values.isUnknown(metric)) {
      return;
    }
    watched.push({
      alarm,
      namespace: literal(metric.Namespace),
      metricName: literal(metric.MetricName),
      dimensions: Values.asList(metric.Dimensions) ?? [],
    });
  };
  if (alarm.get('MetricName') !== undefined) {
    add({
      Namespace: alarm.get('Namespace'),
      MetricName: alarm.get('MetricName'),
      Dimensions: alarm.get('Dimensions'),
    });
  }
  for (const query of Values.asList(alarm.get('Metrics')) ?? []) {
    add(Values.get(query, 'MetricStat.Metric'));
  }
  return watched;
}

/**
 * The metrics, watched by some alarm of the app, whose dimension `dimensionName` designates `resource`: by a
 * `Ref`/`Fn::GetAtt` to it (or an import or nested-stack parameter the app-wide view followed to it), or by the
 * literal `literalName` (its physical name, when it has one) in any stack of `app`.
 */
export function alarmsOnResource(
  index: StackIndex,
  resource: CheckedResource,
  dimensionName: string,
  literalName?: string,
  app?: AppView,
): WatchedMetric[] {
  const found: WatchedMetric[] = [];
  const seen = new Set<WatchedMetric>();
  const catalogue = catalogueOf(index);
  for (const ref of index.referencesTo(resource.logicalId, 'AWS::CloudWatch::Alarm')) {
    const local = index.byLogicalId(ref.source.logicalId) === ref.source;
    for (const metric of (local ? catalogue.byAlarm.get(ref.source.logicalId) : metricsOfAlarm(ref.source)) ?? []) {
      const designates = metric.dimensions.some(
        (d) => d?.Name === dimensionName && index.resolveReference(d?.Value) === resource,
      );
      if (designates && !seen.has(metric)) {
        seen.add(metric);
        found.push(metric);
      }
    }
  }
  if (literalName !== undefined) {
    const appCatalogues = [catalogue, ...(app?.indexes ?? []).filter((other) => other !== index).map(catalogueOf)];
    for (const metric of appCatalogues.flatMap(
      (c) => c.byLiteralDimension.get(`${dimensionName}=${literalName}`) ?? [],
    )) {
      if (!seen.has(metric)) {
        seen.add(metric);
        found.push(metric);
      }
    }
  }
  return found;
}

/** The metrics with this namespace and name that some alarm of the stack watches. */
export function alarmsOnMetric(index: StackIndex, namespace: string, metricName: string): WatchedMetric[] {
  return catalogueOf(index).byMetric.get(`${namespace}/${metricName}`) ?? [];
}

function catalogueOf(index: StackIndex): AlarmCatalogue {
  let catalogue = catalogues.get(index);
  if (catalogue === undefined) {
    catalogue = { byLiteralDimension: new Map(), byMetric: new Map(), byAlarm: new Map() };
    for (const alarm of index.ofType('AWS::CloudWatch::Alarm')) {
      const metrics = metricsOfAlarm(alarm);
      catalogue.byAlarm.set(alarm.logicalId, metrics);
      for (const metric of metrics) {
        if (metric.namespace !== undefined && metric.metricName !== undefined) {
          push(catalogue.byMetric, `${metric.namespace}/${metric.metricName}`, metric);
        }
        for (const dimension of metric.dimensions) {
          const value = literal(dimension?.Value);
          if (typeof dimension?.Name === 'string' && value !== undefined) {
            push(catalogue.byLiteralDimension, `${dimension.Name}=${value}`, metric);
          }
        }
      }
    }
    catalogues.set(index, catalogue);
  }
  return catalogue;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

function literal(value: any): string | undefined {
  return typeof value === 'string' && !Values.isUnknown(value) ? value : undefined;
}
