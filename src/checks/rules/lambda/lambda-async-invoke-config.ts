import { EVENT_INVOKE_CONFIG } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Asynchronous invocation configurations state their retry attempts and maximum event age. */
export class LambdaAsyncInvokeConfigRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaAsyncInvokeConfig',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.INFO,
      description:
        'Asynchronous invocation configurations set MaximumRetryAttempts (0-2, default 2) and MaximumEventAgeInSeconds (60 s - 6 h, default 6 h) explicitly: whether a retry is safe (idempotency) and how stale an event may be are decisions about the function, not defaults.',
      remediation:
        'Set `retryAttempts` and `maxEventAge` on the Function (or in `fn.configureAsyncInvoke({ retryAttempts, maxEventAge })`); on a CfnEventInvokeConfig set `maximumRetryAttempts` and `maximumEventAgeInSeconds`.',
      resourceTypes: [EVENT_INVOKE_CONFIG],
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const missing = ['MaximumRetryAttempts', 'MaximumEventAgeInSeconds'].filter((p) => resource.get(p) === undefined);
    if (missing.length > 0) {
      return RuleResult.nonCompliant(
        `Event invoke config ${resource.logicalId} leaves ${missing.join(' and ')} at the default (2 retries, 6 hours). Set \`retryAttempts\` and \`maxEventAge\` explicitly.`,
      );
    }
    const unknown = ['MaximumRetryAttempts', 'MaximumEventAgeInSeconds'].some((p) => Values.isUnknown(resource.get(p)));
    return unknown ? RuleResult.unknown('a retry setting is a token') : RuleResult.compliant();
  }
}
