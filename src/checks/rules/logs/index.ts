import { LogsEncryptedRule } from './encrypted';
import { LogsKmsKeyAccessRule } from './kms-key-access';
import { LogsMetricFilterAlarmRule } from './metric-filter-alarm';
import { LogsRetentionRule } from './retention';
import { Rule } from '../../engine/rule';

/** The CloudWatch Logs rules, one a file in this folder. */
export function logsRules(): Rule[] {
  return [
    new LogsRetentionRule(),
    new LogsEncryptedRule(),
    new LogsKmsKeyAccessRule(),
    new LogsMetricFilterAlarmRule(),
  ];
}
