// Shared lookups for the Lambda rules: which function a reference means, who invokes a function, what its
// execution role allows, where an event source mapping reads from. Internal: not part of the public API.
import * as nodePath from 'path';
import type { AppView } from '../../engine/app-view';
import { CheckedResource } from '../../engine/resource';
import { RuleResult } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';
import {
  PolicyStatement,
  knownAwsManagedStatements,
  statementsOfDocument as statementsOf,
} from '../iam/policy-statements';
import { literalWithPseudoParameters, servicePrincipalName } from '../iam/pseudo-literal';

export const FUNCTION = 'AWS::Lambda::Function';
export const ALIAS = 'AWS::Lambda::Alias';
export const VERSION = 'AWS::Lambda::Version';
export const PERMISSION = 'AWS::Lambda::Permission';
export const EVENT_INVOKE_CONFIG = 'AWS::Lambda::EventInvokeConfig';
export const EVENT_SOURCE_MAPPING = 'AWS::Lambda::EventSourceMapping';

/** Lambda's and SQS's defaults when a property is absent, under the names the Lambda rules use. */
export { LAMBDA_DEFAULT_TIMEOUT_SECONDS as DEFAULT_TIMEOUT_SECONDS } from '../../../service-defaults/lambda';
export { SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS as DEFAULT_SQS_VISIBILITY_TIMEOUT_SECONDS } from '../../../service-defaults/sqs';

/** A lookup that either found something, found nothing, or cannot tell at synth time. */
export type Lookup<T> = { readonly kind: 'found'; readonly value: T } | { readonly kind: 'absent' } | Unknown;
export type Unknown = { readonly kind: 'unknown'; readonly reason: string };

export function unknownLookup(reason: string): Unknown {
  return { kind: 'unknown', reason };
}

/** The literal `FunctionName` of a function, when it has one. */
export function literalFunctionName(fn: CheckedResource): string | undefined {
  const name = fn.get('FunctionName');
  return typeof name === 'string' && !Values.isUnknown(name) ? name : undefined;
}

/** How a finding names a function: its literal name if it has one, else its logical id. */
export function describeFunction(fn: CheckedResource): string {
  const name = literalFunctionName(fn);
  return name ? `'${name}' (${fn.logicalId})` : fn.logicalId;
}

/**
 * The function of this stack that a `FunctionName`-like value means: a `Ref`/`Fn::GetAtt` to the function,
 * to one of its aliases or versions, or a literal name or ARN that matches a function's literal `FunctionName`.
 * Absent when the value names a function outside the stack; unknown for parameters, imports and conditions.
 */
export function resolveFunction(value: any, index: StackIndex): Lookup<CheckedResource> {
  if (value === undefined || value === null) {
    return { kind: 'absent' };
  }
  const target = index.resolveReference(value);
  if (target) {
    if (target.resourceType === FUNCTION) {
      return { kind: 'found', value: target };
    }
    if (target.resourceType === ALIAS || target.resourceType === VERSION) {
      return resolveFunction(target.get('FunctionName'), index);
    }
    return { kind: 'absent' };
  }
  if (typeof value === 'string' && !Values.isUnknown(value)) {
    const name = functionNameOfLiteral(value);
    const match = index.ofType(FUNCTION).find((fn) => literalFunctionName(fn) === name);
    return match ? { kind: 'found', value: match } : { kind: 'absent' };
  }
  if (Values.isIntrinsic(value) && Values.referencedLogicalId(value) === undefined) {
    return unknownLookup('the function is chosen by an intrinsic function that synth cannot evaluate');
  }
  // A Ref to a parameter, or an unresolved token.
  return unknownLookup('the function is given by a parameter or token');
}

/**
 * The function name in any form Lambda accepts: `my-fn`, `my-fn:alias`, `123456789012:function:my-fn` or
 * `arn:aws:lambda:us-east-1:123456789012:function:my-fn[:alias]` -> `my-fn`.
 */
function functionNameOfLiteral(value: string): string {
  const match = /(?:^|:)function:([^:]+)/.exec(value);
  return match ? match[1] : value.split(':')[0];
}

/**
 * The resources that the function is addressed through: the function itself, its aliases and its versions.
 * Invocation permissions and invoke configurations may point at any of them.
 */
export function qualifiersOf(fn: CheckedResource, index: StackIndex): CheckedResource[] {
  const qualifiers = [fn];
  for (const type of [ALIAS, VERSION]) {
    for (const ref of index.referencesTo(fn.logicalId, type)) {
      if (ref.propertyPath === 'FunctionName' && !qualifiers.includes(ref.source)) {
        qualifiers.push(ref.source);
      }
    }
  }
  return qualifiers;
}

/**
 * Resources of one type whose property at `propertyPath` (or below it) points at the function, directly or
 * through an alias or version, or names it literally (in any stack of `app`, when given).
 */
export function resourcesPointingAt(
  fn: CheckedResource,
  index: StackIndex,
  sourceType: string,
  propertyPath: (path: string) => boolean,
  literalValue?: (source: CheckedResource) => any[],
  app?: AppView,
): CheckedResource[] {
  const found: CheckedResource[] = [];
  for (const qualifier of qualifiersOf(fn, index)) {
    for (const ref of index.referencesTo(qualifier.logicalId, sourceType)) {
      if (propertyPath(ref.propertyPath) && !found.includes(ref.source)) {
        found.push(ref.source);
      }
    }
  }
  const name = literalFunctionName(fn);
  if (name !== undefined && literalValue) {
    for (const source of app ? app.ofType(sourceType) : index.ofType(sourceType)) {
      const values = literalValue(source);
      if (
        !found.includes(source) &&
        values.some((v) => typeof v === 'string' && !Values.isUnknown(v) && functionNameOfLiteral(v) === name)
      ) {
        found.push(source);
      }
    }
  }
  return found;
}

/** The `AWS::Lambda::Permission` resources that let someone invoke the function (or its aliases and versions). */
export function permissionsOf(fn: CheckedResource, index: StackIndex): CheckedResource[] {
  return resourcesPointingAt(
    fn,
    index,
    PERMISSION,
    (path) => path === 'FunctionName',
    (p) => [p.get('FunctionName')],
  );
}

/** The `AWS::Lambda::EventInvokeConfig` resources of the function (any qualifier). */
export function eventInvokeConfigsOf(fn: CheckedResource, index: StackIndex): CheckedResource[] {
  return resourcesPointingAt(
    fn,
    index,
    EVENT_INVOKE_CONFIG,
    (path) => path === 'FunctionName',
    (c) => [c.get('FunctionName')],
  );
}

// The service a principal names (`s3.amazonaws.com` -> `s3`), literal or built from pseudo parameters.
export { servicePrincipalName } from '../iam/pseudo-literal';
export { asIamList } from '../iam/policy-statements';
export type { PolicyStatement } from '../iam/policy-statements';

/** A human-readable name for any invocation principal: its service, or the principal itself. */
export function principalLabel(principal: any): string | undefined {
  const text = literalWithPseudoParameters(principal);
  if (text === undefined) {
    return undefined;
  }
  return servicePrincipalName(text) ?? text;
}

/**
 * The execution role of a function and every statement the stack attaches to it: inline `Policies`,
 * `AWS::IAM::Policy` / `AWS::IAM::RolePolicy` / `AWS::IAM::ManagedPolicy` that name the role, and in-stack
 * managed policies in `ManagedPolicyArns`, and the AWS managed policies of `ManagedPolicyArns` whose content the
 * rules know (AdministratorAccess, PowerUserAccess, IAMFullAccess: see iam/policy-statements.ts). Other AWS managed
 * policies are not read: AWS maintains them.
 */
export function executionRoleStatements(
  fn: CheckedResource,
  index: StackIndex,
): Lookup<{ role: CheckedResource; statements: PolicyStatement[] }> {
  const roleValue = fn.get('Role');
  if (roleValue === undefined) {
    return { kind: 'absent' };
  }
  const role = index.resolveReference(roleValue);
  if (!role || role.resourceType !== 'AWS::IAM::Role') {
    return unknownLookup(`the execution role of ${describeFunction(fn)} is not defined in this stack`);
  }
  if (role.unresolvedReason) {
    return unknownLookup(role.unresolvedReason);
  }
  const statements: PolicyStatement[] = [];
  const inline = role.get('Policies');
  if (Values.isUnknown(inline)) {
    return unknownLookup(`the inline policies of role ${role.logicalId} cannot be resolved at synth time`);
  }
  for (const policy of Values.asList(inline) ?? []) {
    const name = Values.get(policy, 'PolicyName');
    statements.push(
      ...statementsOf(Values.get(policy, 'PolicyDocument'), `inline policy '${name}' of role ${role.logicalId}`),
    );
  }
  const attached = new Set<CheckedResource>();
  for (const [type, path] of [
    ['AWS::IAM::Policy', 'Roles'],
    ['AWS::IAM::ManagedPolicy', 'Roles'],
    ['AWS::IAM::RolePolicy', 'RoleName'],
  ]) {
    for (const ref of index.referencesTo(role.logicalId, type)) {
      if (ref.propertyPath === path || ref.propertyPath.startsWith(`${path}.`)) {
        attached.add(ref.source);
      }
    }
  }
  for (const ref of index.referencesFrom(role.logicalId, 'AWS::IAM::ManagedPolicy')) {
    if (ref.propertyPath.startsWith('ManagedPolicyArns')) {
      attached.add(ref.target);
    }
  }
  for (const policy of attached) {
    statements.push(...statementsOf(policy.get('PolicyDocument'), `policy ${policy.logicalId}`));
  }
  statements.push(...knownAwsManagedStatements(role.get('ManagedPolicyArns'), `role ${role.logicalId}`));
  return { kind: 'found', value: { role, statements } };
}

/** The kind of source an event source mapping reads from (`kafka`: Amazon MSK or self-managed Apache Kafka). */
export type EventSourceKind = 'sqs' | 'kinesis' | 'dynamodb' | 'kafka' | 'other';

/** What an event source mapping reads from, and the in-stack resource when there is one. */
export function eventSourceOf(
  esm: CheckedResource,
  index: StackIndex,
): Lookup<{ kind: EventSourceKind; resource?: CheckedResource }> {
  const arn = esm.get('EventSourceArn');
  if (arn === undefined) {
    // Self-managed sources have no EventSourceArn; Apache Kafka is the one whose endpoints are Kafka brokers.
    const brokers = esm.get('SelfManagedEventSource.Endpoints.KafkaBootstrapServers');
    return { kind: 'found', value: { kind: brokers !== undefined ? 'kafka' : 'other' } };
  }
  const target = index.resolveReference(arn);
  if (target) {
    const attribute = Values.referencedLogicalId(arn) !== undefined ? getAttName(arn) : undefined;
    switch (target.resourceType) {
      case 'AWS::SQS::Queue':
        return { kind: 'found', value: { kind: 'sqs', resource: target } };
      case 'AWS::Kinesis::Stream':
      case 'AWS::Kinesis::StreamConsumer':
        return { kind: 'found', value: { kind: 'kinesis', resource: target } };
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
        return attribute === 'StreamArn'
          ? { kind: 'found', value: { kind: 'dynamodb', resource: target } }
          : { kind: 'found', value: { kind: 'other' } };
      case 'AWS::MSK::Cluster':
      case 'AWS::MSK::ServerlessCluster':
        return { kind: 'found', value: { kind: 'kafka', resource: target } };
      default:
        return { kind: 'found', value: { kind: 'other', resource: target } };
    }
  }
  const literal = literalArn(arn);
  if (literal === undefined) {
    return unknownLookup('the event source ARN cannot be resolved at synth time');
  }
  const service = literal.split(':')[2];
  if (service === 'sqs') {
    return { kind: 'found', value: { kind: 'sqs' } };
  }
  if (service === 'kinesis') {
    return { kind: 'found', value: { kind: 'kinesis' } };
  }
  if (service === 'dynamodb' && literal.includes('/stream/')) {
    return { kind: 'found', value: { kind: 'dynamodb' } };
  }
  if (service === 'kafka') {
    return { kind: 'found', value: { kind: 'kafka' } };
  }
  return { kind: 'found', value: { kind: 'other' } };
}

function getAttName(value: any): string | undefined {
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    return typeof getAtt[1] === 'string' ? getAtt[1] : undefined;
  }
  return typeof getAtt === 'string' ? getAtt.split('.').slice(1).join('.') : undefined;
}

/**
 * An ARN that is literal at least up to its service: a plain string, or an `Fn::Join` whose first parts are
 * `arn:` + `{ Ref: AWS::Partition }` + `:sqs:...` (what `Queue.fromQueueArn` with `Stack.formatArn` renders).
 * Undefined when synth cannot tell the service.
 */
function literalArn(value: any): string | undefined {
  if (typeof value === 'string') {
    return Values.isUnknown(value) ? undefined : value;
  }
  const join = Values.isIntrinsic(value) ? value['Fn::Join'] : undefined;
  if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1])) {
    const text = join[1]
      .map((part: any) =>
        typeof part === 'string' ? part : Values.referencedLogicalId(part) === 'AWS::Partition' ? 'aws' : '\u0000',
      )
      .join('');
    const prefix = text.split('\u0000')[0];
    return /^arn:[^:]+:[^:]+:/.test(prefix) ? prefix : undefined;
  }
  return undefined;
}

/** The function an event source mapping invokes. */
export function functionOfMapping(esm: CheckedResource, index: StackIndex): Lookup<CheckedResource> {
  return resolveFunction(esm.get('FunctionName'), index);
}

/**
 * Functions that aws-cdk-lib adds on its own behalf. The app cannot set their tracing, memory, logging or alarms,
 * so configuration rules do not apply to them. Recognised, in this order, by what aws-cdk-lib itself leaves:
 * 1. the handler code: an asset under aws-cdk-lib's own `custom-resource-handlers` directory (CDK apps);
 * 2. the description the custom-resource Provider framework gives its functions
 *    (`AWS CDK resource provider framework - onEvent (...)`);
 * 3. the construct ids aws-cdk-lib gives them, which are also the start of their logical ids in a synthesized
 *    template: a `SingletonFunction` is a child of the stack named after its purpose and uuid (`AWS<uuid>` for
 *    `AwsCustomResource`, which `events-targets.CloudWatchLogGroup` and OpenSearch access policies also use,
 *    `Custom::CDKBucketDeployment<uuid>` for `BucketDeployment`, `LogRetention<uuid>`,
 *    `BucketNotificationsHandler<uuid>`); `CustomResourceProvider` handlers are `Custom::<Name>CustomResourceProvider/Handler`;
 *    the ECS capacity drain hook is `<asg>/DrainECSHook/Function`.
 */
const CDK_FRAMEWORK_FUNCTIONS: { readonly path: RegExp; readonly logicalId: RegExp; readonly name: string }[] = [
  {
    path: /(^|\/)AWS679f53fac002430cb0da5b7982bd2287\/Resource$/,
    logicalId: /^AWS679f53fac002430cb0da5b7982bd2287[0-9A-F]{8}$/,
    name: 'AwsCustomResource singleton',
  },
  {
    path: /(^|\/)Custom::CDKBucketDeployment[0-9A-Fa-f]{32}\/Resource$/,
    logicalId: /^CustomCDKBucketDeployment[0-9A-Fa-f]{32}[0-9A-F]{8}$/,
    name: 'BucketDeployment',
  },
  {
    path: /(^|\/)LogRetention[0-9a-f]{32}\/Resource$/,
    logicalId: /^LogRetention[0-9a-f]{32}[0-9A-F]{8}$/,
    name: 'log retention',
  },
  {
    path: /(^|\/)BucketNotificationsHandler[0-9a-f]{32}\/Resource$/,
    logicalId: /^BucketNotificationsHandler[0-9a-f]{32}[0-9A-F]{8}$/,
    name: 'S3 bucket notifications',
  },
  {
    path: /(^|\/)Custom::[A-Za-z0-9]+CustomResourceProvider\/Handler$/,
    logicalId: /^Custom[A-Za-z0-9]+CustomResourceProviderHandler[0-9A-F]{8}$/,
    name: 'custom resource provider',
  },
  {
    path: /\/DrainECSHook\/Function\/Resource$/,
    logicalId: /DrainECSHookFunction[0-9A-F]{8}$/,
    name: 'ECS capacity drain hook',
  },
];

const PROVIDER_FRAMEWORK_DESCRIPTION = /^AWS CDK resource provider framework - /;

let cdkHandlerDirectory: string | null | undefined;

/** The directory of aws-cdk-lib's bundled handlers, or null when it cannot be found. */
function cdkHandlers(): string | null {
  if (cdkHandlerDirectory === undefined) {
    try {
      cdkHandlerDirectory = nodePath.join(
        nodePath.dirname(require.resolve('aws-cdk-lib/package.json')),
        'custom-resource-handlers',
      );
    } catch {
      cdkHandlerDirectory = null;
    }
  }
  return cdkHandlerDirectory;
}

/** The handler asset of a function's L2 construct, when it is one of aws-cdk-lib's own. */
function cdkHandlerAsset(fn: CheckedResource): string | undefined {
  const dir = cdkHandlers();
  const l2 = fn.cfnResource?.node.scope;
  if (dir === null || l2 === undefined) {
    return undefined;
  }
  for (const child of l2.node.children) {
    const assetPath = (child as any).assetPath;
    if (typeof assetPath === 'string' && nodePath.resolve(assetPath).startsWith(dir + nodePath.sep)) {
      return nodePath.relative(dir, nodePath.resolve(assetPath));
    }
  }
  return undefined;
}

/**
 * What aws-cdk-lib created the function for (e.g. `BucketDeployment`), or undefined for the app's own functions.
 * Reports list the functions the Lambda rules skip for this reason.
 */
export function cdkFrameworkFunction(fn: CheckedResource): string | undefined {
  const named = CDK_FRAMEWORK_FUNCTIONS.find((f) => f.path.test(fn.constructPath) || f.logicalId.test(fn.logicalId));
  if (named) {
    return named.name;
  }
  const description = fn.get('Description');
  if (typeof description === 'string' && PROVIDER_FRAMEWORK_DESCRIPTION.test(description)) {
    return 'custom resource Provider framework';
  }
  const asset = cdkHandlerAsset(fn);
  return asset === undefined ? undefined : `handler ${asset.split(nodePath.sep).slice(1, 3).join('/')}`;
}

/**
 * The result for a function a configuration rule does not evaluate: unknown when its properties could not
 * be resolved, not applicable when aws-cdk-lib created it for itself. Undefined for every other function.
 */
export function skipFunction(fn: CheckedResource): RuleResult | undefined {
  if (fn.unresolvedReason) {
    return RuleResult.unknown(fn.unresolvedReason);
  }
  const framework = cdkFrameworkFunction(fn);
  return framework
    ? RuleResult.notApplicable(`an aws-cdk-lib ${framework} function, whose configuration the app does not set`)
    : undefined;
}

const EDGE_FUNCTION_FQN = 'aws-cdk-lib.aws_cloudfront.experimental.EdgeFunction';
/** The SSM parameter `experimental.EdgeFunction` writes in the edge stack so other regions can read the version ARN. */
const EDGE_FUNCTION_PARAMETER = /^\/cdk\/EdgeFunctionArn\//;

/**
 * Why the function is a Lambda@Edge function, or undefined: a CloudFront distribution of the stack associates it
 * (`LambdaFunctionAssociations`, through a version or by literal name), aws-cdk-lib's `experimental.EdgeFunction`
 * created it (a construct of that class above it, or the `/cdk/EdgeFunctionArn/...` parameter it writes next to the
 * function in the edge stack).
 */
export function edgeFunctionReason(fn: CheckedResource, index: StackIndex): string | undefined {
  for (const qualifier of qualifiersOf(fn, index)) {
    for (const ref of index.referencesTo(qualifier.logicalId, 'AWS::CloudFront::Distribution')) {
      if (ref.propertyPath.includes('.LambdaFunctionAssociations.')) {
        return `distribution ${ref.source.logicalId} associates it with a cache behavior`;
      }
    }
    for (const ref of index.referencesTo(qualifier.logicalId, 'AWS::SSM::Parameter')) {
      const name = ref.source.get('Name');
      if (typeof name === 'string' && EDGE_FUNCTION_PARAMETER.test(name)) {
        return `aws-cdk-lib's experimental.EdgeFunction created it (parameter ${name})`;
      }
    }
  }
  const name = literalFunctionName(fn);
  if (name !== undefined) {
    for (const distribution of index.ofType('AWS::CloudFront::Distribution')) {
      const arns = lambdaAssociationArns(distribution.get('DistributionConfig'));
      if (arns.some((arn) => functionNameOfLiteral(arn) === name)) {
        return `distribution ${distribution.logicalId} associates it with a cache behavior`;
      }
    }
  }
  for (const scope of fn.cfnResource?.node.scopes ?? []) {
    if ((scope.constructor as any)?.[Symbol.for('jsii.rtti')]?.fqn === EDGE_FUNCTION_FQN) {
      return "aws-cdk-lib's experimental.EdgeFunction created it";
    }
  }
  return undefined;
}

/** The literal `LambdaFunctionARN`s of a distribution's default and other cache behaviors. */
function lambdaAssociationArns(config: any): string[] {
  const behaviors = [
    Values.get(config, 'DefaultCacheBehavior'),
    ...(Values.asList(Values.get(config, 'CacheBehaviors')) ?? []),
  ];
  const arns: string[] = [];
  for (const behavior of behaviors) {
    for (const association of Values.asList(Values.get(behavior, 'LambdaFunctionAssociations')) ?? []) {
      const arn = Values.get(association, 'LambdaFunctionARN');
      if (typeof arn === 'string' && !Values.isUnknown(arn)) {
        arns.push(arn);
      }
    }
  }
  return arns;
}
