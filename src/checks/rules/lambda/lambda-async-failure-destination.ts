import { asyncInvokersOf } from './lambda-invokers';
import { FUNCTION, describeFunction, eventInvokeConfigsOf, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * Functions invoked asynchronously keep the events that fail every retry: an on-failure destination or a dead-letter
 * queue. A function is invoked asynchronously when a resource of the stack does so (S3, SNS, EventBridge, IoT,
 * CloudWatch Logs...) or when it has an event invoke config, which configures nothing else
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configure.html).
 */
export class LambdaAsyncFailureDestinationRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaAsyncFailureDestination',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'Lambda functions invoked asynchronously (by S3, SNS, EventBridge, IoT, CloudWatch Logs...) have an on-failure destination or a dead-letter queue: after two retries Lambda otherwise drops the event. A function with an event invoke config counts as invoked asynchronously, wherever its invoker is. Functions invoked only synchronously (API Gateway, function URLs) or by event source mappings (SQS, streams) are not concerned.',
      remediation:
        'Set `onFailure: new destinations.SqsDestination(queue)` (or `deadLetterQueue`) on the Function, or call `fn.configureAsyncInvoke({ onFailure })` (or use `WellArchitectedFunction`).',
      resourceTypes: [FUNCTION],
      equivalents: {
        serverlessRules: ['ES1007', 'aws_lambda_event_invoke_config_async_on_failure'],
        cdkNag: ['Serverless-LambdaAsyncFailureDestination', 'Serverless-LambdaDLQ'],
        checkov: ['CKV_AWS_116'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const { sources, unknown } = asyncInvokersOf(resource, context.index);
    const configs = eventInvokeConfigsOf(resource, context.index);
    // An event invoke config only configures asynchronous invocation: its presence says the function is invoked
    // asynchronously, by an invoker that may be in another stack or outside the app.
    const invokers =
      sources.length > 0
        ? sources
        : configs.map((c) => `an invoker outside the stack (event invoke config ${c.logicalId})`);
    if (invokers.length === 0) {
      return unknown
        ? RuleResult.unknown('a permission of the function has a principal that cannot be resolved at synth time')
        : RuleResult.notApplicable('no resource of the stack invokes the function asynchronously');
    }
    if (resource.get('DeadLetterConfig.TargetArn') !== undefined) {
      return RuleResult.compliant();
    }
    if (configs.some((c) => c.get('DestinationConfig.OnFailure.Destination') !== undefined)) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Function ${describeFunction(resource)} is invoked asynchronously by ${invokers.join(', ')} but has no on-failure destination or dead-letter queue, so events that fail every retry are lost. Set \`onFailure\` (or \`deadLetterQueue\`) on the Function.`,
    );
  }
}
