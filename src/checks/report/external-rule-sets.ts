import { RuleEquivalents } from '../engine/rule';

/*
 * The rule ids of other tools that the catalogue names, each with a verdict on how our rules compare with it.
 * Which of our rules covers each id is not written here: it comes from the rules' own `equivalents`, so the
 * comparison cannot drift from them. The verdicts of the cdk-nag ids are held to cdk-nag's own results by
 * test/checks/report/cdk-nag-differential.test.ts, which runs both on generated fixtures.
 * Internal data of the RULES.md generator (not part of the public API).
 */

/**
 * How our rules compare with an external check, judged on the resources both evaluate.
 * - `equivalent`: the same findings.
 * - `narrower`: ours flags less, on purpose; the reason says where (a user dropping the other tool loses those).
 * - `broader`: ours flags everything it flags, and more; the reason says what more.
 * - `not-covered`: no rule of ours names it; the reason says why.
 */
export type CoverageVerdict =
  | { readonly kind: 'equivalent' }
  | { readonly kind: 'narrower'; readonly reason: string }
  | { readonly kind: 'broader'; readonly reason: string }
  | { readonly kind: 'not-covered'; readonly reason: string };

const EQUIVALENT: CoverageVerdict = { kind: 'equivalent' };
function narrower(reason: string): CoverageVerdict {
  return { kind: 'narrower', reason };
}
function broader(reason: string): CoverageVerdict {
  return { kind: 'broader', reason };
}

/** One check of another tool. */
export interface ExternalRule {
  /** Its id, as the tool reports it. */
  readonly id: string;
  /** The same check under other ids (the tflint name of a serverless-rules cfn-lint id). */
  readonly aliases?: string[];
  /** What it checks, in a few words. */
  readonly title: string;
  /** How our rules compare with it. */
  readonly verdict: CoverageVerdict;
}

/** A rule set of another tool. */
export interface ExternalRuleSet {
  /** The `equivalents` key under which our rules name its ids. */
  readonly equivalentsKey: keyof RuleEquivalents;
  /** Its name, as a heading. */
  readonly name: string;
  /** Where the id list was read, so it can be refreshed. */
  readonly source: string;
  /** Only the checks the catalogue names are listed, not the whole rule set. @default false */
  readonly partial?: boolean;
  /** What the verdicts rest on: a test that runs the other tool, or a reading of its documented conditions. */
  readonly evidence: string;
  readonly rules: readonly ExternalRule[];
}

const ASYNC_NARROWER =
  'Ours judges the functions of the stack: one invoked asynchronously (by a resource of the stack, or with an event ' +
  'invoke config, which configures only asynchronous invocation) needs an on-failure destination or a DLQ, either ' +
  'one being enough. An event invoke config of a function outside the stack is not judged (its DLQ cannot be seen). ' +
  'Broader elsewhere: a function the stack invokes asynchronously without any event invoke config is flagged.';

const ESM_NARROWER =
  'Only mappings whose source supports an on-failure destination are checked (Kinesis, DynamoDB Streams, Amazon MSK, ' +
  'self-managed Kafka: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-eventsourcemapping-destinationconfig.html). ' +
  'An SQS mapping relies on the queue’s redrive policy (`WA-SqsRedrivePolicy`).';

const RUNTIME_NARROWER =
  'Flags runtimes that are deprecated or close to deprecation, not every runtime older than the newest of its family.';

const STAR_NARROWER =
  '`WA-LambdaRoleWildcardActions` flags `*` and `service:*` actions (and `NotAction`) of a function’s role, inline ' +
  'or attached; `Resource: "*"` with a specific action is left to `WA-LambdaRoleWildcardResources`, which accepts ' +
  'it for actions without resource-level permissions.';

const ALARM_NARROWER =
  'Two rules: `WA-AlarmActionsEnabled` flags `ActionsEnabled: false`, `WA-AlarmAction` an alarm without actions. An alarm ' +
  'that a composite alarm, a CodeDeploy deployment group or an AppConfig monitor consumes needs no action of its own. ' +
  'Broader elsewhere: only `AlarmActions` count, so an alarm with only an OK or INSUFFICIENT_DATA action is flagged.';

const URL_PERMISSION_NARROWER =
  'A `lambda:InvokeFunctionUrl` permission for `*` is not judged by `WA-LambdaPermissionPublic`: the function URL ' +
  'itself is (`WA-LambdaUrlAuth` flags `AuthType: NONE`), so such a permission without a URL resource in the stack ' +
  'gives no finding.';

export const CDK_NAG_SERVERLESS: ExternalRuleSet = {
  equivalentsKey: 'cdkNag',
  name: 'cdk-nag ServerlessChecks',
  source: 'cdk-nag 3.0.2, `lib/packs/serverless.js`',
  evidence:
    'Verdicts checked by a differential test that runs cdk-nag and this catalogue on the same generated fixtures (`test/checks/report/cdk-nag-differential.test.ts`).',
  rules: [
    {
      id: 'Serverless-APIGWAccessLogging',
      title: 'API Gateway stage has access logging',
      verdict: broader('Also checks the stage an `AWS::ApiGateway::Deployment` creates (`StageDescription`).'),
    },
    {
      id: 'Serverless-APIGWDefaultThrottling',
      title: 'API Gateway stage sets default throttling',
      verdict: broader('Also checks the stage an `AWS::ApiGateway::Deployment` creates (`StageDescription`).'),
    },
    {
      id: 'Serverless-APIGWStructuredLogging',
      title: 'API Gateway access logs are JSON',
      verdict: broader(
        'The JSON format must also include `$context.requestId`, which joins a log line to its request.',
      ),
    },
    {
      id: 'Serverless-APIGWXrayEnabled',
      title: 'API Gateway stage has X-Ray tracing',
      verdict: broader('Also checks the stage an `AWS::ApiGateway::Deployment` creates (`StageDescription`).'),
    },
    { id: 'Serverless-AppSyncTracing', title: 'AppSync API has X-Ray tracing', verdict: EQUIVALENT },
    {
      id: 'Serverless-CloudWatchLogGroupRetentionPeriod',
      title: 'Log group has a retention period',
      verdict: broader(
        'Two rules: every log group (`WA-LogsRetention`, the same check), and Lambda functions whose log group the stack does not define (`WA-LambdaLogRetention`).',
      ),
    },
    {
      id: 'Serverless-EventBusDLQ',
      title: 'EventBridge target has a dead-letter queue',
      verdict: broader('A `DeadLetterConfig` without an `Arn` does not count as a dead-letter queue.'),
    },
    {
      id: 'Serverless-LambdaAsyncFailureDestination',
      title: 'Lambda function has an on-failure destination for async invocations',
      verdict: narrower(ASYNC_NARROWER),
    },
    {
      id: 'Serverless-LambdaDLQ',
      title: 'Lambda function has a dead-letter queue',
      verdict: narrower(
        'Merged into `WA-LambdaAsyncFailureDestination`: only functions invoked asynchronously (by the stack, or with an event invoke config) are checked, ' +
          'and an on-failure destination satisfies it as well as a DLQ (they do the same job).',
      ),
    },
    { id: 'Serverless-LambdaDefaultMemorySize', title: 'Lambda function sets its memory size', verdict: EQUIVALENT },
    { id: 'Serverless-LambdaDefaultTimeout', title: 'Lambda function sets its timeout', verdict: EQUIVALENT },
    {
      id: 'Serverless-LambdaEventSourceMappingDestination',
      title: 'Event source mapping has an on-failure destination',
      verdict: narrower(ESM_NARROWER),
    },
    {
      id: 'Serverless-LambdaLatestVersion',
      title: 'Lambda function uses the latest runtime',
      verdict: narrower(RUNTIME_NARROWER),
    },
    {
      id: 'Serverless-LambdaStarPermissions',
      title: 'Lambda role allows no wildcard actions',
      verdict: narrower(STAR_NARROWER),
    },
    { id: 'Serverless-LambdaTracing', title: 'Lambda function has active X-Ray tracing', verdict: EQUIVALENT },
    {
      id: 'Serverless-SNSRedrivePolicy',
      title: 'SNS subscription has a redrive policy',
      verdict: narrower(
        'Email, email-json and SMS subscriptions are exempt: SNS supports no dead-letter queue for them.',
      ),
    },
    {
      id: 'Serverless-SQSRedrivePolicy',
      title: 'SQS queue has a redrive policy',
      verdict: narrower(
        'A queue that is itself a dead-letter queue (of a queue, a function, an EventBridge target, an SNS subscription...) is exempt.',
      ),
    },
    {
      id: 'Serverless-StepFunctionStateMachineXray',
      title: 'State machine has X-Ray tracing',
      verdict: EQUIVALENT,
    },
  ],
};

/** The AwsSolutions ids the catalogue names (the pack has many more, outside serverless). */
export const CDK_NAG_AWS_SOLUTIONS: ExternalRuleSet = {
  equivalentsKey: 'cdkNag',
  name: 'cdk-nag AwsSolutionsChecks',
  source: 'cdk-nag 3.0.2, `lib/packs/aws-solutions.js`',
  evidence:
    'Verdicts checked by a differential test that runs cdk-nag and this catalogue on the same generated fixtures (`test/checks/report/cdk-nag-differential.test.ts`).',
  partial: true,
  rules: [
    {
      id: 'AwsSolutions-APIG1',
      title: 'API Gateway stage has access logging',
      verdict: broader('Also checks the stage an `AWS::ApiGateway::Deployment` creates (`StageDescription`).'),
    },
    {
      id: 'AwsSolutions-APIG3',
      title: 'REST API stage is associated with AWS WAF',
      verdict: narrower('Private REST APIs (reachable only through VPC endpoints) are exempt.'),
    },
    {
      id: 'AwsSolutions-APIG4',
      title: 'API Gateway method or route authorizes callers',
      verdict: narrower(
        'Every `OPTIONS` method or route (CORS preflight carries no credentials), methods of private REST APIs and WebSocket routes other than `$connect` are exempt.',
      ),
    },
    {
      id: 'AwsSolutions-APIG6',
      title: 'REST API stage has execution logging for all methods',
      verdict: broader('Also checks the stage an `AWS::ApiGateway::Deployment` creates (`StageDescription`).'),
    },
    {
      id: 'AwsSolutions-ASC3',
      title: 'AppSync API has request-level logging',
      verdict: narrower(
        '`ExcludeVerboseContent: true` is accepted: it leaves out headers, context and evaluated mapping templates, which ' +
          'can hold tokens and personal data, while the error section and field-level errors are still logged ' +
          '(https://docs.aws.amazon.com/appsync/latest/APIReference/API_LogConfig.html). Broader elsewhere: the field ' +
          'log level must be ERROR or more verbose, not NONE.',
      ),
    },
    {
      id: 'AwsSolutions-DDB3',
      title: 'DynamoDB table has point-in-time recovery',
      verdict: broader('Also checks global tables (`AWS::DynamoDB::GlobalTable`).'),
    },
    {
      id: 'AwsSolutions-IAM5',
      title: 'IAM policies have no wildcard permissions',
      verdict: narrower(
        'Every role, user, group and policy is checked (`WA-IamWildcardActions`, `WA-IamWildcardResources`; a ' +
          'function’s execution role through the `WA-LambdaRole*` rules). A partial wildcard (`s3:Get*`) is accepted ' +
          'unless it reaches a permissions-management action, and an ARN that names a resource (`arn:aws:s3:::b/*`) ' +
          'is scoped; `Resource: "*"` is accepted for actions without resource-level permissions.',
      ),
    },
    { id: 'AwsSolutions-L1', title: 'Lambda function uses the latest runtime', verdict: narrower(RUNTIME_NARROWER) },
    {
      id: 'AwsSolutions-SF1',
      title: 'State machine logs ALL events to CloudWatch Logs',
      verdict: narrower(
        'Logging at `ERROR` is accepted: it records every failed execution, which is what the logs are for, at a fraction of the cost of `ALL` (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-log-level).',
      ),
    },
    { id: 'AwsSolutions-SF2', title: 'State machine has X-Ray tracing', verdict: EQUIVALENT },
    {
      id: 'AwsSolutions-SNS3',
      title: 'SNS topic requires TLS for publishing',
      verdict: EQUIVALENT,
    },
    {
      id: 'AwsSolutions-SQS2',
      title: 'SQS queue is encrypted at rest',
      verdict: EQUIVALENT,
    },
    {
      id: 'AwsSolutions-SQS3',
      title: 'SQS queue has a dead-letter queue',
      verdict: narrower(
        'Queues that are the dead-letter queue of an EventBridge target, a schedule, an SNS subscription or a pipe are ' +
          'exempt too; cdk-nag recognises only the dead-letter queues of queues and functions.',
      ),
    },
    {
      id: 'AwsSolutions-SQS4',
      title: 'SQS queue requires TLS',
      verdict: EQUIVALENT,
    },
  ],
};

/** The ids of cdk-nag's compliance packs (HIPAA, NIST 800-53, PCI DSS) the catalogue names. */
export const CDK_NAG_COMPLIANCE: ExternalRuleSet = {
  equivalentsKey: 'cdkNag',
  name: 'cdk-nag HIPAA, NIST 800-53 and PCI DSS packs',
  source: 'cdk-nag 3.0.2, `lib/packs/hipaa-security.js`, `nist-800-53-r4.js`, `nist-800-53-r5.js`, `pci-dss-321.js`',
  evidence:
    'Verdicts checked by a differential test that runs cdk-nag and this catalogue on the same generated fixtures (`test/checks/report/cdk-nag-differential.test.ts`).',
  partial: true,
  rules: [
    {
      id: 'HIPAA.Security-APIGWExecutionLoggingEnabled',
      title: 'REST API stage has execution logging for all methods',
      verdict: broader('Also checks the stage an `AWS::ApiGateway::Deployment` creates (`StageDescription`).'),
    },
    {
      id: 'HIPAA.Security-APIGWXrayEnabled',
      title: 'REST API stage has X-Ray tracing',
      verdict: broader('Also checks the stage an `AWS::ApiGateway::Deployment` creates (`StageDescription`).'),
    },
    {
      id: 'HIPAA.Security-CloudWatchAlarmAction',
      title: 'CloudWatch alarm has an action and actions enabled',
      verdict: narrower(ALARM_NARROWER),
    },
    {
      id: 'HIPAA.Security-CloudWatchLogGroupEncrypted',
      title: 'Log group is encrypted with a KMS key',
      verdict: EQUIVALENT,
    },
    {
      id: 'HIPAA.Security-DynamoDBAutoScalingEnabled',
      title: 'Provisioned DynamoDB table has auto scaling',
      verdict: EQUIVALENT,
    },
    {
      id: 'HIPAA.Security-DynamoDBPITREnabled',
      title: 'DynamoDB table has point-in-time recovery',
      verdict: broader('Also checks global tables (`AWS::DynamoDB::GlobalTable`).'),
    },
    {
      id: 'HIPAA.Security-LambdaFunctionPublicAccessProhibited',
      title: 'Lambda permission is not public',
      verdict: narrower(URL_PERMISSION_NARROWER),
    },
    { id: 'HIPAA.Security-SNSEncryptedKMS', title: 'SNS topic is encrypted with KMS', verdict: EQUIVALENT },
    {
      id: 'NIST.800.53.R4-DynamoDBAutoScalingEnabled',
      title: 'Provisioned DynamoDB table has auto scaling',
      verdict: EQUIVALENT,
    },
    {
      id: 'NIST.800.53.R5-APIGWAssociatedWithWAF',
      title: 'REST API stage is associated with AWS WAF',
      verdict: narrower('Private REST APIs (reachable only through VPC endpoints) are exempt.'),
    },
    {
      id: 'NIST.800.53.R5-CloudWatchAlarmAction',
      title: 'CloudWatch alarm has an action and actions enabled',
      verdict: narrower(ALARM_NARROWER),
    },
    {
      id: 'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
      title: 'Log group is encrypted with a KMS key',
      verdict: EQUIVALENT,
    },
    {
      id: 'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod',
      title: 'Log group has a retention period',
      verdict: EQUIVALENT,
    },
    {
      id: 'NIST.800.53.R5-LambdaFunctionPublicAccessProhibited',
      title: 'Lambda permission is not public',
      verdict: narrower(URL_PERMISSION_NARROWER),
    },
    { id: 'NIST.800.53.R5-SNSEncryptedKMS', title: 'SNS topic is encrypted with KMS', verdict: EQUIVALENT },
    {
      id: 'PCI.DSS.321-LambdaFunctionPublicAccessProhibited',
      title: 'Lambda permission is not public',
      verdict: narrower(URL_PERMISSION_NARROWER),
    },
    { id: 'PCI.DSS.321-SNSEncryptedKMS', title: 'SNS topic is encrypted with KMS', verdict: EQUIVALENT },
  ],
};

export const SERVERLESS_RULES: ExternalRuleSet = {
  equivalentsKey: 'serverlessRules',
  name: 'awslabs/serverless-rules',
  source: 'awslabs/serverless-rules `docs/rules` (cfn-lint ids, with the tflint rule names)',
  evidence:
    'Verdicts read from each rule’s documented condition and its cfn-lint implementation, and held by a fixture test written from those conditions (`test/checks/report/serverless-rules-fixtures.test.ts`); their own labelled templates are not run.',
  rules: [
    { id: 'WS1000', aliases: ['aws_lambda_function_tracing_rule'], title: 'Lambda tracing', verdict: EQUIVALENT },
    {
      id: 'ES1001',
      aliases: ['aws_lambda_event_source_mapping_failure_destination'],
      title: 'Event source mapping failure destination',
      verdict: narrower(ESM_NARROWER),
    },
    {
      id: 'WS1002',
      aliases: ['aws_lambda_permission_multiple_principals'],
      title: 'Lambda permission multiple principals',
      verdict: EQUIVALENT,
    },
    {
      id: 'WS1003',
      aliases: ['aws_iam_role_lambda_no_star'],
      title: 'Lambda star permissions',
      verdict: broader(
        'Also flags `NotAction` with Allow, and policies attached to the role by `AWS::IAM::Policy` or managed policies.',
      ),
    },
    {
      id: 'WS1004',
      aliases: ['aws_cloudwatch_log_group_lambda_retention'],
      title: 'Lambda log retention',
      verdict: EQUIVALENT,
    },
    {
      id: 'ES1005',
      aliases: ['aws_lambda_function_default_memory'],
      title: 'Lambda default memory size',
      verdict: EQUIVALENT,
    },
    {
      id: 'ES1006',
      aliases: ['aws_lambda_function_default_timeout'],
      title: 'Lambda default timeout',
      verdict: EQUIVALENT,
    },
    {
      id: 'ES1007',
      aliases: ['aws_lambda_event_invoke_config_async_on_failure'],
      title: 'Async Lambda failure destination',
      verdict: narrower(ASYNC_NARROWER),
    },
    {
      id: 'aws_lambda_function_eol_runtime',
      aliases: ['E2531'],
      title: 'Lambda end-of-life runtime (cfn-lint core rule E2531)',
      verdict: broader('Also flags runtimes close to their deprecation date (cfn-lint W2531).'),
    },
    {
      id: 'ES2000',
      aliases: ['aws_apigateway_stage_logging_rule', 'aws_apigatewayv2_stage_logging_rule'],
      title: 'API Gateway logging (REST and HTTP)',
      verdict: EQUIVALENT,
    },
    {
      id: 'WS2001',
      aliases: ['aws_api_gateway_stage_structured_logging', 'aws_apigatewayv2_stage_structured_logging'],
      title: 'API Gateway structured logging (REST and HTTP)',
      verdict: broader('The JSON format must also include `$context.requestId`.'),
    },
    {
      id: 'WS2002',
      aliases: ['aws_apigateway_stage_tracing_rule'],
      title: 'API Gateway tracing (REST)',
      verdict: EQUIVALENT,
    },
    {
      id: 'ES2003',
      aliases: ['aws_api_gateway_method_settings_throttling_rule', 'aws_apigatewayv2_stage_throttling_rule'],
      title: 'API Gateway default throttling (REST and HTTP)',
      verdict: EQUIVALENT,
    },
    {
      id: 'WS3000',
      aliases: ['aws_appsync_graphql_api_tracing_rule'],
      title: 'AppSync tracing',
      verdict: EQUIVALENT,
    },
    {
      id: 'ES4000',
      aliases: ['aws_cloudwatch_event_target_no_dlq'],
      title: 'EventBridge rule without DLQ',
      verdict: EQUIVALENT,
    },
    { id: 'WS5000', aliases: ['aws_sfn_state_machine_tracing'], title: 'Step Functions tracing', verdict: EQUIVALENT },
    {
      id: 'ES6000',
      aliases: ['aws_sqs_queue_redrive_policy'],
      title: 'SQS redrive policy',
      verdict: narrower(
        'A queue that is itself a dead-letter queue of something other than a queue in the template (a function, an EventBridge target, an SNS subscription...) is exempt too.',
      ),
    },
    {
      id: 'ES7000',
      aliases: ['aws_sns_topic_subscription_redrive_policy'],
      title: 'SNS redrive policy',
      verdict: narrower(
        'Email, email-json and SMS subscriptions are exempt: SNS supports no dead-letter queue for them.',
      ),
    },
  ],
};

/** The rule sets RULES.md compares the catalogue with, in the order it shows them. */
export const EXTERNAL_RULE_SETS: readonly ExternalRuleSet[] = [
  CDK_NAG_SERVERLESS,
  CDK_NAG_AWS_SOLUTIONS,
  CDK_NAG_COMPLIANCE,
  SERVERLESS_RULES,
];
