import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { WellArchitectedFunctionOptions } from './function-options';
import { PowertoolsLayer } from './powertools-layer';
import { WellArchitectedMonitoring } from '../monitoring';
import { findDefiningFile, findEntryNextTo } from './private/entry';
import { FunctionHardening } from './private/function-hardening';
import { prepareFunctionProps } from './private/prepare-props';

/** The AWS SDK for JavaScript v3 is part of every Node.js runtime from 18 on, so it is not bundled. */
const AWS_SDK_V3_MODULES = '@aws-sdk/*';
/** The packages the Powertools layer provides. */
const POWERTOOLS_MODULES = '@aws-lambda-powertools/*';

/**
 * Properties of a `WellArchitectedNodejsFunction`: every `NodejsFunctionProps` prop, with the defaults of
 * `WellArchitectedFunctionProps` and the ones below, plus `WellArchitectedFunctionOptions`.
 *
 * - `runtime`: `Runtime.NODEJS_24_X`, the newest Node.js runtime that aws-cdk-lib 2.257 knows.
 * - `bundling`: local esbuild (`forceDockerBundling: false`), `minify: true`, `sourceMap: true`,
 *   `externalModules: ['@aws-sdk/*']` (plus `@aws-lambda-powertools/*` with `powertoolsLayer`); each key
 *   you set wins, except that the Powertools modules stay external while the layer provides them.
 * - `environment.NODE_OPTIONS`: `--enable-source-maps` when the construct bundles with source maps, so
 *   stack traces point at your TypeScript; a `NODE_OPTIONS` you set wins.
 */
export interface WellArchitectedNodejsFunctionProps extends nodejs.NodejsFunctionProps, WellArchitectedFunctionOptions {
  /**
   * Add the public Powertools for AWS Lambda (TypeScript) layer, e.g. `PowertoolsLayer.defaultVersion()`,
   * and keep the Powertools packages out of the bundle.
   * @default - no layer: Powertools, if the handler imports it, is bundled like any other dependency
   */
  readonly powertoolsLayer?: PowertoolsLayer;
}

/**
 * A `NodejsFunction` that is well-architected by default: everything `WellArchitectedFunction` does, plus
 * a minified, source-mapped local esbuild bundle on the newest Node.js runtime, and optionally the
 * Powertools layer.
 *
 * It is a drop-in replacement: every `NodejsFunction` prop and method keeps working, including finding
 * the entry file next to the file that defines the function (`<file>.<id>.ts`).
 */
export class WellArchitectedNodejsFunction extends nodejs.NodejsFunction {
  /** The monitoring this function's alarms notify and whose dashboard shows it. */
  public readonly monitoring: WellArchitectedMonitoring;

  /** The Powertools service name of the function (`POWERTOOLS_SERVICE_NAME`). */
  public readonly serviceName: string;

  /** Alarms when the function reports any error in a minute. */
  public readonly errorsAlarm: cloudwatch.Alarm;

  /** Alarms when any invocation is throttled in a minute. */
  public readonly throttlesAlarm: cloudwatch.Alarm;

  /**
   * Alarms when the p99 duration reaches `durationAlarmThreshold` percent of the timeout in 3 of 5 minutes.
   * Undefined only when the timeout is a token.
   */
  public readonly durationAlarm?: cloudwatch.Alarm;

  private readonly hardening: FunctionHardening;

  constructor(scope: Construct, id: string, props: WellArchitectedNodejsFunctionProps = {}) {
    const { superProps, plan } = prepareFunctionProps(
      scope,
      id,
      nodejsDefaults(id, props),
      'WellArchitectedNodejsFunction',
    );
    super(scope, id, superProps);
    if (props.powertoolsLayer) {
      this.addLayers(props.powertoolsLayer.bind(this, 'PowertoolsLayer'));
    }
    this.hardening = new FunctionHardening(this, plan, (options) => super.configureAsyncInvoke(options));
    this.monitoring = this.hardening.monitoring;
    this.serviceName = this.hardening.serviceName;
    this.errorsAlarm = this.hardening.errorsAlarm;
    this.throttlesAlarm = this.hardening.throttlesAlarm;
    this.durationAlarm = this.hardening.durationAlarm;
    this.hardening.addEventSourcesFromProps();
  }

  /**
   * The encrypted, TLS-only queue that keeps failed asynchronous invocations for 14 days. Created when the
   * function is, or becomes, asynchronous (see `asyncInvocation`) and no `onFailure` or dead-letter
   * target was given; undefined until then.
   */
  public get onFailureQueue(): sqs.IQueue | undefined {
    return this.hardening.onFailureQueue;
  }

  /**
   * The alarm on messages waiting in `onFailureQueue`, a warning (it stays in ALARM until they are redriven);
   * undefined while there is no such queue.
   */
  public get onFailureQueueAlarm(): cloudwatch.Alarm | undefined {
    return this.hardening.onFailureQueueAlarm;
  }

  /**
   * The alarm on messages waiting in the dead-letter queue that `deadLetterQueueEnabled: true` makes aws-cdk-lib
   * create (the construct encrypts it with SSE-SQS and makes it TLS-only), a warning; undefined otherwise.
   */
  public get deadLetterQueueAlarm(): cloudwatch.Alarm | undefined {
    return this.hardening.deadLetterQueueAlarm;
  }

  /**
   * The alarm on new messages in the dead-letter queue that `deadLetterQueueEnabled: true` makes aws-cdk-lib create,
   * critical (it pages) and back to OK once no new failures arrive; undefined otherwise.
   */
  public get deadLetterQueueNewMessagesAlarm(): cloudwatch.Alarm | undefined {
    return this.hardening.deadLetterQueueNewMessagesAlarm;
  }

  /**
   * The alarm on new messages in `onFailureQueue`, critical (it pages) and back to OK once no new failures
   * arrive; undefined while there is no such queue.
   */
  public get onFailureQueueNewMessagesAlarm(): cloudwatch.Alarm | undefined {
    return this.hardening.onFailureQueueNewMessagesAlarm;
  }

  /**
   * Every alarm of this function: errors, throttles, duration and, once they exist, the on-failure queue's and the
   * created dead-letter queue's.
   */
  public get alarms(): cloudwatch.Alarm[] {
    return this.hardening.alarms;
  }

  /**
   * Adds a permission to the function's resource policy, as `lambda.Function.addPermission` does. A
   * permission for an AWS service that invokes asynchronously (S3, SNS, EventBridge, ...) also gives the
   * function its on-failure queue, unless `asyncInvocation` is false.
   */
  public addPermission(id: string, permission: lambda.Permission): void {
    super.addPermission(id, permission);
    // undefined while the aws-cdk-lib constructor runs; the construct adds `events` itself afterwards.
    this.hardening?.permissionAdded(permission);
  }

  /**
   * Configures asynchronous invocation, as `lambda.Function.configureAsyncInvoke` does, with the
   * construct's defaults for what `options` leaves out: 2 retry attempts, a 6-hour maximum event age
   * and the on-failure queue.
   */
  public configureAsyncInvoke(options: lambda.EventInvokeConfigOptions): void {
    if (!this.hardening) {
      super.configureAsyncInvoke(options);
      return;
    }
    this.hardening.configureAsyncInvoke(options);
  }
}

function nodejsDefaults(id: string, props: WellArchitectedNodejsFunctionProps): WellArchitectedNodejsFunctionProps {
  const bundling = props.bundling ?? {};
  const externalModules = [...(bundling.externalModules ?? [AWS_SDK_V3_MODULES])];
  if (props.powertoolsLayer && !externalModules.includes(POWERTOOLS_MODULES)) {
    externalModules.push(POWERTOOLS_MODULES);
  }
  const sourceMap = bundling.sourceMap ?? true;
  const environment = { ...props.environment };
  const bundled = props.code === undefined;
  if (bundled && sourceMap && environment.NODE_OPTIONS === undefined) {
    environment.NODE_OPTIONS = '--enable-source-maps';
  }
  return {
    ...props,
    // NodejsFunction looks for `<defining file>.<id>.ts` next to the file that called its constructor,
    // which would be this file; look next to the file that called ours instead.
    entry:
      props.entry ?? (bundled ? findEntryNextTo(findDefiningFile('WellArchitectedNodejsFunction'), id) : undefined),
    runtime: props.runtime ?? lambda.Runtime.NODEJS_24_X,
    environment,
    bundling: {
      ...bundling,
      forceDockerBundling: bundling.forceDockerBundling ?? false,
      minify: bundling.minify ?? true,
      sourceMap,
      externalModules,
    },
  };
}
