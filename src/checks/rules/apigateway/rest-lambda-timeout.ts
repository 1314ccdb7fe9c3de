import { functionTimeoutSeconds, lambdaTargetOf, literalText } from './lambda-target';
import {
  functionOutlivesIntegration,
  invokesAsynchronously,
  REST_INTEGRATION_TIMEOUT_SECONDS,
} from '../../../service-defaults/apigateway';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** REST API integration timeout, in milliseconds, when `TimeoutInMillis` is not set. */
const REST_DEFAULT_INTEGRATION_TIMEOUT_MS = REST_INTEGRATION_TIMEOUT_SECONDS * 1000;

/** A Lambda function behind a REST API method times out before the integration does. */
export class ApiGwRestLambdaTimeoutRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestLambdaTimeout',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description: `A Lambda function behind a REST API method has a timeout shorter than the integration timeout (${REST_INTEGRATION_TIMEOUT_SECONDS} s unless raised): the integration's clock includes the invoke and any cold start, so an equal timeout is too long. Otherwise the client gets a 504 while the function keeps running, and billing, for work nobody receives. Methods that invoke the function asynchronously (X-Amz-Invocation-Type 'Event', https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integration-async.html) are not applicable.`,
      remediation:
        "Set the function's `timeout` below the integration's `timeout` (e.g. `Duration.seconds(28)` for the 29 s default), or raise `LambdaIntegration`'s `timeout` for a Regional API.",
      resourceTypes: ['AWS::ApiGateway::Method'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const type = resource.get('Integration.Type');
    const uri = resource.get('Integration.Uri');
    if (Values.isUnknown(type) || Values.isUnknown(resource.get('Integration'))) {
      return RuleResult.unknown('the integration is not known at synth time');
    }
    if (type !== 'AWS' && type !== 'AWS_PROXY') {
      return RuleResult.notApplicable('the method has no Lambda integration');
    }
    const text = literalText(uri);
    if (!text.includes(':lambda:path/')) {
      return Values.containsUnknown(uri) && text === ''
        ? RuleResult.unknown('the integration URI is not known at synth time')
        : RuleResult.notApplicable('the method integrates with an AWS service other than Lambda');
    }
    const asynchronous = invokesAsynchronously(resource.get('Integration.RequestParameters'));
    if (asynchronous === undefined) {
      return RuleResult.unknown('the integration request parameters are not known at synth time');
    }
    if (asynchronous) {
      return RuleResult.notApplicable(
        "the integration invokes the function asynchronously (X-Amz-Invocation-Type 'Event'): Lambda answers at once",
      );
    }
    const target = lambdaTargetOf(resource, 'Integration.Uri', context.index);
    if (!target.fn) {
      return RuleResult.unknown(target.unknownReason);
    }
    const configured = resource.get('Integration.TimeoutInMillis');
    const integrationMs = configured === undefined ? REST_DEFAULT_INTEGRATION_TIMEOUT_MS : Values.asNumber(configured);
    const functionSeconds = functionTimeoutSeconds(target.fn);
    if (integrationMs === undefined || functionSeconds === undefined) {
      return RuleResult.unknown('the function or integration timeout is not known at synth time');
    }
    if (functionOutlivesIntegration(functionSeconds, integrationMs)) {
      return RuleResult.nonCompliant(
        `Function ${target.fn.logicalId} times out after ${functionSeconds} s but this method's integration gives up after ${integrationMs / 1000} s, so clients get a 504 while it runs on. Set the function's \`timeout\` below ${integrationMs / 1000} s.`,
      );
    }
    return RuleResult.compliant();
  }
}
