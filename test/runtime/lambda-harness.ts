/**
 * Runs the example handlers the way Lambda would, from the bundles that `WellArchitectedNodejsFunction` produces
 * at synth: the app is synthesized, each function's asset directory is found through the S3 key of its code in
 * the template, and the bundle runs in a fresh Node.js process with the environment from the template plus the
 * variables the Lambda runtime sets. Shared by test/runtime/powertools.test.ts and bench/bundle-size.ts.
 */
import { ChildProcess, spawn } from 'child_process';
import { createHash } from 'crypto';
import * as dgram from 'dgram';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PowertoolsLayer, WellArchitectedNodejsFunction } from '../../src/lambda';
import { WellArchitectedQueue } from '../../src/sqs';

const ROOT = path.resolve(__dirname, '..', '..');
export const HANDLERS_DIR = path.join(ROOT, 'examples', 'handlers');
export const FIXTURES_DIR = path.join(__dirname, 'fixtures');
const RUNNER = path.join(__dirname, 'lambda-runner.js');
const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';

/** One synthesized function: what the template says about it and where its bundle is. */
export interface SynthesizedFunction {
  readonly logicalId: string;
  readonly properties: Record<string, any>;
  readonly bundleDirectory: string;
  /** The `Environment.Variables` of the function; tokens are left as CloudFormation JSON. */
  readonly templateEnvironment: Record<string, unknown>;
}

/** The example app's two functions, synthesized as the example app wires them. */
export interface SynthesizedOrdersApp {
  /** The cloud assembly directory (a temporary directory): remove it when done. */
  readonly assemblyDirectory: string;
  readonly template: Template;
  readonly placeOrder: SynthesizedFunction;
  readonly fulfilOrder: SynthesizedFunction;
}

/**
 * Synthesizes the place-order / fulfil-order pair on a `WellArchitectedQueue`, optionally with the Powertools
 * layer, into a fresh cloud assembly directory (bundling runs esbuild locally, as in `cdk synth`).
 */
export function synthOrdersApp(options: {
  readonly powertoolsLayer: boolean;
  readonly metricsNamespace?: string;
}): SynthesizedOrdersApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-runtime-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'OrdersService');
  const powertoolsLayer = options.powertoolsLayer ? PowertoolsLayer.defaultVersion() : undefined;
  const metricsNamespace = options.metricsNamespace;
  const queue = new WellArchitectedQueue(stack, 'Orders');
  const placeOrder = new WellArchitectedNodejsFunction(stack, 'PlaceOrder', {
    entry: path.join(HANDLERS_DIR, 'place-order.ts'),
    environment: { QUEUE_URL: queue.queueUrl },
    metricsNamespace,
    powertoolsLayer,
  });
  queue.grantSendMessages(placeOrder);
  const fulfilOrder = new WellArchitectedNodejsFunction(stack, 'FulfilOrder', {
    entry: path.join(HANDLERS_DIR, 'fulfil-order.ts'),
    metricsNamespace,
    powertoolsLayer,
  });
  queue.addConsumer(fulfilOrder);

  const assembly = app.synth();
  const template = Template.fromStack(stack);
  const describe = (fn: WellArchitectedNodejsFunction): SynthesizedFunction => {
    const logicalId = stack.getLogicalId(fn.node.defaultChild as any);
    const properties = template.toJSON().Resources[logicalId].Properties;
    // The code's S3 key is `<asset hash>.zip`; the staged asset is `asset.<asset hash>` in the assembly.
    const assetHash = String(properties.Code.S3Key).replace(/\.zip$/, '');
    const bundleDirectory = path.join(assembly.directory, `asset.${assetHash}`);
    if (!fs.existsSync(path.join(bundleDirectory, 'index.js'))) {
      throw new Error(`no bundle for ${logicalId} at ${bundleDirectory}`);
    }
    return { logicalId, properties, bundleDirectory, templateEnvironment: properties.Environment?.Variables ?? {} };
  };
  return {
    assemblyDirectory: assembly.directory,
    template,
    placeOrder: describe(placeOrder),
    fulfilOrder: describe(fulfilOrder),
  };
}

/** The bundle's `index.js`. */
export function bundleCode(fn: SynthesizedFunction): string {
  return fs.readFileSync(path.join(fn.bundleDirectory, 'index.js'), 'utf8');
}

/** The files esbuild put into the bundle, from its source map: which packages are really inside. */
export function bundledSources(fn: SynthesizedFunction): string[] {
  const sourceMap = JSON.parse(fs.readFileSync(path.join(fn.bundleDirectory, 'index.js.map'), 'utf8'));
  return sourceMap.sources;
}

/**
 * A directory to put on NODE_PATH that holds what the Lambda runtime provides (the AWS SDK v3, as in
 * /var/runtime/node_modules) and, with `powertoolsLayer`, what the Powertools layer provides (as in
 * /opt/nodejs/node_modules), linked from this repository's node_modules. Nothing else resolves. A temporary
 * directory: remove it when done.
 */
export function runtimeNodePath(options: { readonly powertoolsLayer: boolean }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-node-path-'));
  const scopes = ['@aws-sdk', ...(options.powertoolsLayer ? ['@aws-lambda-powertools'] : [])];
  for (const scope of scopes) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', scope), path.join(dir, scope), 'dir');
  }
  return dir;
}

/** What one invocation in a fresh process produced. */
export interface Invocation {
  readonly result?: any;
  readonly error?: { name: string; message: string };
  /** stdout, split in lines: what Lambda would ship to CloudWatch Logs. */
  readonly stdoutLines: string[];
  readonly stderr: string;
  readonly timings: {
    readonly processStartToResponseMs: number;
    readonly loadAndFirstInvocationMs: number;
    readonly loadMs: number;
  };
}

export interface InvokeOptions {
  readonly fn: SynthesizedFunction;
  readonly eventFile: string;
  readonly nodePath: string;
  readonly awsRequestId: string;
  /** Values for the environment variables that are tokens in the template (e.g. a queue URL). */
  readonly resolvedEnvironment?: Record<string, string>;
  /** Variables a test adds (trace header, endpoints); they override the others. */
  readonly extraEnvironment?: Record<string, string>;
  /** How long the process may run before it is killed and the invocation fails. */
  readonly timeoutMs?: number;
}

/** The environment the Lambda service gives the function: its template environment plus the runtime's own. */
export function lambdaEnvironment(options: InvokeOptions): Record<string, string> {
  const { fn } = options;
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.templateEnvironment)) {
    const resolved = typeof value === 'string' ? value : options.resolvedEnvironment?.[name];
    if (resolved === undefined) {
      throw new Error(
        `${fn.logicalId}: environment variable ${name} is a token; give its value in resolvedEnvironment`,
      );
    }
    environment[name] = resolved;
  }
  const functionName = `OrdersService-${fn.logicalId.slice(0, 20)}-Q1w2E3r4T5y6`;
  const logging = fn.properties.LoggingConfig ?? {};
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE00',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLE',
    // No shared config or credentials files in Lambda; do not read the developer's.
    AWS_CONFIG_FILE: path.join(fn.bundleDirectory, '.no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(fn.bundleDirectory, '.no-aws-credentials'),
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.properties.Runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.properties.MemorySize ?? 128),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/23/[$LATEST]4f1d2c3b5a6e7d8c9b0a1f2e3d4c5b6a',
    ...(logging.LogFormat ? { AWS_LAMBDA_LOG_FORMAT: logging.LogFormat } : {}),
    ...(logging.ApplicationLogLevel ? { AWS_LAMBDA_LOG_LEVEL: logging.ApplicationLogLevel } : {}),
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    LAMBDA_TASK_ROOT: fn.bundleDirectory,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    NODE_PATH: options.nodePath,
    _HANDLER: fn.properties.Handler,
    RUNNER_AWS_REQUEST_ID: options.awsRequestId,
    RUNNER_TIMEOUT_MS: String((fn.properties.Timeout ?? 3) * 1000),
    ...environment,
    ...options.extraEnvironment,
  };
}

/** Invokes the function's bundle once in a fresh Node.js process, as a cold start. */
export function invokeInFreshProcess(options: InvokeOptions): Promise<Invocation> {
  const child: ChildProcess = spawn(process.execPath, [RUNNER, options.fn.bundleDirectory, options.eventFile], {
    env: lambdaEnvironment(options),
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const collect = (stream: NodeJS.ReadableStream | null): Promise<string> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      stream?.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream?.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  const [stdout, stderr, report] = [child.stdout, child.stderr, child.stdio[3]].map((s) =>
    collect(s as NodeJS.ReadableStream),
  );
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.fn.logicalId}: the invocation did not finish in ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      void Promise.all([stdout, stderr, report]).then(([out, err, rep]) => {
        if (code !== 0 || !rep) {
          reject(new Error(`${options.fn.logicalId}: the runner exited with ${code}\n${err}\n${out}`));
          return;
        }
        const parsed = JSON.parse(rep);
        resolve({
          result: parsed.result,
          error: parsed.error,
          timings: parsed.timings,
          stdoutLines: out.split('\n').filter((line) => line.trim() !== ''),
          stderr: err,
        });
      }, reject);
    });
  });
}

/** A request the fake SQS endpoint received. */
export interface SqsRequest {
  readonly target: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: any;
}

/**
 * A local stand-in for the SQS endpoint (AWS JSON 1.0 protocol) on 127.0.0.1: answers SendMessage to the queues
 * made with `queueUrl` with the MD5 digest the SDK verifies, any other queue with QueueDoesNotExist, and records
 * every request.
 */
export class FakeSqs {
  public static async start(): Promise<FakeSqs> {
    const fake = new FakeSqs();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  public readonly requests: SqsRequest[] = [];
  private readonly queueUrls = new Set<string>();
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      this.requests.push({ target, headers: request.headers, body });
      response.setHeader('content-type', 'application/x-amz-json-1.0');
      if (target !== 'AmazonSQS.SendMessage') {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'com.amazonaws.sqs#InvalidAction', message: `${target} is not faked` }));
        return;
      }
      if (!this.queueUrls.has(body.QueueUrl)) {
        response.statusCode = 400;
        response.setHeader('x-amzn-query-error', 'AWS.SimpleQueueService.NonExistentQueue;Sender');
        response.end(
          JSON.stringify({
            __type: 'com.amazonaws.sqs#QueueDoesNotExist',
            message: 'The specified queue does not exist.',
          }),
        );
        return;
      }
      response.end(
        JSON.stringify({
          MessageId: `message-${this.requests.length}`,
          MD5OfMessageBody: createHash('md5').update(body.MessageBody).digest('hex'),
        }),
      );
    });
  });

  private constructor() {}

  /** The endpoint URL, for AWS_ENDPOINT_URL_SQS. */
  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A queue URL on this endpoint, so the SDK's queue-URL endpoint override agrees with AWS_ENDPOINT_URL_SQS. */
  public queueUrl(name: string): string {
    const url = `${this.endpoint}/${ACCOUNT}/${name}`;
    this.queueUrls.add(url);
    return url;
  }

  public close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A local stand-in for the X-Ray daemon: collects the segment documents the X-Ray SDK sends over UDP. */
export class FakeXrayDaemon {
  public static async start(): Promise<FakeXrayDaemon> {
    const daemon = new FakeXrayDaemon();
    await new Promise<void>((resolve) => daemon.socket.bind(0, '127.0.0.1', resolve));
    return daemon;
  }

  /** Every document received, parsed: subsegments with their trace_id and parent_id. */
  public readonly documents: any[] = [];
  private readonly socket = dgram.createSocket('udp4');

  private constructor() {
    // Each datagram is a header line, `{"format":"json","version":1}`, then one segment document.
    this.socket.on('message', (message) => {
      const [, document] = message.toString('utf8').split('\n');
      if (document) {
        this.documents.push(JSON.parse(document));
      }
    });
  }

  /** The address, for AWS_XRAY_DAEMON_ADDRESS. */
  public get address(): string {
    const { address, port } = this.socket.address();
    return `${address}:${port}`;
  }

  public close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
