/**
 * The example handlers, bundled by WellArchitectedNodejsFunction exactly as `cdk synth` bundles them, run in a
 * fresh Node.js process with the environment from the synthesized template and the Lambda runtime's own
 * variables. Powertools is real; only the network is local: SQS is a fake endpoint on 127.0.0.1
 * (AWS_ENDPOINT_URL_SQS, which the SDK reads itself) and the X-Ray daemon a UDP socket on 127.0.0.1.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  bundleCode,
  bundledSources,
  FakeSqs,
  FakeXrayDaemon,
  FIXTURES_DIR,
  invokeInFreshProcess,
  Invocation,
  lambdaEnvironment,
  runtimeNodePath,
  SynthesizedFunction,
  SynthesizedOrdersApp,
  synthOrdersApp,
} from './lambda-harness';

const API_EVENT_FILE = path.join(FIXTURES_DIR, 'api-gateway-post-order.json');
const HTTP_API_EVENT_FILE = path.join(FIXTURES_DIR, 'http-api-post-order.json');
const SQS_EVENT_FILE = path.join(FIXTURES_DIR, 'sqs-orders-batch.json');
const apiEvent = JSON.parse(fs.readFileSync(API_EVENT_FILE, 'utf8'));
const httpApiEvent = JSON.parse(fs.readFileSync(HTTP_API_EVENT_FILE, 'utf8'));
const sqsEvent = JSON.parse(fs.readFileSync(SQS_EVENT_FILE, 'utf8'));
/** The record of the batch whose body is cut short: not JSON, so not an order. */
const BAD_RECORD = sqsEvent.Records[1];
const METRICS_NAMESPACE = 'Shop';

/** An X-Ray trace header as Lambda sets it in _X_AMZN_TRACE_ID; a different root per invocation. */
function traceHeader(n: number): { header: string; root: string; parent: string } {
  const root = `1-6742f5a1-${n.toString(16).padStart(24, '0')}`;
  const parent = `53995c3f42cd8a${n.toString(16).padStart(2, '0')}`;
  return { header: `Root=${root};Parent=${parent};Sampled=1`, root, parent };
}

interface LogOutput {
  /** Structured log records (stdout, and stderr where Powertools writes errors). */
  readonly records: any[];
  /** CloudWatch embedded metric format documents. */
  readonly metrics: any[];
}

function logOutput(invocation: Invocation): LogOutput {
  const stdout = invocation.stdoutLines.map((line) => {
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(`stdout line is not JSON: ${line}`);
    }
  });
  // stderr also carries Node's own process warnings (plain text); the logger's lines are the JSON ones.
  const stderr = invocation.stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  const all = [...stdout, ...stderr];
  return { records: all.filter((entry) => '_aws' in entry === false), metrics: all.filter((entry) => '_aws' in entry) };
}

function metricNames(metrics: any[]): string[] {
  return metrics.flatMap((emf) => emf._aws.CloudWatchMetrics.flatMap((d: any) => d.Metrics.map((m: any) => m.Name)));
}

function metricSum(metrics: any[], name: string): number {
  return metrics
    .filter((emf) => name in emf)
    .flatMap((emf) => (Array.isArray(emf[name]) ? emf[name] : [emf[name]]))
    .reduce((sum: number, value: number) => sum + value, 0);
}

const eventDirectories: string[] = [];

function writeEvent(event: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-event-'));
  eventDirectories.push(dir);
  const file = path.join(dir, 'event.json');
  fs.writeFileSync(file, JSON.stringify(event));
  return file;
}

/** Waits, generously, until the X-Ray documents of a trace have arrived; UDP gives no delivery signal. */
async function traceDocuments(xray: FakeXrayDaemon, root: string, count: number): Promise<any[]> {
  const forTrace = () => xray.documents.filter((document) => document.trace_id === root);
  for (let waited = 0; forTrace().length < count && waited < 20_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return forTrace();
}

function expectPowertoolsContext(records: any[], fn: SynthesizedFunction, environment: Record<string, string>) {
  expect(records.length).toBeGreaterThan(0);
  for (const record of records) {
    expect(record).toMatchObject({
      level: expect.any(String),
      message: expect.any(String),
      service: fn.templateEnvironment.POWERTOOLS_SERVICE_NAME,
      cold_start: true,
      function_name: environment.AWS_LAMBDA_FUNCTION_NAME,
      function_memory_size: environment.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    });
  }
}

describe.each([
  { title: 'Powertools bundled', powertoolsLayer: false },
  { title: 'Powertools from the layer', powertoolsLayer: true },
])('example handlers, $title', ({ powertoolsLayer }) => {
  let app: SynthesizedOrdersApp;
  let sqs: FakeSqs;
  let xray: FakeXrayDaemon;
  let nodePath: string;
  let invocationCount = 0;

  beforeAll(async () => {
    app = synthOrdersApp({ powertoolsLayer, metricsNamespace: METRICS_NAMESPACE });
    sqs = await FakeSqs.start();
    xray = await FakeXrayDaemon.start();
    // The Lambda runtime provides the AWS SDK; the layer, when attached, provides Powertools. Nothing else.
    nodePath = runtimeNodePath({ powertoolsLayer });
  });

  afterAll(async () => {
    await sqs?.close();
    await xray?.close();
    for (const dir of [app?.assemblyDirectory, nodePath, ...eventDirectories]) {
      if (dir) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  function invoke(
    fn: SynthesizedFunction,
    eventFile: string,
    trace: { header: string },
    queueUrl = sqs.queueUrl('OrdersService-Orders'),
  ) {
    invocationCount += 1;
    const options = {
      fn,
      eventFile,
      nodePath,
      awsRequestId: `6f1c0b2a-0000-4000-8000-${String(invocationCount).padStart(12, '0')}`,
      resolvedEnvironment: { QUEUE_URL: queueUrl },
      extraEnvironment: {
        _X_AMZN_TRACE_ID: trace.header,
        AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
        AWS_XRAY_DAEMON_ADDRESS: xray.address,
        AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      },
    };
    return {
      environment: lambdaEnvironment(options),
      awsRequestId: options.awsRequestId,
      run: invokeInFreshProcess(options),
    };
  }

  test('the template: the construct put the Powertools environment on both functions', () => {
    // The service name defaults to the monitoring's (the stack name here); both functions share it.
    expect(app.placeOrder.templateEnvironment.POWERTOOLS_SERVICE_NAME).toBe('OrdersService');
    for (const fn of [app.placeOrder, app.fulfilOrder]) {
      expect(fn.templateEnvironment).toMatchObject({
        POWERTOOLS_SERVICE_NAME: app.placeOrder.templateEnvironment.POWERTOOLS_SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      });
      expect(fn.properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
    app.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('the bundles: the AWS SDK stays out; Powertools is in them, or comes from the layer', () => {
    for (const fn of [app.placeOrder, app.fulfilOrder]) {
      const code = bundleCode(fn);
      const sources = bundledSources(fn);
      expect(sources.filter((source) => source.includes('node_modules/@aws-sdk/'))).toEqual([]);
      // The X-Ray SDK under the tracer classifies errors with one small Smithy package; any other Smithy
      // package would be the SDK client leaking in.
      const smithyPackages = new Set(sources.map((source) => /node_modules\/(@smithy\/[^/]+)\//.exec(source)?.[1]));
      smithyPackages.delete(undefined);
      expect([...smithyPackages]).toEqual(powertoolsLayer ? [] : ['@smithy/service-error-classification']);
      const powertoolsSources = sources.filter((source) => source.includes('node_modules/@aws-lambda-powertools/'));
      if (powertoolsLayer) {
        expect(fn.properties.Layers).toEqual([
          {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':lambda:',
                { Ref: 'AWS::Region' },
                ':094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:44',
              ],
            ],
          },
        ]);
        expect(powertoolsSources).toEqual([]);
        for (const utility of ['logger', 'metrics', 'tracer']) {
          expect(code).toContain(`require("@aws-lambda-powertools/${utility}")`);
        }
      } else {
        expect(fn.properties.Layers).toBeUndefined();
        expect(code).not.toContain('require("@aws-lambda-powertools/');
        for (const utility of ['logger', 'metrics', 'tracer']) {
          expect(powertoolsSources.some((source) => source.includes(`/@aws-lambda-powertools/${utility}/`))).toBe(true);
        }
      }
    }
    expect(bundleCode(app.placeOrder)).toContain('require("@aws-sdk/client-sqs")');
    expect(bundleCode(app.fulfilOrder)).not.toContain('@aws-sdk/client-sqs');
  });

  test('place-order: 202, the order on the queue, and structured logs, metrics and traces of the request', async () => {
    const trace = traceHeader(1 + (powertoolsLayer ? 10 : 0));
    const { environment, awsRequestId, run } = invoke(app.placeOrder, API_EVENT_FILE, trace);
    const invocation = await run;
    const requestId = apiEvent.requestContext.requestId;

    expect(invocation.error).toBeUndefined();
    expect(invocation.result).toMatchObject({ statusCode: 202, headers: { 'content-type': 'application/json' } });
    const { orderId } = JSON.parse(invocation.result.body);
    expect(orderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // The order went to the queue, with the request id as correlation id and the trace propagated.
    const sent = sqs.requests.filter((request) => String(request.headers['x-amzn-trace-id']).includes(trace.root));
    expect(sent).toHaveLength(1);
    expect(sent[0].target).toBe('AmazonSQS.SendMessage');
    expect(sent[0].body.QueueUrl).toBe(sqs.queueUrl('OrdersService-Orders'));
    expect(JSON.parse(sent[0].body.MessageBody)).toMatchObject({
      orderId,
      customerId: 'customer-4711',
      items: [
        { sku: 'BOOK-0042', quantity: 2 },
        { sku: 'MUG-0007', quantity: 1 },
      ],
    });
    expect(sent[0].body.MessageAttributes.correlationId).toEqual({ DataType: 'String', StringValue: requestId });
    // The SDK took the endpoint from AWS_ENDPOINT_URL_SQS; it did not have to fall back to the queue URL's host.
    expect(invocation.stderr).not.toContain('using QueueUrl host as endpoint');

    // Logs: every stdout line is JSON; each record has the service, the request's correlation id and the trace.
    const { records, metrics } = logOutput(invocation);
    expectPowertoolsContext(records, app.placeOrder, environment);
    for (const record of records) {
      expect(record).toMatchObject({
        correlation_id: requestId,
        function_request_id: awsRequestId,
        xray_trace_id: trace.root,
      });
    }
    expect(records).toContainEqual(expect.objectContaining({ level: 'INFO', message: 'order placed', orderId }));

    // Metrics: EMF in the namespace the construct set, with the business metric and the cold start.
    expect(metrics.length).toBeGreaterThan(0);
    for (const emf of metrics) {
      expect(emf._aws.CloudWatchMetrics.map((d: any) => d.Namespace)).toEqual([METRICS_NAMESPACE]);
      expect(emf.service).toBe(app.placeOrder.templateEnvironment.POWERTOOLS_SERVICE_NAME);
    }
    expect(metricNames(metrics)).toEqual(expect.arrayContaining(['OrdersPlaced', 'ColdStart']));
    expect(metricSum(metrics, 'OrdersPlaced')).toBe(1);
    expect(metricSum(metrics, 'ColdStart')).toBe(1);

    // Traces: the handler subsegment hangs off the Parent of _X_AMZN_TRACE_ID; the SQS call is under it.
    const documents = await traceDocuments(xray, trace.root, 2);
    const handlerSegment = documents.find((document) => document.name === '## index.handler');
    expect(handlerSegment).toMatchObject({
      parent_id: trace.parent,
      annotations: { ColdStart: true, Service: app.placeOrder.templateEnvironment.POWERTOOLS_SERVICE_NAME, orderId },
    });
    expect(documents).toContainEqual(
      expect.objectContaining({
        name: 'SQS',
        parent_id: handlerSegment.id,
        aws: expect.objectContaining({
          operation: 'SendMessage',
          message_id: `message-${sqs.requests.indexOf(sent[0]) + 1}`,
        }),
      }),
    );
  });

  test('place-order: an invalid order gets 400 with every reason, a metric, and nothing on the queue', async () => {
    const trace = traceHeader(2 + (powertoolsLayer ? 10 : 0));
    const eventFile = writeEvent({
      ...apiEvent,
      body: JSON.stringify({ customerId: '', items: [{ sku: 'BOOK-0042' }] }),
    });
    const { environment, run } = invoke(app.placeOrder, eventFile, trace);
    const invocation = await run;

    expect(invocation.result.statusCode).toBe(400);
    expect(JSON.parse(invocation.result.body)).toEqual({
      message: 'The order is not valid.',
      errors: ['customerId must be a non-empty string', 'items[0].quantity must be an integer from 1 to 1000'],
    });
    expect(sqs.requests.filter((request) => String(request.headers['x-amzn-trace-id']).includes(trace.root))).toEqual(
      [],
    );
    const { records, metrics } = logOutput(invocation);
    expectPowertoolsContext(records, app.placeOrder, environment);
    expect(records).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'order refused' }));
    expect(metricSum(metrics, 'OrdersRefused')).toBe(1);
    expect(metricSum(metrics, 'OrdersPlaced')).toBe(0);
  });

  test('place-order behind an HTTP API (payload 2.0): its request id is the correlation id', async () => {
    const trace = traceHeader(4 + (powertoolsLayer ? 10 : 0));
    const { environment, run } = invoke(app.placeOrder, HTTP_API_EVENT_FILE, trace);
    const invocation = await run;

    expect(invocation.result.statusCode).toBe(202);
    const { orderId } = JSON.parse(invocation.result.body);
    const { records } = logOutput(invocation);
    expectPowertoolsContext(records, app.placeOrder, environment);
    expect(records).toContainEqual(
      expect.objectContaining({
        message: 'order placed',
        orderId,
        correlation_id: httpApiEvent.requestContext.requestId,
      }),
    );
    const sent = sqs.requests.find((request) => String(request.headers['x-amzn-trace-id']).includes(trace.root));
    expect(JSON.parse(sent!.body.MessageBody)).toMatchObject({ orderId, customerId: 'customer-0815' });
  });

  test('place-order: a base64-encoded body (REST API binary media types) is decoded', async () => {
    const trace = traceHeader(5 + (powertoolsLayer ? 10 : 0));
    const eventFile = writeEvent({
      ...apiEvent,
      body: Buffer.from(apiEvent.body, 'utf8').toString('base64'),
      isBase64Encoded: true,
    });
    const invocation = await invoke(app.placeOrder, eventFile, trace).run;

    expect(invocation.result.statusCode).toBe(202);
    const sent = sqs.requests.find((request) => String(request.headers['x-amzn-trace-id']).includes(trace.root));
    expect(JSON.parse(sent!.body.MessageBody)).toMatchObject({ customerId: 'customer-4711' });
  });

  test('place-order: when the queue refuses the order, the invocation fails and the error is logged with the correlation id', async () => {
    const trace = traceHeader(6 + (powertoolsLayer ? 10 : 0));
    const missingQueue = `${sqs.endpoint}/123456789012/deleted-queue`;
    const { environment, run } = invoke(app.placeOrder, API_EVENT_FILE, trace, missingQueue);
    const invocation = await run;

    expect(invocation.result).toBeUndefined();
    expect(invocation.error).toMatchObject({ name: 'QueueDoesNotExist' });
    const { records, metrics } = logOutput(invocation);
    expectPowertoolsContext(records, app.placeOrder, environment);
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'order not placed: the queue did not take it',
        correlation_id: apiEvent.requestContext.requestId,
        error: expect.objectContaining({ name: 'QueueDoesNotExist' }),
      }),
    );
    expect(metricSum(metrics, 'OrdersPlaced')).toBe(0);
    // The cold start is still counted: the metrics are flushed when the handler throws, too.
    expect(metricSum(metrics, 'ColdStart')).toBe(1);
  });

  test('fulfil-order: the one bad record is the one batch item failure; logs carry each order correlation id', async () => {
    const trace = traceHeader(3 + (powertoolsLayer ? 10 : 0));
    const { environment, awsRequestId, run } = invoke(app.fulfilOrder, SQS_EVENT_FILE, trace);
    const invocation = await run;

    expect(invocation.error).toBeUndefined();
    expect(invocation.result).toEqual({ batchItemFailures: [{ itemIdentifier: BAD_RECORD.messageId }] });

    const { records, metrics } = logOutput(invocation);
    expectPowertoolsContext(records, app.fulfilOrder, environment);
    for (const record of records) {
      expect(record).toMatchObject({ function_request_id: awsRequestId, xray_trace_id: trace.root });
    }
    const fulfilled = records.filter((record) => record.message === 'order fulfilled');
    expect(fulfilled.map((record) => [record.orderId, record.correlation_id])).toEqual(
      [sqsEvent.Records[0], sqsEvent.Records[2]].map((record: any) => [
        JSON.parse(record.body).orderId,
        record.messageAttributes.correlationId.stringValue,
      ]),
    );
    // A message without a correlation id is logged under its message id.
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        messageId: BAD_RECORD.messageId,
        correlation_id: BAD_RECORD.messageId,
        receiveCount: 3,
      }),
    );

    for (const emf of metrics) {
      expect(emf._aws.CloudWatchMetrics.map((d: any) => d.Namespace)).toEqual([METRICS_NAMESPACE]);
    }
    expect(metricNames(metrics)).toEqual(
      expect.arrayContaining(['OrdersFulfilled', 'OrdersNotFulfilled', 'ColdStart']),
    );
    expect(metricSum(metrics, 'OrdersFulfilled')).toBe(2);
    expect(metricSum(metrics, 'OrdersNotFulfilled')).toBe(1);
    expect(metricSum(metrics, 'ColdStart')).toBe(1);

    const documents = await traceDocuments(xray, trace.root, 4);
    const handlerSegment = documents.find((document) => document.name === '## index.handler');
    expect(handlerSegment).toMatchObject({ parent_id: trace.parent, annotations: { ColdStart: true } });
    // The X-Ray SDK streams each closed subsegment as its own document, or nests it in its parent's.
    const nested = (document: any): any[] => [document, ...(document.subsegments ?? []).flatMap(nested)];
    const fulfilSegments = documents
      .flatMap(nested)
      .filter((sub: any) => sub.name === '### fulfil' && (sub.parent_id ?? handlerSegment.id) === handlerSegment.id);
    expect(fulfilSegments).toHaveLength(3);
    expect(fulfilSegments.filter((sub: any) => sub.fault === true || sub.error === true)).toHaveLength(1);
  });
});
