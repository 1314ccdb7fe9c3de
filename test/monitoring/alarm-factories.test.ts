import { App, Aspects, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { WellArchitectedHttpApi, WellArchitectedRestApi } from '../../src/apigateway';
import { WellArchitectedFunction } from '../../src/lambda';
import { WellArchitectedDefaults } from '../../src/remediation';
import { WellArchitectedQueue } from '../../src/sqs';
import { plainStack } from '../remediation/fixtures';

/** A stack of every well-architected construct that creates alarms. */
function constructStack(): Stack {
  const stack = new Stack(new App(), 'Constructs', { env: { account: '123456789012', region: 'eu-west-1' } });
  const fn = new WellArchitectedFunction(stack, 'Handler', {
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    timeout: Duration.seconds(10),
    asyncInvocation: true,
  });
  const queue = new WellArchitectedQueue(stack, 'Jobs', { visibilityTimeout: Duration.seconds(60) });
  queue.addConsumer(fn);
  const rest = new WellArchitectedRestApi(stack, 'Rest');
  rest.root.addMethod('GET', new apigateway.LambdaIntegration(fn));
  new WellArchitectedHttpApi(stack, 'Http');
  return stack;
}

/** The plain stack of the remediation tests, after `WellArchitectedDefaults`. */
function remediatedStack(): Stack {
  const { app, stack } = plainStack();
  Aspects.of(app).add(new WellArchitectedDefaults());
  app.synth();
  return stack;
}

type Alarms = Record<string, any>;

function alarmsOf(stack: Stack): Alarms {
  return Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm');
}

/** The alarm's numbers and metric shape, without what names a resource (dimensions, names, descriptions, actions). */
function shape(properties: any): unknown {
  const {
    AlarmName: _name,
    AlarmDescription: _description,
    AlarmActions: _alarmActions,
    OKActions: _okActions,
    Dimensions: _dimensions,
    Metrics: metrics,
    ...rest
  } = properties;
  return {
    ...rest,
    Metrics: metrics?.map((query: any) => {
      const { Label: _label, ...q } = query;
      if (!q.MetricStat) {
        return q;
      }
      const { Dimensions: _d, ...metric } = q.MetricStat.Metric;
      return { ...q, MetricStat: { ...q.MetricStat, Metric: metric } };
    }),
  };
}

/** The shapes of the alarms of a stack by their condition (the last word of the name). */
function shapesByCondition(stack: Stack): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const alarm of Object.values(alarmsOf(stack))) {
    const name: string = alarm.Properties.AlarmName;
    // The remediation's depth alarm predates the constructs' name for it; the names are kept (a rename replaces).
    const condition = name.slice(name.lastIndexOf('-') + 1).replace(/^DeadLetters$/, 'DeadLetterMessages');
    const key = `${condition}:${alarm.Properties.Namespace ?? alarm.Properties.Metrics?.[1]?.MetricStat?.Metric?.Namespace}`;
    out[key] = shape(alarm.Properties);
  }
  return out;
}

describe('alarm factories', () => {
  test('the constructs and WellArchitectedDefaults create the same alarms (numbers, metrics, comparison)', () => {
    const constructs = shapesByCondition(constructStack());
    const remediated = shapesByCondition(remediatedStack());
    const shared = Object.keys(remediated).filter((key) => key in constructs);
    // Every kind of alarm the remediation creates exists on the constructs too, and is the same.
    expect(shared.sort()).toEqual(Object.keys(remediated).sort());
    expect(shared).toEqual(
      expect.arrayContaining([
        'Errors:AWS/Lambda',
        'Throttles:AWS/Lambda',
        'Duration:AWS/Lambda',
        'ServerErrors:AWS/ApiGateway',
        'Latency:AWS/ApiGateway',
        'MessageAge:AWS/SQS',
      ]),
    );
    for (const key of shared) {
      expect({ key, shape: remediated[key] }).toEqual({ key, shape: constructs[key] });
    }
  });

  test.each([
    ['the constructs', constructStack],
    ['WellArchitectedDefaults', remediatedStack],
  ])('every alarm in the paging composite of %s recovers by itself', (_name, build) => {
    const stack = build();
    const template = Template.fromStack(stack);
    const alarms = alarmsOf(stack);
    const composites = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm'));
    expect(composites.length).toBeGreaterThan(0);
    for (const composite of composites) {
      const rule = JSON.stringify(composite.Properties.AlarmRule);
      const children = Object.keys(alarms).filter((logicalId) => rule.includes(`"${logicalId}"`));
      expect(children.length).toBeGreaterThan(0);
      for (const logicalId of children) {
        expect({ logicalId, recovers: recoversByItself(alarms[logicalId].Properties) }).toEqual({
          logicalId,
          recovers: true,
        });
      }
    }
  });
});

/**
 * Counts of events in a period (they fall back to 0 when the failures stop) recover by themselves; gauges of
 * what waits in a queue (its depth, the age of its oldest message) stay in ALARM until someone acts, unless the
 * alarm watches their change (`DIFF`/`RATE`).
 */
const EVENT_COUNTS = new Set(['Errors', 'Invocations', 'Throttles', '5XXError', '5xx', 'Count', 'Duration', 'Latency']);

function recoversByItself(properties: any): boolean {
  if (properties.MetricName !== undefined) {
    return EVENT_COUNTS.has(properties.MetricName);
  }
  const metrics: any[] = properties.Metrics ?? [];
  const expression: string = metrics.find((query) => query.ReturnData !== false)?.Expression ?? '';
  const inputs = metrics.filter((query) => query.MetricStat);
  return inputs.every(
    (query) => EVENT_COUNTS.has(query.MetricStat.Metric.MetricName) || /^(DIFF|RATE)\(/.test(expression),
  );
}
