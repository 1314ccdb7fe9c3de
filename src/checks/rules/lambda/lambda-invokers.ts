// Who invokes a function, as far as the stack tells: permissions, subscriptions, rules, schedules, notifications.
import { permissionsOf, principalLabel, resourcesPointingAt, servicePrincipalName } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';
import { literalWithPseudoParameters } from '../iam/pseudo-literal';

/**
 * Services that invoke Lambda asynchronously (the event is queued, retried twice and then dropped unless the
 * function has an on-failure destination or a DLQ). API Gateway, ALB, Cognito, function URLs and event source
 * mappings (SQS, Kinesis, DynamoDB) invoke synchronously and are not listed.
 */
const ASYNC_SERVICES = new Set([
  's3',
  'sns',
  'events',
  'iot',
  'logs',
  'ses',
  'codecommit',
  'config',
  'lambda.alarms.cloudwatch',
]);

/** Resource types that invoke a function asynchronously, and where they name it. */
const ASYNC_SOURCES: {
  readonly type: string;
  readonly path: RegExp;
  readonly label: string;
  readonly literal: (r: CheckedResource) => any[];
}[] = [
  {
    type: 'AWS::SNS::Subscription',
    path: /^Endpoint/,
    label: 'SNS subscription',
    literal: (r) => (r.get('Protocol') === 'lambda' ? [r.get('Endpoint')] : []),
  },
  {
    type: 'AWS::Events::Rule',
    path: /^Targets\.\d+\.Arn/,
    label: 'EventBridge rule',
    literal: (r) => (Values.asList(r.get('Targets')) ?? []).map((t) => Values.get(t, 'Arn')),
  },
  {
    type: 'AWS::Scheduler::Schedule',
    path: /^Target\.Arn/,
    label: 'EventBridge Scheduler schedule',
    literal: (r) => [r.get('Target.Arn')],
  },
  {
    type: 'AWS::S3::Bucket',
    path: /^NotificationConfiguration\.LambdaConfigurations\.\d+\.Function/,
    label: 'S3 bucket notification',
    literal: (r) =>
      (Values.asList(r.get('NotificationConfiguration.LambdaConfigurations')) ?? []).map((c) =>
        Values.get(c, 'Function'),
      ),
  },
  {
    type: 'Custom::S3BucketNotifications',
    path: /^NotificationConfiguration\.LambdaFunctionConfigurations\.\d+\.LambdaFunctionArn/,
    label: 'S3 bucket notification',
    literal: () => [],
  },
  {
    type: 'AWS::Logs::SubscriptionFilter',
    path: /^DestinationArn/,
    label: 'CloudWatch Logs subscription filter',
    literal: (r) => [r.get('DestinationArn')],
  },
];

/** What the stack says about asynchronous invokers of a function. */
export interface AsyncInvokers {
  /** e.g. `s3.amazonaws.com (permission P1)`, `SNS subscription Sub1`. */
  readonly sources: string[];
  /** True when a permission's principal cannot be resolved, so an async invoker may be hidden. */
  readonly unknown: boolean;
}

export function asyncInvokersOf(fn: CheckedResource, index: StackIndex): AsyncInvokers {
  const sources: string[] = [];
  let unknown = false;
  for (const permission of permissionsOf(fn, index)) {
    const principal = literalWithPseudoParameters(permission.get('Principal'));
    if (principal === undefined) {
      unknown = true;
      continue;
    }
    const service = servicePrincipalName(principal);
    if (service !== undefined && ASYNC_SERVICES.has(service)) {
      sources.push(`${principal} (permission ${permission.logicalId})`);
    }
  }
  for (const source of ASYNC_SOURCES) {
    for (const resource of resourcesPointingAt(fn, index, source.type, (p) => source.path.test(p), source.literal)) {
      if (source.type === 'AWS::SNS::Subscription' && resource.get('Protocol') !== 'lambda') {
        continue;
      }
      sources.push(`${source.label} ${resource.logicalId}`);
    }
  }
  return { sources, unknown };
}

/** The distinct invokers of a function named by its permissions: services by name, accounts and `*` as given. */
export function invokingPrincipals(fn: CheckedResource, index: StackIndex): { principals: string[]; unknown: boolean } {
  const principals = new Set<string>();
  let unknown = false;
  for (const permission of permissionsOf(fn, index)) {
    const principal = permission.get('Principal');
    if (
      permission.get('FunctionUrlAuthType') !== undefined ||
      Values.asBoolean(permission.get('InvokedViaFunctionUrl'))
    ) {
      principals.add('function URL');
      continue;
    }
    const label = principalLabel(principal);
    if (label === undefined) {
      unknown = true;
    } else {
      principals.add(label);
    }
  }
  return { principals: [...principals].sort(), unknown };
}
