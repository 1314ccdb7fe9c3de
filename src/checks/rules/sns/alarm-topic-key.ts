import { keyGrantsService, referrersAt } from './topic-relations';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { displayName } from '../sqs/display-name';

const ALARM_TYPES = ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'];
const ACTION_PATHS = /^(AlarmActions|OKActions|InsufficientDataActions)\./;

/**
 * An encrypted topic that CloudWatch alarms notify uses a customer managed key whose policy lets
 * `cloudwatch.amazonaws.com` call `kms:Decrypt` and `kms:GenerateDataKey*`. With the AWS managed
 * `alias/aws/sns` key, or without the grant, CloudWatch cannot publish and alarm notifications are lost
 * without any error.
 */
export class SnsAlarmTopicKeyRule extends Rule {
  constructor() {
    super({
      id: 'WA-SnsAlarmTopicKey',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.ERROR,
      description:
        'An encrypted topic that CloudWatch alarms notify uses a customer managed key that lets ' +
        'cloudwatch.amazonaws.com call kms:Decrypt and kms:GenerateDataKey*. With the AWS managed alias/aws/sns key, ' +
        'or without that grant, alarm notifications are silently dropped.',
      remediation:
        'Encrypt the alarm topic with a `kms.Key` and call `key.grant(new iam.ServicePrincipal(' +
        "'cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*')`; `WellArchitectedMonitoring` creates " +
        'such a topic.',
      resourceTypes: ['AWS::SNS::Topic'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const alarms = ALARM_TYPES.flatMap((type) => referrersAt(context.index, resource, type, ACTION_PATHS));
    if (alarms.length === 0) {
      return RuleResult.notApplicable('no alarm of this stack notifies the topic');
    }
    return keyGrantsService(
      'Topic',
      resource,
      'KmsMasterKeyId',
      context.index,
      'cloudwatch.amazonaws.com',
      `Alarm ${displayName(alarms[0])} notifies it: use a customer managed key and grant cloudwatch.amazonaws.com ` +
        "`key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*')`.",
    );
  }
}
