import { SqsAgeOfOldestMessageAlarmRule } from './age-alarm';
import { SqsDeadLetterAlarmRule } from './dead-letter-alarm';
import { SqsDeadLetterQueueTypeRule } from './dead-letter-queue-type';
import { SqsDeadLetterRetentionRule } from './dead-letter-retention';
import { SqsEncryptedAtRestRule } from './encrypted-at-rest';
import { SqsMaxReceiveCountRule } from './max-receive-count';
import { SqsPolicyOpenAccessRule } from './policy-open-access';
import { SqsRedrivePolicyRule } from './redrive-policy';
import { SqsTlsOnlyRule } from './tls-only';
import { SqsUnusedQueueRule } from './unused-queue';
import { Rule } from '../../engine/rule';

/** The SQS rules, one a file in this folder. */
export function sqsRules(): Rule[] {
  return [
    new SqsEncryptedAtRestRule(),
    new SqsTlsOnlyRule(),
    new SqsPolicyOpenAccessRule(),
    new SqsRedrivePolicyRule(),
    new SqsMaxReceiveCountRule(),
    new SqsDeadLetterRetentionRule(),
    new SqsDeadLetterQueueTypeRule(),
    new SqsDeadLetterAlarmRule(),
    new SqsAgeOfOldestMessageAlarmRule(),
    new SqsUnusedQueueRule(),
  ];
}
