import { Annotations, CfnResource } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ANNOTATION_PREFIX, assignProperty, childIdFor, ownerOf, RemediationContext } from './context';
import { httpAccessLogFormat, restAccessLogFormat } from '../../apigateway/private/access-log-format';
import { CheckedResource } from '../../checks/engine/resource';
import { Rule } from '../../checks/engine/rule';
import { Values } from '../../checks/engine/values';
import { ApiGwHttpLatencyAlarmRule } from '../../checks/rules/apigateway/http-latency-alarm';
import { ApiGwHttpServerErrorAlarmRule } from '../../checks/rules/apigateway/http-server-error-alarm';
import { ApiGwRestLatencyAlarmRule } from '../../checks/rules/apigateway/rest-latency-alarm';
import { ApiGwRestServerErrorAlarmRule } from '../../checks/rules/apigateway/rest-server-error-alarm';
import { ApiAlarmTarget, apiLatencyAlarm, apiServerErrorRateAlarm } from '../../monitoring/private/alarm-factories';

/** Apply the REST API stage defaults to one `AWS::ApiGateway::Stage`. */
export function remediateRestStage(cfn: CfnResource, ctx: RemediationContext): void {
  const stage = ctx.current(cfn);
  if (stage.unresolvedReason) {
    return;
  }
  const settings = ctx.settings;
  if (settings.apiAccessLogs && stage.get('AccessLogSetting') === undefined) {
    const logGroup = accessLogGroup(cfn, ctx);
    assignProperty(cfn, 'AccessLogSetting', {
      DestinationArn: logGroup.logGroupArn,
      Format: restAccessLogFormat().toString(),
    });
    ctx.record(cfn, `set AccessLogSetting: JSON access logs to a new log group (${logGroup.node.path})`);
  }
  if (settings.apiTracing && stage.get('TracingEnabled') === undefined) {
    assignProperty(cfn, 'TracingEnabled', true);
    ctx.record(cfn, 'set TracingEnabled=true (X-Ray)');
  }

  const wanted: Record<string, unknown> = {};
  if (settings.apiThrottling) {
    wanted.ThrottlingRateLimit = settings.throttlingRateLimit;
    wanted.ThrottlingBurstLimit = settings.throttlingBurstLimit;
  }
  if (settings.apiMetrics) {
    wanted.MetricsEnabled = true;
  }
  if (settings.apiExecutionLogging) {
    wanted.LoggingLevel = 'ERROR';
  }
  const methodSettings = stage.get('MethodSettings');
  if (Object.keys(wanted).length === 0 || Values.isUnknown(methodSettings)) {
    warnWithoutAccountRole(cfn, ctx);
    return;
  }
  const list: any[] = Array.isArray(methodSettings) ? [...methodSettings] : [];
  let position = list.findIndex((entry) => entry?.HttpMethod === '*' && entry?.ResourcePath === '/*');
  if (position < 0) {
    list.push({ HttpMethod: '*', ResourcePath: '/*' });
    position = list.length - 1;
  }
  const entry = list[position];
  if (Values.isUnknown(entry)) {
    return;
  }
  const added = Object.entries(wanted).filter(([key]) => entry[key] === undefined);
  if (added.length === 0) {
    return;
  }
  list[position] = { ...entry, ...Object.fromEntries(added) };
  assignProperty(cfn, 'MethodSettings', list);
  ctx.record(cfn, `set MethodSettings for */* ${added.map(([key, value]) => `${key}=${value}`).join(', ')}`);
  warnWithoutAccountRole(cfn, ctx);
}

/**
 * REST API logging to CloudWatch needs the account-wide API Gateway CloudWatch role; without it the deployment
 * fails ("CloudWatch Logs role ARN must be set in account settings"). A stack with an `AWS::ApiGateway::Account`
 * sets it; otherwise the account may or may not have one, which synth cannot know: say so once per stage.
 */
function warnWithoutAccountRole(cfn: CfnResource, ctx: RemediationContext): void {
  const logging = ctx
    .changesOf(cfn)
    .some((d) => d.startsWith('set AccessLogSetting') || d.includes('LoggingLevel=ERROR'));
  if (!logging || ctx.index.ofType('AWS::ApiGateway::Account').length > 0) {
    return;
  }
  Annotations.of(cfn).addWarningV2(
    'cdk-well-architected:WellArchitectedDefaults.RestApiCloudWatchRole',
    `${ANNOTATION_PREFIX} Logging of REST stage ${cfn.node.path} was turned on, and this stack does not set the account's ` +
      'API Gateway CloudWatch role: the deployment fails unless the account already has one. Set `cloudWatchRole: true` ' +
      'on the RestApi, or apiAccessLogs and apiExecutionLogging to false.',
  );
}

/** Apply the HTTP API stage defaults to one `AWS::ApiGatewayV2::Stage`. */
export function remediateHttpStage(cfn: CfnResource, ctx: RemediationContext): void {
  const stage = ctx.current(cfn);
  if (stage.unresolvedReason || !isHttpApiStage(stage, ctx)) {
    return;
  }
  const settings = ctx.settings;
  if (settings.apiAccessLogs && stage.get('AccessLogSettings') === undefined) {
    const logGroup = accessLogGroup(cfn, ctx);
    assignProperty(cfn, 'AccessLogSettings', {
      DestinationArn: logGroup.logGroupArn,
      Format: httpAccessLogFormat().toString(),
    });
    ctx.record(cfn, `set AccessLogSettings: JSON access logs to a new log group (${logGroup.node.path})`);
  }
  const routeSettings = stage.get('DefaultRouteSettings');
  if (Values.isUnknown(routeSettings)) {
    return;
  }
  const wanted: Record<string, unknown> = {};
  if (settings.apiThrottling) {
    wanted.ThrottlingRateLimit = settings.throttlingRateLimit;
    wanted.ThrottlingBurstLimit = settings.throttlingBurstLimit;
  }
  if (settings.apiMetrics) {
    wanted.DetailedMetricsEnabled = true;
  }
  const added = Object.entries(wanted).filter(([key]) => Values.get(routeSettings, key) === undefined);
  if (added.length > 0) {
    assignProperty(cfn, 'DefaultRouteSettings', { ...(routeSettings ?? {}), ...Object.fromEntries(added) });
    ctx.record(cfn, `set DefaultRouteSettings ${added.map(([key, value]) => `${key}=${value}`).join(', ')}`);
  }
}

function isHttpApiStage(stage: CheckedResource, ctx: RemediationContext): boolean {
  const api = ctx.index.resolveReference(stage.get('ApiId'));
  return api?.resourceType === 'AWS::ApiGatewayV2::Api' && api.get('ProtocolType') === 'HTTP';
}

function accessLogGroup(cfn: CfnResource, ctx: RemediationContext): logs.LogGroup {
  return ctx.created(
    new logs.LogGroup(ownerOf(cfn), childIdFor(cfn, 'AccessLogs'), { retention: ctx.settings.logGroupRetention }),
  );
}

/** Add the 5XX and latency alarms of a REST API (`AWS::ApiGateway::RestApi`) that has none. */
export function remediateRestApi(cfn: CfnResource, ctx: RemediationContext): void {
  const api = ctx.current(cfn);
  const name = api.get('Name');
  if (!ctx.settings.alarms || typeof name !== 'string' || Values.isUnknown(name)) {
    return;
  }
  // By name and stage, as WellArchitectedRestApi does, when the API has one stage whose name is known.
  const stageNames = ctx.index
    .referencesTo(api.logicalId, 'AWS::ApiGateway::Stage')
    .map((ref) => ref.source.get('StageName'));
  const stageName = stageNames.length === 1 ? stageNames[0] : undefined;
  const dimensions: Record<string, string> = { ApiName: name };
  if (typeof stageName === 'string' && !Values.isUnknown(stageName)) {
    dimensions.Stage = stageName;
  }
  const target = {
    dimensions,
    serverErrorMetric: '5XXError',
    label: `REST API ${cfn.node.path}`,
    resourceKind: 'REST API',
  };
  addApiAlarms(cfn, api, ctx, target, {
    serverErrors: new ApiGwRestServerErrorAlarmRule(),
    latency: new ApiGwRestLatencyAlarmRule(),
  });
}

/** Add the 5xx and latency alarms of an HTTP API (`AWS::ApiGatewayV2::Api`) that has none. */
export function remediateHttpApi(cfn: CfnResource, ctx: RemediationContext): void {
  const api = ctx.current(cfn);
  if (!ctx.settings.alarms || api.get('ProtocolType') !== 'HTTP') {
    return;
  }
  const target = {
    dimensions: { ApiId: cfn.ref },
    serverErrorMetric: '5xx',
    label: `HTTP API ${cfn.node.path}`,
    resourceKind: 'HTTP API',
  };
  addApiAlarms(cfn, api, ctx, target, {
    serverErrors: new ApiGwHttpServerErrorAlarmRule(),
    latency: new ApiGwHttpLatencyAlarmRule(),
  });
}

function addApiAlarms(
  cfn: CfnResource,
  api: CheckedResource,
  ctx: RemediationContext,
  target: ApiAlarmTarget,
  alarms: { readonly serverErrors: Rule; readonly latency: Rule },
): void {
  const added: string[] = [];
  if (ctx.violates(alarms.serverErrors, api)) {
    added.push(ctx.addAlarm(cfn, 'ServerErrors', (placement) => apiServerErrorRateAlarm(placement, target)).node.path);
  }
  if (ctx.violates(alarms.latency, api)) {
    added.push(ctx.addAlarm(cfn, 'Latency', (placement) => apiLatencyAlarm(placement, target)).node.path);
  }
  if (added.length > 0) {
    ctx.record(cfn, `added alarms ${added.join(', ')} that notify the WellArchitectedMonitoring topic`);
  }
}
