import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * The service principals (without the `.amazonaws.com` suffix) of AWS services that invoke Lambda functions
 * asynchronously (InvocationType Event) once they are given a resource-based permission: the function's
 * errors never reach them, so failed events are lost unless the function has an on-failure destination.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
 */
const ASYNC_INVOKER_SERVICES = new Set([
  's3',
  'sns',
  'events', // EventBridge rules
  'logs', // CloudWatch Logs subscription filters
  'ses',
  'iot',
  'iotevents',
  'config', // AWS Config custom rules
  'codecommit',
  'lambda.alarms.cloudwatch', // CloudWatch alarm actions that invoke a function
]);

/** `logs.eu-west-1.amazonaws.com` -> `logs`; `s3.amazonaws.com.cn` -> `s3`. */
function serviceOf(principalName: string): string {
  const labels = principalName.replace(/\.amazonaws\.com(\.cn)?$/, '').split('.');
  if (labels.length > 1 && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(labels[labels.length - 1])) {
    labels.pop();
  }
  return labels.join('.');
}

/**
 * The asynchronous AWS services among the service principals of `principal`, e.g. `['s3']` for
 * `new iam.ServicePrincipal('s3.amazonaws.com')`. Service names hidden in unresolvable tokens are not found.
 */
export function asynchronousInvokers(scope: IConstruct, principal: iam.IPrincipal): string[] {
  const services = Stack.of(scope).resolve(principal.policyFragment.principalJson.Service);
  const names: unknown[] = Array.isArray(services) ? services : [services];
  return names
    .filter((name): name is string => typeof name === 'string')
    .map(serviceOf)
    .filter((service) => ASYNC_INVOKER_SERVICES.has(service));
}
