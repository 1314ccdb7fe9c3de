import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Lambda function URL CORS allows named origins, not every origin. */
export class LambdaUrlCorsRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaUrlCors',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 1',
      severity: Severity.WARNING,
      description:
        "Lambda function URL CORS lists the origins allowed to call it. `*` lets any web page call the function from a visitor's browser.",
      remediation:
        "Set `cors: { allowedOrigins: ['https://app.example.com'] }` in `fn.addFunctionUrl(...)` with the origins of your front end.",
      resourceTypes: ['AWS::Lambda::Url'],
      equivalents: { checkov: ['CKV2_AWS_75'] },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const origins = resource.get('Cors.AllowOrigins');
    if (origins === undefined) {
      return RuleResult.compliant();
    }
    if (Values.isUnknown(origins)) {
      return RuleResult.unknown('Cors.AllowOrigins cannot be resolved at synth time');
    }
    const list = Values.asList(origins) ?? [];
    if (list.includes('*')) {
      return RuleResult.nonCompliant(
        `Function URL ${resource.logicalId} allows CORS requests from any origin ('*'). Set \`cors.allowedOrigins\` to the origins of your front end.`,
      );
    }
    return Values.containsUnknown(list)
      ? RuleResult.unknown('some of Cors.AllowOrigins cannot be resolved at synth time')
      : RuleResult.compliant();
  }
}
