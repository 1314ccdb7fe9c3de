import { SnsAlarmTopicKeyRule } from './alarm-topic-key';
import { SnsAlarmTopicPolicyRule } from './alarm-topic-policy';
import { SnsEncryptedRule } from './encrypted';
import { SnsPolicyOpenAccessRule } from './policy-open-access';
import { SnsServicePublisherKeyRule } from './service-publisher-key';
import { SnsSubscriptionQueueKeyRule } from './subscription-queue-key';
import { SnsSubscriptionQueuePolicyRule } from './subscription-queue-policy';
import { SnsSubscriptionRedrivePolicyRule } from './subscription-redrive-policy';
import { SnsTlsOnlyRule } from './tls-only';
import { Rule } from '../../engine/rule';

/** The SNS rules, one a file in this folder. */
export function snsRules(): Rule[] {
  return [
    new SnsEncryptedRule(),
    new SnsTlsOnlyRule(),
    new SnsPolicyOpenAccessRule(),
    new SnsAlarmTopicKeyRule(),
    new SnsAlarmTopicPolicyRule(),
    new SnsServicePublisherKeyRule(),
    new SnsSubscriptionRedrivePolicyRule(),
    new SnsSubscriptionQueuePolicyRule(),
    new SnsSubscriptionQueueKeyRule(),
  ];
}
