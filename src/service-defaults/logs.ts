import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/*
 * The CloudWatch Logs choices of the library, declared once: the log groups the constructs create (function logs,
 * API access and execution logs) and WellArchitectedDefaults (src/remediation) read them from here. Not part of the
 * public API.
 */

/**
 * How long created log groups keep log events: a month covers an investigation of last week's incident at a
 * fraction of the cost of keeping everything; export what must be kept longer to S3. CloudWatch Logs keeps events
 * forever when a log group has no retention.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
 */
export const LOG_RETENTION = RetentionDays.ONE_MONTH;
