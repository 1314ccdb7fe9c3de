import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';

/** The service principal that performs CloudWatch alarm actions. */
export const CLOUDWATCH_PRINCIPAL = 'cloudwatch.amazonaws.com';

/** The statement id of the grants to CloudWatch, in the topic policies and in the key policy. */
export const ALARM_PUBLISH_SID = 'AllowCloudWatchAlarmsToPublish';

/**
 * The conditions that let CloudWatch act only for the alarms of the stack's own account and region, never as a
 * confused deputy for another account's alarms: `aws:SourceAccount` is the stack's account and `aws:SourceArn`
 * matches `arn:<partition>:cloudwatch:<region>:<account>:alarm:*` (metric and composite alarms alike).
 *
 * - https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger (CloudWatch needs `sns:Publish`
 *   in the topic policy; `aws:SourceArn` with ArnLike scopes it to alarms)
 * - https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html (SNS access policy cases; the
 *   source conditions prevent the cross-service confused deputy problem)
 * - https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
export function alarmSourceConditions(scope: IConstruct): Record<string, Record<string, string>> {
  const stack = Stack.of(scope);
  return {
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: {
      'aws:SourceArn': stack.formatArn({
        service: 'cloudwatch',
        resource: 'alarm',
        resourceName: '*',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    },
  };
}

/**
 * Let the stack's CloudWatch alarms publish to `topic`. An `AWS::SNS::TopicPolicy` replaces the topic's default
 * policy, so without this statement every alarm action fails with "not authorized to perform SNS:Publish" and
 * only the alarm history shows it (https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger).
 */
export function allowAlarmsToPublish(topic: sns.Topic): void {
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: ALARM_PUBLISH_SID,
      principals: [new iam.ServicePrincipal(CLOUDWATCH_PRINCIPAL)],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: alarmSourceConditions(topic),
    }),
  );
}

/**
 * Let the stack's CloudWatch alarms use `key` to publish to the topics it encrypts: CloudWatch needs
 * `kms:GenerateDataKey*` and `kms:Decrypt` on the key of an encrypted topic, and an AWS managed key cannot grant
 * them (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services). The
 * same source conditions as the topic policy keep it to this account's alarms.
 */
export function allowAlarmsToUseKey(key: kms.Key): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: ALARM_PUBLISH_SID,
      principals: [new iam.ServicePrincipal(CLOUDWATCH_PRINCIPAL)],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: alarmSourceConditions(key),
    }),
  );
}
