import { apiProtocolOf } from './http-api';
import { functionTimeoutSeconds, lambdaTargetOf } from './lambda-target';
import {
  functionOutlivesIntegration,
  HTTP_INTEGRATION_TIMEOUT_SECONDS,
  WEBSOCKET_INTEGRATION_TIMEOUT_SECONDS,
} from '../../../service-defaults/apigateway';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Default integration timeouts, in milliseconds, when `TimeoutInMillis` is not set. */
const DEFAULT_TIMEOUT_MS: Record<string, number> = {
  HTTP: HTTP_INTEGRATION_TIMEOUT_SECONDS * 1000,
  WEBSOCKET: WEBSOCKET_INTEGRATION_TIMEOUT_SECONDS * 1000,
};

/** A Lambda function behind an HTTP or WebSocket API integration times out before the integration does. */
export class ApiGwHttpLambdaTimeoutRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwHttpLambdaTimeout',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'A Lambda function behind an HTTP API (30 s integration timeout) or WebSocket API (29 s) integration has a shorter timeout. Otherwise the client gets a 503/504 while the function keeps running, and billing.',
      remediation:
        "Set the function's `timeout` below the integration timeout (e.g. `Duration.seconds(29)` for an HTTP API), or lower the integration's `timeout` accordingly.",
      resourceTypes: ['AWS::ApiGatewayV2::Integration'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const type = resource.get('IntegrationType');
    const subtype = resource.get('IntegrationSubtype');
    if (Values.isUnknown(type) || Values.isUnknown(subtype)) {
      return RuleResult.unknown('the integration type is not known at synth time');
    }
    if ((type !== 'AWS_PROXY' && type !== 'AWS') || subtype !== undefined) {
      return RuleResult.notApplicable('the integration does not invoke a Lambda function');
    }
    const uri = resource.get('IntegrationUri');
    if (typeof uri === 'string' && !Values.isUnknown(uri) && !uri.includes(':lambda:')) {
      return RuleResult.notApplicable('the integration does not invoke a Lambda function');
    }
    const target = lambdaTargetOf(resource, 'IntegrationUri', context.index);
    if (!target.fn) {
      return RuleResult.unknown(target.unknownReason);
    }
    const functionSeconds = functionTimeoutSeconds(target.fn);
    const configured = resource.get('TimeoutInMillis');
    let integrationMs: number | undefined;
    if (configured !== undefined) {
      integrationMs = Values.asNumber(configured);
    } else {
      const protocol = apiProtocolOf(resource, context.index);
      // Without the API, use the shorter (WebSocket) default; a finding then holds for either protocol.
      integrationMs = protocol === undefined ? undefined : DEFAULT_TIMEOUT_MS[protocol];
      if (
        protocol === undefined &&
        functionSeconds !== undefined &&
        functionSeconds * 1000 < DEFAULT_TIMEOUT_MS.WEBSOCKET
      ) {
        return RuleResult.compliant();
      }
    }
    if (integrationMs === undefined || functionSeconds === undefined) {
      return RuleResult.unknown('the function or integration timeout is not known at synth time');
    }
    if (functionOutlivesIntegration(functionSeconds, integrationMs)) {
      return RuleResult.nonCompliant(
        `Function ${target.fn.logicalId} times out after ${functionSeconds} s but this integration gives up after ${integrationMs / 1000} s, so clients get an error while it runs on. Set the function's \`timeout\` below ${integrationMs / 1000} s.`,
      );
    }
    return RuleResult.compliant();
  }
}
