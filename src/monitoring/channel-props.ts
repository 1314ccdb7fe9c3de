import * as chatbot from 'aws-cdk-lib/aws-chatbot';

/**
 * A Slack channel that AWS Chatbot pages when the service health alarm fires or recovers.
 *
 * Authorize the Slack workspace once per AWS account in the AWS Chatbot console (Configure new client, Slack)
 * before deploying: CloudFormation cannot do that step, and the deployment fails without it.
 */
export interface SlackChannelProps {
  /**
   * The ID of the Slack workspace, shown in the AWS Chatbot console once the workspace is authorized,
   * e.g. 'T0123ABCD'.
   */
  readonly slackWorkspaceId: string;

  /**
   * The ID of the Slack channel, e.g. 'C0123ABCD': in Slack, open the channel details (or Copy link) and take
   * the ID at the end. For a private channel, invite the bot first with `/invite @aws`.
   */
  readonly slackChannelId: string;

  /**
   * The name of the AWS Chatbot channel configuration. Names are unique per AWS account across regions:
   * up to 128 letters, digits, '-' and '_'.
   * @default - '<serviceName>-<slackChannelId>-<region>', with characters other than letters, digits, '-' and '_' removed
   */
  readonly configurationName?: string;

  /**
   * What AWS Chatbot logs to CloudWatch Logs (log group `/aws/chatbot/<configurationName>` in us-east-1).
   * @default chatbot.LoggingLevel.ERROR
   */
  readonly loggingLevel?: chatbot.LoggingLevel;
}

/**
 * A Microsoft Teams channel that AWS Chatbot pages when the service health alarm fires or recovers.
 *
 * Authorize the Microsoft Teams tenant and team once per AWS account in the AWS Chatbot console (Configure new
 * client, Microsoft Teams) before deploying: CloudFormation cannot do that step, and the deployment fails
 * without it.
 */
export interface TeamsChannelProps {
  /** The ID of the Microsoft Teams tenant, a GUID shown in the AWS Chatbot console once the team is authorized. */
  readonly tenantId: string;

  /** The ID of the team, a GUID shown in the AWS Chatbot console once the team is authorized. */
  readonly teamId: string;

  /**
   * The URL-encoded ID of the Teams channel, e.g. '19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2': in
   * Teams, choose the channel's Get link to channel and take the part after '/channel/'.
   */
  readonly teamsChannelId: string;

  /**
   * The name of the AWS Chatbot channel configuration. Names are unique per AWS account across regions:
   * up to 128 letters, digits, '-' and '_'.
   * @default - '<serviceName>-teams-<8-character hash of the team and channel IDs>-<region>', with characters other than letters, digits, '-' and '_' removed
   */
  readonly configurationName?: string;

  /**
   * What AWS Chatbot logs to CloudWatch Logs (log group `/aws/chatbot/<configurationName>` in us-east-1).
   * @default chatbot.LoggingLevel.ERROR
   */
  readonly loggingLevel?: chatbot.LoggingLevel;
}
