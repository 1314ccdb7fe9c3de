import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { displayName } from '../sqs/display-name';
import { hasUnknownStatement, openStatements } from '../sqs/policy-document';

/** A topic policy does not allow everyone (`Principal: "*"`) without a condition. */
export class SnsPolicyOpenAccessRule extends Rule {
  constructor() {
    super({
      id: 'WA-SnsPolicyOpenAccess',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.ERROR,
      description:
        'A topic policy does not allow any principal (`*`) without a condition: that lets anyone publish to, ' +
        'subscribe to or reconfigure the topic.',
      remediation:
        'Grant a specific principal (`topic.grantPublish(grantee)`), or add a condition such as `aws:SourceArn`, ' +
        '`aws:SourceAccount` or `aws:PrincipalOrgID` to the statement.',
      resourceTypes: ['AWS::SNS::TopicPolicy'],
      equivalents: { checkov: ['CKV_AWS_169'] },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const document = resource.get('PolicyDocument');
    const open = openStatements(document);
    if (open === undefined) {
      return RuleResult.unknown('the policy document is resolved at deploy time');
    }
    if (open.length > 0) {
      const sid = open[0].Sid ? ` (statement '${open[0].Sid}')` : '';
      return RuleResult.nonCompliant(
        `Topic policy ${displayName(resource)} allows any principal (*) without a condition${sid}. Grant a specific ` +
          'principal with `topic.grantPublish(...)`, or add an aws:SourceArn / aws:SourceAccount condition.',
      );
    }
    if (hasUnknownStatement(document)) {
      return RuleResult.unknown('a statement of the policy is resolved at deploy time');
    }
    return RuleResult.compliant();
  }
}
