/**
 * POST /orders (API Gateway REST API proxy integration, or HTTP API with payload format 1.0 or 2.0): validates
 * the order, puts it on the orders queue and answers 202 with its id. Fulfilment happens asynchronously in
 * fulfil-order.ts.
 *
 * Environment:
 * - QUEUE_URL: the orders queue (required).
 * - POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL: set by WellArchitectedNodejsFunction.
 * - AWS_ENDPOINT_URL_SQS (optional): an SQS endpoint other than the regional one; the AWS SDK reads it itself.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda';
import { Order, parseOrderRequest } from './order';

// Created once per execution environment, outside the handler, so warm invocations reuse them.
const logger = new Logger();
const tracer = new Tracer();
const metrics = new Metrics();
const sqs = tracer.captureAWSv3Client(new SQSClient({}));
const queueUrl = requiredEnvironment('QUEUE_URL');

class PlaceOrder {
  // Decorators apply bottom-up: metrics are flushed, then the logger context is cleared, inside the handler segment.
  @tracer.captureLambdaHandler()
  @logger.injectLambdaContext({ resetKeys: true })
  @metrics.logMetrics({ captureColdStartMetric: true })
  public async handler(
    event: APIGatewayProxyEvent | APIGatewayProxyEventV2,
    _context: Context,
  ): Promise<APIGatewayProxyResult> {
    // The API Gateway request id, what `correlationPaths.API_GATEWAY_REST` and `API_GATEWAY_HTTP` point at, read
    // directly: the `correlationIdPath` option needs the @aws-lambda-powertools/jmespath package for one lookup.
    logger.setCorrelationId(event.requestContext.requestId);
    const body = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const request = parseOrderRequest(body);
    if (!request.ok) {
      logger.warn('order refused', { errors: request.errors });
      metrics.addMetric('OrdersRefused', MetricUnit.Count, 1);
      return respond(400, { message: 'The order is not valid.', errors: request.errors });
    }

    const order: Order = { ...request.value, orderId: randomUUID(), placedAt: new Date().toISOString() };
    logger.appendKeys({ orderId: order.orderId });
    tracer.putAnnotation('orderId', order.orderId);

    let messageId: string | undefined;
    try {
      const sent = await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(order),
          // The API request id travels with the order, so fulfil-order logs under the same correlation id.
          MessageAttributes: {
            correlationId: { DataType: 'String', StringValue: event.requestContext.requestId },
          },
        }),
      );
      messageId = sent.MessageId;
    } catch (error) {
      // Logged with the correlation id, then rethrown: the invocation fails, so the client gets a 5xx and the
      // function's Errors alarm sees it.
      logger.error('order not placed: the queue did not take it', { error: error as Error });
      throw error;
    }

    metrics.addMetric('OrdersPlaced', MetricUnit.Count, 1);
    logger.info('order placed', { messageId, lines: order.items.length });
    return respond(202, { orderId: order.orderId });
  }
}

function respond(statusCode: number, body: object): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function requiredEnvironment(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: give the function the orders queue URL in its environment.`);
  }
  return value;
}

const placeOrder = new PlaceOrder();
export const handler = placeOrder.handler.bind(placeOrder);
