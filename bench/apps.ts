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
export type Shape = 'services' | 'services-4x' | 'queues' | 'queues-quarter' | 'smoke';

export const SHAPES: Shape[] = ['services', 'services-4x', 'queues', 'queues-quarter'];

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
    case 'smoke':
      addServices(app, 3);
      break;
  }
  return app;
}
