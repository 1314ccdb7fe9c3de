/**
 * Synthetic apps for the benchmark. They use plain aws-cdk-lib L2s (not our constructs), so every tool
 * sees the same resources and the well-architected checks find what they would find in a real app.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * The shapes of issue #6: (a) 100 services over stacks, (b) the same at 4x, (c) one stack of 450 queues, and a
 * quarter of (c) to show how the cost grows within one stack.
 */
export type Shape = 'services' | 'services-4x' | 'queues' | 'queues-quarter' | 'monitored' | 'monitored-4x' | 'smoke';

export const SHAPES: Shape[] = ['services', 'services-4x', 'queues', 'queues-quarter', 'monitored', 'monitored-4x'];

const SERVICES_PER_STACK = 10;

/** Function + queue + DLQ + SQS event source + REST method, `count` times, ten services a stack. */
function addServices(app: App, count: number): void {
  let stack: Stack | undefined;
  let api: apigateway.RestApi | undefined;
  for (let i = 0; i < count; i++) {
    if (i % SERVICES_PER_STACK === 0) {
      stack = new Stack(app, `Services${i / SERVICES_PER_STACK}`);
      api = new apigateway.RestApi(stack, 'Api');
    }
    const dlq = new sqs.Queue(stack!, `Dlq${i}`, { retentionPeriod: Duration.days(14) });
    const queue = new sqs.Queue(stack!, `Queue${i}`, {
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
    });
    const fn = new lambda.Function(stack!, `Fn${i}`, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      timeout: Duration.seconds(30),
    });
    fn.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
    api!.root.addResource(`service${i}`).addMethod('GET', new apigateway.LambdaIntegration(fn));
  }
}

/**
 * Issue #18's shape: a function and a queue with its DLQ, `count` times, ten a stack; their alarms and the
 * queue's consumer live in a separate monitoring stack (one per service stack), so every partner the rules look
 * for is one stack away.
 */
function addMonitoredServices(app: App, count: number): void {
  let service: Stack | undefined;
  let monitoring: Stack | undefined;
  for (let i = 0; i < count; i++) {
    if (i % SERVICES_PER_STACK === 0) {
      service = new Stack(app, `Service${i / SERVICES_PER_STACK}`);
      monitoring = new Stack(app, `Monitoring${i / SERVICES_PER_STACK}`);
    }
    const dlq = new sqs.Queue(service!, `Dlq${i}`, { retentionPeriod: Duration.days(14) });
    const queue = new sqs.Queue(service!, `Queue${i}`, {
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
    });
    const fn = new lambda.Function(service!, `Fn${i}`, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      timeout: Duration.seconds(30),
    });
    const consumer = new lambda.Function(monitoring!, `Consumer${i}`, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
      timeout: Duration.seconds(30),
    });
    consumer.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
    fn.metricErrors().createAlarm(monitoring!, `FnErrors${i}`, { threshold: 1, evaluationPeriods: 1 });
    queue
      .metricApproximateAgeOfOldestMessage()
      .createAlarm(monitoring!, `QueueAge${i}`, { threshold: 300, evaluationPeriods: 1 });
    dlq
      .metricApproximateNumberOfMessagesVisible()
      .createAlarm(monitoring!, `DlqDepth${i}`, { threshold: 1, evaluationPeriods: 1 });
  }
}

/** One stack with `count` queues, half of them dead-letter queues of the other half. */
function addQueues(app: App, count: number): void {
  const stack = new Stack(app, 'Queues');
  for (let i = 0; i < count / 2; i++) {
    const dlq = new sqs.Queue(stack, `Dlq${i}`, { retentionPeriod: Duration.days(14) });
    new sqs.Queue(stack, `Queue${i}`, { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
  }
}

/** Build the app of a shape (not synthesized). */
export function buildApp(shape: Shape, outdir: string): App {
  const app = new App({ outdir });
  switch (shape) {
    case 'services':
      addServices(app, 100);
      break;
    case 'services-4x':
      addServices(app, 400);
      break;
    case 'queues':
      addQueues(app, 450);
      break;
    case 'queues-quarter':
      addQueues(app, 112);
      break;
    case 'monitored':
      addMonitoredServices(app, 100);
      break;
    case 'monitored-4x':
      addMonitoredServices(app, 400);
      break;
    case 'smoke':
      addServices(app, 3);
      addMonitoredServices(app, 2);
      break;
  }
  return app;
}
