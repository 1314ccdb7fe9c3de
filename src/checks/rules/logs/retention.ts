import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';
import { displayName } from '../sqs/display-name';

/** A CloudWatch Logs log group has a retention period; without one, logs are kept (and billed) forever. */
export class LogsRetentionRule extends Rule {
  constructor() {
    super({
      id: 'WA-LogsRetention',
      pillar: Pillar.COST_OPTIMIZATION,
      lensQuestion: 'COST 1',
      severity: Severity.WARNING,
      description:
        'Every log group has a retention period (RetentionInDays): CloudWatch Logs keeps logs forever by default, ' +
        'and storage grows and is billed without end.',
      remediation:
        'Set `retention` on the `logs.LogGroup` (e.g. `logs.RetentionDays.ONE_MONTH`; it defaults to two years, ' +
        'but `RetentionDays.INFINITE` removes it); `WellArchitectedFunction` gives its log group a retention.',
      resourceTypes: ['AWS::Logs::LogGroup'],
      equivalents: {
        checkov: ['CKV_AWS_66'],
        cdkNag: ['Serverless-CloudWatchLogGroupRetentionPeriod', 'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod'],
      },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const raw = resource.get('RetentionInDays');
    if (Values.isUnknown(raw)) {
      return RuleResult.unknown('RetentionInDays is resolved at deploy time');
    }
    const days = Values.asNumber(raw);
    if (days !== undefined && days > 0) {
      return RuleResult.compliant();
    }
    if (raw !== undefined) {
      return RuleResult.unknown(`RetentionInDays has an unexpected value: ${JSON.stringify(raw)}`);
    }
    return RuleResult.nonCompliant(
      `Log group ${displayName(resource)} keeps its logs forever. Set \`retention\` on the log group, e.g. ` +
        '`logs.RetentionDays.ONE_MONTH`.',
    );
  }
}
