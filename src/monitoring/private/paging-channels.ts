import { createHash } from 'crypto';
import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEAD_LETTER_QUEUE_RETENTION_SECONDS } from '../../service-defaults/sqs';
import { SlackChannelProps, TeamsChannelProps } from '../channel-props';

const SLACK_WORKSPACE_ID = /^[TE][A-Z0-9]{6,}$/;
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** The pattern CloudFormation checks, narrowed to the `19%3a...%40thread...` shape Teams channel IDs have. */
const TEAMS_CHANNEL_ID = /^19%3[aA][A-Za-z0-9\-_=+/.,]+%40thread\.[A-Za-z0-9.]+$/;
const CONFIGURATION_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** What AWS Chatbot needs to show CloudWatch alarm notifications: read alarms and the metrics behind them. */
const CHANNEL_ROLE_ACTIONS = [
  'cloudwatch:DescribeAlarms',
  'cloudwatch:DescribeAlarmHistory',
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricWidgetImage',
];

/** The AWS managed policy that caps what anyone can do through the chat channel: read CloudWatch, nothing else. */
export const CHANNEL_GUARDRAIL_POLICY = 'CloudWatchReadOnlyAccess';

/** The problems with the paging channel props, each naming the prop, the value and the fix. */
export function pagingChannelProblems(
  slackChannels: SlackChannelProps[],
  teamsChannels: TeamsChannelProps[],
  webhookUrls: string[],
): string[] {
  const problems: string[] = [];
  const check = (prop: string, value: string, pattern: RegExp, fix: string) => {
    if (!Token.isUnresolved(value) && !pattern.test(value)) {
      problems.push(`${prop}: '${value}' ${fix}`);
    }
  };
  slackChannels.forEach((channel, i) => {
    check(
      `slackChannels[${i}].slackWorkspaceId`,
      channel.slackWorkspaceId,
      SLACK_WORKSPACE_ID,
      "is not a Slack workspace ID; copy it (such as 'T0123ABCD') from the AWS Chatbot console after authorizing the workspace there.",
    );
    check(
      `slackChannels[${i}].slackChannelId`,
      channel.slackChannelId,
      SLACK_CHANNEL_ID,
      "is not a Slack channel ID; give the ID (such as 'C0123ABCD') from the end of the channel's link in Slack, not its name.",
    );
    if (channel.configurationName !== undefined) {
      check(
        `slackChannels[${i}].configurationName`,
        channel.configurationName,
        CONFIGURATION_NAME,
        "is not a valid configuration name; use up to 128 letters, digits, '-' and '_'.",
      );
    }
  });
  teamsChannels.forEach((channel, i) => {
    check(
      `teamsChannels[${i}].tenantId`,
      channel.tenantId,
      GUID,
      'is not a Microsoft Teams tenant ID; copy the GUID from the AWS Chatbot console after authorizing the team there.',
    );
    check(
      `teamsChannels[${i}].teamId`,
      channel.teamId,
      GUID,
      'is not a Microsoft Teams team ID; copy the GUID from the AWS Chatbot console after authorizing the team there.',
    );
    check(
      `teamsChannels[${i}].teamsChannelId`,
      channel.teamsChannelId,
      TEAMS_CHANNEL_ID,
      "is not a URL-encoded Teams channel ID; give the part of the channel link after '/channel/', such as '19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2' (':' as %3a, '@' as %40).",
    );
    if (channel.configurationName !== undefined) {
      check(
        `teamsChannels[${i}].configurationName`,
        channel.configurationName,
        CONFIGURATION_NAME,
        "is not a valid configuration name; use up to 128 letters, digits, '-' and '_'.",
      );
    }
  });
  webhookUrls.forEach((url, i) => {
    if (Token.isUnresolved(url)) {
      return;
    }
    let protocol: string | undefined;
    try {
      protocol = new URL(url).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'https:') {
      problems.push(
        `webhookUrls[${i}]: '${url}' is not an https:// URL; SNS would send alarm notifications ${protocol === 'http:' ? 'unencrypted' : 'nowhere'}. Give the HTTPS endpoint of your on-call tool.`,
      );
    }
  });
  return problems;
}

/**
 * Deliver `topic` to the chat channels through AWS Chatbot. All channels share one role that can read CloudWatch
 * alarms and metrics (what Chatbot needs to render an alarm notification) and one guardrail, the AWS managed
 * `CloudWatchReadOnlyAccess` policy, which caps what any channel member can do from chat.
 */
export function addChatChannels(
  scope: Construct,
  topic: sns.ITopic,
  serviceName: string,
  slackChannels: SlackChannelProps[],
  teamsChannels: TeamsChannelProps[],
): void {
  if (slackChannels.length === 0 && teamsChannels.length === 0) {
    return;
  }
  const role = new iam.Role(scope, 'ChatChannelRole', {
    assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
    description: `AWS Chatbot reads the alarms of ${serviceName} to show their notifications in chat`,
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'ReadAlarmsAndMetrics', actions: CHANNEL_ROLE_ACTIONS, resources: ['*'] }),
  );
  const reason =
    'AWS Chatbot reads the alarm and its metrics to render a notification. The alarms are any that notify the ' +
    "service's topic, the user's own included, so they are only known at run time; cloudwatch:GetMetricData and " +
    'cloudwatch:GetMetricWidgetImage read metrics, which are not resources (GetMetricData only optionally names a ' +
    'dataset). The role holds only these read-only CloudWatch actions, and the channel guardrail is ' +
    `${CHANNEL_GUARDRAIL_POLICY}.`;
  Validations.of(role).acknowledge(
    { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason },
    { id: 'WA-IamWildcardResources', reason },
  );
  const guardrail = iam.ManagedPolicy.fromAwsManagedPolicyName(CHANNEL_GUARDRAIL_POLICY);

  slackChannels.forEach((channel, i) => {
    new chatbot.SlackChannelConfiguration(scope, `SlackChannel${i}`, {
      slackChannelConfigurationName:
        channel.configurationName ?? configurationName(scope, serviceName, channel.slackChannelId),
      slackWorkspaceId: channel.slackWorkspaceId,
      slackChannelId: channel.slackChannelId,
      role,
      guardrailPolicies: [guardrail],
      notificationTopics: [topic],
      loggingLevel: channel.loggingLevel ?? chatbot.LoggingLevel.ERROR,
    });
  });
  teamsChannels.forEach((channel, i) => {
    new chatbot.CfnMicrosoftTeamsChannelConfiguration(scope, `TeamsChannel${i}`, {
      configurationName:
        channel.configurationName ??
        configurationName(scope, serviceName, `teams-${shortHash(`${channel.teamId}/${channel.teamsChannelId}`)}`),
      teamsTenantId: channel.tenantId,
      teamId: channel.teamId,
      teamsChannelId: channel.teamsChannelId,
      iamRoleArn: role.roleArn,
      guardrailPolicies: [guardrail.managedPolicyArn],
      snsTopicArns: [topic.topicArn],
      loggingLevel: channel.loggingLevel ?? chatbot.LoggingLevel.ERROR,
    });
  });
}

/**
 * How SNS retries a page to a webhook that fails: about an hour, the most SNS allows, with the first retries soon
 * enough that a restarting on-call tool loses no time. Only HTTP/S subscriptions take a delivery policy; the total
 * retry time of one cannot exceed 3,600 seconds, `numRetries` 100, and the delays are whole seconds with
 * `maxDelayTarget` at most 3,600 (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html).
 * Without a policy SNS retries 3 times 20 seconds apart: a page is lost after about a minute.
 *
 * Phases, in AWS's order: 1 immediate retry; 2 retries 20 s apart; 1 backoff retry (20 to 300 s); 10 retries 300 s
 * apart. The retries span 51 to 56 minutes (a backoff delay lies between the minimum and maximum delay).
 */
export const WEBHOOK_RETRY_POLICY: sns.HealthyRetryPolicy = {
  numNoDelayRetries: 1,
  numMinDelayRetries: 2,
  minDelayTarget: Duration.seconds(20),
  maxDelayTarget: Duration.seconds(300),
  backoffFunction: sns.BackoffFunction.EXPONENTIAL,
  numMaxDelayRetries: 10,
  numRetries: 14,
};

/**
 * Subscribe each HTTPS endpoint to `topic`, retried for about an hour (`WEBHOOK_RETRY_POLICY`); what SNS still
 * cannot deliver lands in one shared dead-letter queue, returned so the caller can alarm on it.
 */
export function addWebhooks(scope: Construct, topic: sns.ITopic, webhookUrls: string[]): sqs.Queue | undefined {
  if (webhookUrls.length === 0) {
    return undefined;
  }
  const retentionPeriod = Duration.seconds(DEAD_LETTER_QUEUE_RETENTION_SECONDS);
  const deadLetterQueue = new sqs.Queue(scope, 'WebhookDeadLetterQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod,
  });
  const reason =
    'This queue is itself a dead-letter queue: it keeps the alarm notifications SNS could not deliver to a webhook, ' +
    `for ${retentionPeriod.toDays()} days, with an alarm on visible messages. Nothing consumes it, so it needs no ` +
    'dead-letter queue of its own.';
  Validations.of(deadLetterQueue).acknowledge(
    { id: 'AwsSolutions::AwsSolutions-SQS3', reason },
    { id: 'Serverless::Serverless-SQSRedrivePolicy', reason },
  );
  for (const url of webhookUrls) {
    topic.addSubscription(
      new subscriptions.UrlSubscription(url, {
        protocol: sns.SubscriptionProtocol.HTTPS,
        deadLetterQueue,
        deliveryPolicy: { healthyRetryPolicy: WEBHOOK_RETRY_POLICY },
      }),
    );
  }
  return deadLetterQueue;
}

/** '<serviceName>-<suffix>-<region>', letters, digits, '-' and '_' only, at most 128 characters. */
function configurationName(scope: Construct, serviceName: string, suffix: string): string {
  const region = Stack.of(scope).region;
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '');
  const service = Token.isUnresolved(serviceName) ? safe(Stack.of(scope).node.id) : safe(serviceName);
  const regionPart = Token.isUnresolved(region) ? region : safe(region);
  // Region names are at most 20 characters: leave them room.
  const head = `${service}-${safe(suffix)}`.slice(0, 128 - 21);
  return `${head}-${regionPart}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
