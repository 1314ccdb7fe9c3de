/**
 * Consumes the orders queue (SQS event source with ReportBatchItemFailures, as WellArchitectedQueue.addConsumer
 * sets it up): fulfils each order and reports the records it could not process in `batchItemFailures`, so only
 * those return to the queue, and after the queue's maxReceiveCount, to its dead-letter queue.
 *
 * Environment:
 * - POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL: set by WellArchitectedNodejsFunction.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { Order, parseOrder } from './order';

const logger = new Logger();
const tracer = new Tracer();
const metrics = new Metrics();

class FulfilOrder {
  @tracer.captureLambdaHandler()
  @logger.injectLambdaContext({ resetKeys: true })
  @metrics.logMetrics({ captureColdStartMetric: true })
  public async handler(event: SQSEvent, _context: Context): Promise<SQSBatchResponse> {
    const batchItemFailures: SQSBatchItemFailure[] = [];
    for (const record of event.Records) {
      // Each record carries the correlation id of the request that placed it; fall back to the message id.
      logger.setCorrelationId(record.messageAttributes?.correlationId?.stringValue ?? record.messageId);
      try {
        await this.fulfil(record);
        metrics.addMetric('OrdersFulfilled', MetricUnit.Count, 1);
      } catch (error) {
        logger.error('order not fulfilled; the message returns to the queue', {
          messageId: record.messageId,
          receiveCount: Number(record.attributes.ApproximateReceiveCount),
          error: error as Error,
        });
        metrics.addMetric('OrdersNotFulfilled', MetricUnit.Count, 1);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  }

  @tracer.captureMethod()
  private async fulfil(record: SQSRecord): Promise<Order> {
    const parsed = parseOrder(record.body);
    if (!parsed.ok) {
      throw new Error(`message ${record.messageId} is not an order: ${parsed.errors.join('; ')}`);
    }
    const order = parsed.value;
    tracer.putAnnotation('orderId', order.orderId);
    logger.info('order fulfilled', { orderId: order.orderId, lines: order.items.length });
    return order;
  }
}

const fulfilOrder = new FulfilOrder();
export const handler = fulfilOrder.handler.bind(fulfilOrder);
