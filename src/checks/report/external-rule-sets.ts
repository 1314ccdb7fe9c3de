import { RuleEquivalents } from '../engine/rule';

/*
 * The rule ids of the serverless rule sets RULES.md compares the catalogue with. Which of our rules covers each
 * id is not written here: it comes from the rules' own `equivalents`, so the comparison cannot drift from them.
 * Internal data of the RULES.md generator (not part of the public API).
 */

/** One check of another tool. */
export interface ExternalRule {
  /** Its id, as the tool reports it. */
  readonly id: string;
  /** The same check under other ids (the tflint name of a serverless-rules cfn-lint id). */
  readonly aliases?: string[];
  /** What it checks, in a few words. */
  readonly title: string;
  /** How our coverage differs from it, when it does. */
  readonly note?: string;
  /** Why no rule of ours covers it, when none does on purpose. */
  readonly notCoveredBecause?: string;
}

/** A rule set of another tool. */
export interface ExternalRuleSet {
  /** The `equivalents` key under which our rules name its ids. */
  readonly equivalentsKey: keyof RuleEquivalents;
  /** Its name, as a heading. */
  readonly name: string;
  /** Where the id list was read, so it can be refreshed. */
  readonly source: string;
  readonly rules: readonly ExternalRule[];
}

export const CDK_NAG_SERVERLESS: ExternalRuleSet = {
  equivalentsKey: 'cdkNag',
  name: 'cdk-nag ServerlessChecks',
  source: 'cdk-nag 3.0.2, `lib/packs/serverless.js`',
  rules: [
    { id: 'Serverless-APIGWAccessLogging', title: 'API Gateway stage has access logging' },
    { id: 'Serverless-APIGWDefaultThrottling', title: 'API Gateway stage sets default throttling' },
    { id: 'Serverless-APIGWStructuredLogging', title: 'API Gateway access logs are JSON' },
    { id: 'Serverless-APIGWXrayEnabled', title: 'API Gateway stage has X-Ray tracing' },
    { id: 'Serverless-AppSyncTracing', title: 'AppSync API has X-Ray tracing' },
    {
      id: 'Serverless-CloudWatchLogGroupRetentionPeriod',
      title: 'Log group has a retention period',
      note: 'Two rules: every log group (`WA-LogsRetention`), and Lambda functions whose log group the stack does not define (`WA-LambdaLogRetention`).',
    },
    { id: 'Serverless-EventBusDLQ', title: 'EventBridge target has a dead-letter queue' },
    {
      id: 'Serverless-LambdaAsyncFailureDestination',
      title: 'Lambda function has an on-failure destination for async invocations',
      note: 'Only for functions the stack invokes asynchronously (S3, SNS, EventBridge...); an on-failure destination or a DLQ satisfies it.',
    },
    {
      id: 'Serverless-LambdaDLQ',
      title: 'Lambda function has a dead-letter queue',
      note: 'Merged into `WA-LambdaAsyncFailureDestination`: a DLQ and an on-failure destination do the same job, one is enough.',
    },
    { id: 'Serverless-LambdaDefaultMemorySize', title: 'Lambda function sets its memory size' },
    { id: 'Serverless-LambdaDefaultTimeout', title: 'Lambda function sets its timeout' },
    {
      id: 'Serverless-LambdaEventSourceMappingDestination',
      title: 'Event source mapping has an on-failure destination',
      note: 'Only stream sources (Kinesis, DynamoDB, Kafka) support one; SQS mappings rely on the queue’s redrive policy.',
    },
    {
      id: 'Serverless-LambdaLatestVersion',
      title: 'Lambda function uses the latest runtime',
      note: 'Flags runtimes that are deprecated or close to deprecation, not every runtime older than the newest.',
    },
    { id: 'Serverless-LambdaStarPermissions', title: 'Lambda role allows no wildcard actions' },
    { id: 'Serverless-LambdaTracing', title: 'Lambda function has active X-Ray tracing' },
    { id: 'Serverless-SNSRedrivePolicy', title: 'SNS subscription has a redrive policy' },
    { id: 'Serverless-SQSRedrivePolicy', title: 'SQS queue has a redrive policy' },
    { id: 'Serverless-StepFunctionStateMachineXray', title: 'State machine has X-Ray tracing' },
  ],
};

export const SERVERLESS_RULES: ExternalRuleSet = {
  equivalentsKey: 'serverlessRules',
  name: 'awslabs/serverless-rules',
  source: 'awslabs/serverless-rules `docs/rules` (cfn-lint ids, with the tflint rule names)',
  rules: [
    { id: 'WS1000', aliases: ['aws_lambda_function_tracing_rule'], title: 'Lambda tracing' },
    {
      id: 'ES1001',
      aliases: ['aws_lambda_event_source_mapping_failure_destination'],
      title: 'Event source mapping failure destination',
    },
    {
      id: 'WS1002',
      aliases: ['aws_lambda_permission_multiple_principals'],
      title: 'Lambda permission multiple principals',
      note: 'Severity info: a function with several kinds of trigger is a design smell, not a defect.',
    },
    { id: 'WS1003', aliases: ['aws_iam_role_lambda_no_star'], title: 'Lambda star permissions' },
    { id: 'WS1004', aliases: ['aws_cloudwatch_log_group_lambda_retention'], title: 'Lambda log retention' },
    { id: 'ES1005', aliases: ['aws_lambda_function_default_memory'], title: 'Lambda default memory size' },
    { id: 'ES1006', aliases: ['aws_lambda_function_default_timeout'], title: 'Lambda default timeout' },
    {
      id: 'ES1007',
      aliases: ['aws_lambda_event_invoke_config_async_on_failure'],
      title: 'Async Lambda failure destination',
    },
    {
      id: 'aws_lambda_function_eol_runtime',
      aliases: ['E2531'],
      title: 'Lambda end-of-life runtime (cfn-lint core rule E2531)',
    },
    {
      id: 'ES2000',
      aliases: ['aws_apigateway_stage_logging_rule', 'aws_apigatewayv2_stage_logging_rule'],
      title: 'API Gateway logging (REST and HTTP)',
    },
    {
      id: 'WS2001',
      aliases: ['aws_api_gateway_stage_structured_logging', 'aws_apigatewayv2_stage_structured_logging'],
      title: 'API Gateway structured logging (REST and HTTP)',
    },
    { id: 'WS2002', aliases: ['aws_apigateway_stage_tracing_rule'], title: 'API Gateway tracing (REST)' },
    {
      id: 'ES2003',
      aliases: ['aws_api_gateway_method_settings_throttling_rule', 'aws_apigatewayv2_stage_throttling_rule'],
      title: 'API Gateway default throttling (REST and HTTP)',
    },
    { id: 'WS3000', aliases: ['aws_appsync_graphql_api_tracing_rule'], title: 'AppSync tracing' },
    { id: 'ES4000', aliases: ['aws_cloudwatch_event_target_no_dlq'], title: 'EventBridge rule without DLQ' },
    { id: 'WS5000', aliases: ['aws_sfn_state_machine_tracing'], title: 'Step Functions tracing' },
    { id: 'ES6000', aliases: ['aws_sqs_queue_redrive_policy'], title: 'SQS redrive policy' },
    { id: 'ES7000', aliases: ['aws_sns_topic_subscription_redrive_policy'], title: 'SNS redrive policy' },
  ],
};

/** The rule sets RULES.md compares the catalogue with, in the order it shows them. */
export const EXTERNAL_RULE_SETS: readonly ExternalRuleSet[] = [CDK_NAG_SERVERLESS, SERVERLESS_RULES];
