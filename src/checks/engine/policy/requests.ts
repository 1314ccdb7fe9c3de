import { ABSENT, ContextValue, PolicyRequest, RequestContext } from './evaluator';
import { arnSymbol, Piece, ResourceLookup, SymbolicString, toSymbolic } from './symbolic';
import { CheckedResource } from '../resource';

/*
 * The requests services really send on the delivery paths, as the evaluator sees them: the principal, the action,
 * the resource's ARN and the condition keys in the request context. A key that is not listed here is not modelled,
 * and any condition on it makes the answer unknown.
 */

const PARTITION: Piece = { symbol: 'AWS::Partition' };
const REGION: Piece = { symbol: 'AWS::Region' };
const ACCOUNT: Piece = { symbol: 'AWS::AccountId' };

/** The owner account, `${AWS::AccountId}`. */
export const THIS_ACCOUNT: SymbolicString = [ACCOUNT];

/** How each type's ARN is built from its name property (CloudFormation's documented `Arn` return values). */
const ARN_SHAPES: Record<string, { service: string; prefix: string; nameProperty: string; global?: boolean }> = {
  'AWS::CloudWatch::Alarm': { service: 'cloudwatch', prefix: 'alarm:', nameProperty: 'AlarmName' },
  'AWS::CloudWatch::CompositeAlarm': { service: 'cloudwatch', prefix: 'alarm:', nameProperty: 'AlarmName' },
  'AWS::SNS::Topic': { service: 'sns', prefix: '', nameProperty: 'TopicName' },
  'AWS::SQS::Queue': { service: 'sqs', prefix: '', nameProperty: 'QueueName' },
  'AWS::Lambda::Function': { service: 'lambda', prefix: 'function:', nameProperty: 'FunctionName' },
  'AWS::S3::Bucket': { service: 's3', prefix: '', nameProperty: 'BucketName', global: true },
  // A rule of the default bus; a rule of another bus has `rule/<bus>/<name>` and is left to its `Arn` symbol.
  'AWS::Events::Rule': { service: 'events', prefix: 'rule/', nameProperty: 'Name' },
};

/**
 * The ARN of a resource of the template, in its equivalent symbolic forms: `${X.Arn}` and, for the types above,
 * `arn:${AWS::Partition}:<service>:${AWS::Region}:${AWS::AccountId}:<prefix><name>` with the literal name when the
 * template sets one, so that a policy's `ArnLike` pattern over names can be decided.
 */
export function arnForms(resource: CheckedResource, lookup: ResourceLookup): SymbolicString[] {
  const forms: SymbolicString[] = [[arnSymbol(resource.logicalId)]];
  const shape = ARN_SHAPES[resource.resourceType];
  const bus = resource.resourceType === 'AWS::Events::Rule' ? resource.get('EventBusName') : undefined;
  if (shape === undefined || (bus !== undefined && bus !== 'default')) {
    return forms;
  }
  const nameValue = resource.get(shape.nameProperty);
  const name: SymbolicString = (nameValue === undefined ? undefined : toSymbolic(nameValue, lookup)) ?? [
    { symbol: `name:${resource.logicalId}` },
  ];
  const location: Piece[] = shape.global ? ['::'] : [':', REGION, ':', ACCOUNT, ':'];
  forms.push(['arn:', PARTITION, `:${shape.service}`, ...location, shape.prefix, ...name]);
  return forms;
}

function single(value: SymbolicString | SymbolicString[]): ContextValue {
  const forms =
    typeof value[0] === 'object' && Array.isArray(value[0]) ? (value as SymbolicString[]) : [value as SymbolicString];
  return { values: [forms] };
}

/** The condition keys every request from a service principal on these paths carries: it is made over TLS. */
function serviceContext(extra: Record<string, ContextValue | typeof ABSENT>): RequestContext {
  return { 'aws:securetransport': single(['true']), ...extra };
}

/**
 * A CloudWatch alarm publishing to its action topic. CloudWatch sends `aws:SourceArn` (the alarm) and
 * `aws:SourceAccount`, the keys AWS's knowledge-center article scopes the grant with:
 * https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger
 */
export function alarmPublishRequest(
  alarm: CheckedResource,
  topic: CheckedResource,
  lookup: ResourceLookup,
): PolicyRequest {
  return {
    principal: { service: 'cloudwatch.amazonaws.com' },
    action: 'sns:Publish',
    resource: arnForms(topic, lookup),
    context: serviceContext({
      'aws:sourcearn': single(arnForms(alarm, lookup)),
      'aws:sourceaccount': single(THIS_ACCOUNT),
    }),
  };
}

/**
 * The key calls an alarm's publish to an encrypted topic needs: CloudWatch itself must be allowed `kms:Decrypt` and
 * `kms:GenerateDataKey*` on the topic's key
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services). Which source
 * keys reach KMS on this call is not documented: conditions on them answer unknown.
 */
export function alarmKeyRequests(key: CheckedResource, lookup: ResourceLookup): PolicyRequest[] {
  return ['kms:Decrypt', 'kms:GenerateDataKey'].map((action) => ({
    principal: { service: 'cloudwatch.amazonaws.com' },
    action,
    resource: arnForms(key, lookup),
    context: serviceContext({}),
  }));
}

/**
 * A service principal's call on a resource of the template, with the keys every such call carries (TLS) and any the
 * caller documents for the path. Keys not given are not modelled: conditions on them answer unknown.
 */
export function serviceRequest(
  service: string,
  action: string,
  resource: CheckedResource,
  lookup: ResourceLookup,
  context: Record<string, ContextValue | typeof ABSENT> = {},
  regionalService = false,
  region?: string,
): PolicyRequest {
  return {
    principal: { service, regionalService, region },
    action,
    resource: arnForms(resource, lookup),
    context: serviceContext(context),
  };
}

/** The key calls a service makes to write encrypted messages: `kms:GenerateDataKey` and `kms:Decrypt`. */
export const WRITE_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * A log group's ARN as CloudWatch Logs puts it in the `kms:EncryptionContext:aws:logs:arn` key
 * (`arn:<partition>:logs:<region>:<account>:log-group:<name>`, without the `:*` that the `Arn` attribute ends with):
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function logGroupContextArn(logGroup: CheckedResource, lookup: ResourceLookup): SymbolicString {
  const nameValue = logGroup.get('LogGroupName');
  const name: SymbolicString = (nameValue === undefined ? undefined : toSymbolic(nameValue, lookup)) ?? [
    { symbol: `name:${logGroup.logicalId}` },
  ];
  return ['arn:', PARTITION, ':logs:', REGION, ':', ACCOUNT, ':log-group:', ...name];
}

/**
 * The key calls CloudWatch Logs makes for an encrypted log group: the regional service principal, with the log
 * group's ARN as the encryption context (same page as above).
 */
export function logsKeyRequests(
  logGroup: CheckedResource,
  key: CheckedResource,
  lookup: ResourceLookup,
  region?: string,
): PolicyRequest[] {
  const context = { 'kms:encryptioncontext:aws:logs:arn': single(logGroupContextArn(logGroup, lookup)) };
  return ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'].map((action) =>
    serviceRequest('logs.amazonaws.com', action, key, lookup, context, true, region),
  );
}

/**
 * EventBridge sending a failed event to a target's dead-letter queue, with the rule as `aws:SourceArn`, the key the
 * EventBridge documentation scopes the queue policy with:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 */
export function eventsDlqRequest(rule: CheckedResource, queue: CheckedResource, lookup: ResourceLookup): PolicyRequest {
  return serviceRequest('events.amazonaws.com', 'sqs:SendMessage', queue, lookup, {
    'aws:sourcearn': single(arnForms(rule, lookup)),
  });
}
