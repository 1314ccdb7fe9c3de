/**
 * The promise of the library, end to end: a service built from every construct with its defaults passes
 * cdk-nag's Serverless and AWS Solutions packs, cfn-lint, and this library's own checks, with no finding left
 * open but information.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import {
  ReportFormat,
  Severity,
  WellArchitectedChecks,
  WellArchitectedFunction,
  WellArchitectedHttpApi,
  WellArchitectedMonitoring,
  WellArchitectedNodejsFunction,
  WellArchitectedQueue,
  WellArchitectedRestApi,
} from '../../src';
import { cfnLintErrors, nagFindings } from '../support/compliance';

function orderService(app: App): Stack {
  const stack = new Stack(app, 'Orders');
  new WellArchitectedMonitoring(stack, 'Monitoring', {
    serviceName: 'orders',
    emailSubscriptions: ['oncall@example.com'],
    // Someone must receive the pages of the service health alarm (WA-AlarmTopicSubscribed).
    webhookUrls: ['https://events.pagerduty.com/integration/0123456789abcdef/enqueue'],
  });

  const queue = new WellArchitectedQueue(stack, 'OrderQueue');
  const placeOrder = new WellArchitectedNodejsFunction(stack, 'PlaceOrder', {
    entry: path.join(__dirname, '..', 'lambda', 'fixtures', 'handler.ts'),
    environment: { QUEUE_URL: queue.queueUrl },
  });
  queue.grantSendMessages(placeOrder);

  const fulfil = new WellArchitectedFunction(stack, 'FulfilOrder', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
  });
  queue.addConsumer(fulfil);

  // An asynchronously invoked function: S3 notifications give it an on-failure queue.
  const onUpload = new WellArchitectedFunction(stack, 'OnUpload', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
  const bucket = new s3.Bucket(stack, 'Uploads', {
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
  });
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(onUpload));

  const rest = new WellArchitectedRestApi(stack, 'RestApi');
  rest.root.addResource('orders').addMethod('POST', new apigateway.LambdaIntegration(placeOrder));

  // cdk-nag's Serverless-LambdaDLQ is acknowledged by the constructs only where an on-failure destination exists
  // (OnUpload). Only the owner knows that nothing invokes these two asynchronously (EventBridge Scheduler or Step
  // Functions would, through IAM, unseen by the constructs), so the owner says so.
  for (const fn of [placeOrder, fulfil]) {
    Validations.of(fn).acknowledge({
      id: 'Serverless::Serverless-LambdaDLQ',
      reason: 'Invoked only synchronously: by the APIs and by the SQS event source mapping.',
    });
  }

  const http = new WellArchitectedHttpApi(stack, 'HttpApi');
  http.addRoutes({
    path: '/orders',
    methods: [apigwv2.HttpMethod.POST],
    integration: new HttpLambdaIntegration('PlaceOrderIntegration', placeOrder),
  });
  return stack;
}

describe('a service built from every construct with its defaults', () => {
  test('has no open error or warning finding of the well-architected checks', () => {
    const app = new App();
    orderService(app);
    const checks = WellArchitectedChecks.applyTo(app, { reportFormats: [] });
    app.synth();

    const report = checks.report!;
    expect(report.resourcesChecked).toBeGreaterThan(40);
    expect(report.ruleErrors).toEqual([]);
    expect(report.staleAcknowledgments).toEqual([]);
    const open = report.findings.filter((f) => !f.acknowledged && f.severity !== Severity.INFO);
    // Every child of the paging composite recovers by itself, so WA-PagingCompositeRecovers has nothing to say.
    expect(open.map((f) => `${f.ruleId} ${f.constructPath}`)).toEqual([]);
  });

  test('has no open cdk-nag Serverless or AWS Solutions finding', () => {
    const app = new App();
    orderService(app);
    // The bucket and its notifications handler are aws-cdk-lib's, made by the test: not ours to answer for.
    const findings = nagFindings(app);
    expect(findings.open.filter((f) => !/\/(Uploads|BucketNotificationsHandler[0-9a-f]+)\//.test(f))).toEqual([]);
  });

  test('has no cfn-lint error', () => {
    expect(cfnLintErrors(orderService(new App()))).toEqual([]);
  });

  test('writes the three reports into the cloud assembly', () => {
    const app = new App();
    orderService(app);
    WellArchitectedChecks.applyTo(app, {
      reportFormats: [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.MARKDOWN],
    });
    const directory = app.synth().directory;
    for (const file of [
      'well-architected-report.json',
      'well-architected-report.sarif',
      'well-architected-report.md',
    ]) {
      expect(fs.existsSync(path.join(directory, file))).toBe(true);
    }
  });
});
