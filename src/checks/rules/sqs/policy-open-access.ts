import { displayName } from './display-name';
import { openAccessResult } from './policy-document';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** A queue policy does not allow everyone (`Principal: "*"`) without a condition. */
export class SqsPolicyOpenAccessRule extends Rule {
  constructor() {
    super({
      id: 'WA-SqsPolicyOpenAccess',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 2',
      severity: Severity.ERROR,
      description:
        'A queue policy does not allow any principal (`*`) without a condition: that lets any AWS account, ' +
        'authenticated or not, send, read or delete messages.',
      remediation:
        'Grant a specific principal (`queue.grantSendMessages(grantee)`), or add a condition such as ' +
        '`aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID` to the statement.',
      resourceTypes: ['AWS::SQS::QueuePolicy'],
      equivalents: { checkov: ['CKV_AWS_168'] },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    return openAccessResult(
      resource,
      (sid) =>
        `Queue policy ${displayName(resource)} allows any principal (*) without a condition${sid}. Grant a specific ` +
        'principal with `queue.grantSendMessages(...)`, or add an aws:SourceArn / aws:SourceAccount condition.',
    );
  }
}
