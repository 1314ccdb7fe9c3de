/**
 * The example app of the README: an order service built from the well-architected constructs, next to a
 * "legacy" stack of plain aws-cdk-lib L2s, all checked by WellArchitectedChecks at synth time.
 *
 *   npm run example     synthesizes this app with the real cdk CLI and prints the findings
 */
import * as path from 'path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  WellArchitectedChecks,
  WellArchitectedHttpApi,
  WellArchitectedMonitoring,
  WellArchitectedNodejsFunction,
  WellArchitectedQueue,
  WellArchitectedRestApi,
} from '../src';

const app = new App();

// The order service: well-architected by default.
const orders = new Stack(app, 'OrdersService');
new WellArchitectedMonitoring(orders, 'Monitoring', {
  serviceName: 'orders',
  // Who hears the alarms: `cdk synth -c oncallEmail=you@example.com`, or the placeholder, which synthesizes but
  // reaches nobody until you change it (SNS e-mails a confirmation link to the address after the first deploy).
  emailSubscriptions: [app.node.tryGetContext('oncallEmail') ?? 'orders-oncall@example.com'],
});

const orderQueue = new WellArchitectedQueue(orders, 'OrderQueue');

const placeOrder = new WellArchitectedNodejsFunction(orders, 'PlaceOrder', {
  entry: path.join(__dirname, 'handlers', 'place-order.ts'),
  environment: { QUEUE_URL: orderQueue.queueUrl },
});
orderQueue.grantSendMessages(placeOrder);

const fulfilOrder = new WellArchitectedNodejsFunction(orders, 'FulfilOrder', {
  entry: path.join(__dirname, 'handlers', 'fulfil-order.ts'),
  timeout: Duration.seconds(20),
});
orderQueue.addConsumer(fulfilOrder, { batchSize: 10, maxConcurrency: 5 });

const restApi = new WellArchitectedRestApi(orders, 'OrdersApi', { description: 'Orders (REST)' });
restApi.root.addResource('orders').addMethod('POST', new apigateway.LambdaIntegration(placeOrder));

const httpApi = new WellArchitectedHttpApi(orders, 'OrdersHttpApi', { description: 'Orders (HTTP)' });
httpApi.addRoutes({
  path: '/orders',
  methods: [apigwv2.HttpMethod.POST],
  integration: new HttpLambdaIntegration('PlaceOrderIntegration', placeOrder),
});

// A stack as many teams have them: plain L2s with aws-cdk-lib's defaults. The checks report what it lacks.
const legacy = new Stack(app, 'LegacyReports');
const reportQueue = new sqs.Queue(legacy, 'ReportQueue');
const buildReport = new lambda.Function(legacy, 'BuildReport', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async (event) => ({ batchItemFailures: [] });'),
});
buildReport.addEventSource(new SqsEventSource(reportQueue));

// An acknowledged finding: it stays in the reports, with its reason, but no longer fails or warns.
Validations.of(reportQueue).acknowledge({
  id: 'WA-SqsRedrivePolicy',
  reason: 'Reports are rebuilt nightly from the orders table; a failed message is simply dropped.',
});

WellArchitectedChecks.applyTo(app);
