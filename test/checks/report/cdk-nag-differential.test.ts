/**
 * The verdicts of external-rule-sets.ts, held to cdk-nag's own results: every cdk-nag id the catalogue names runs,
 * with the rules of ours that name it, on fixtures generated for it (L1 and L2, edge cases). A fixture cdk-nag
 * flags must be flagged by ours unless it is listed as a `narrower` case of that id; a fixture ours flags and
 * cdk-nag passes must be listed as a `broader` case. The lists are exact, so a change on either side shows here.
 * One app, one stack per fixture, one synth with every cdk-nag pack.
 */
import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R4Checks,
  NIST80053R5Checks,
  PCIDSS321Checks,
  ServerlessChecks,
} from 'cdk-nag';
import { Compliance } from '../../../src';
import { EXTERNAL_RULE_SETS, ExternalRule } from '../../../src/checks/report/external-rule-sets';
import { WellArchitectedRules } from '../../../src/checks/rules';
import { nagFindings } from '../../support/compliance';
import { evaluateRule } from '../rule-harness';

interface Fixture {
  readonly name: string;
  readonly build: (stack: Stack) => void;
  /** A value ours cannot resolve at synth time: never a finding of ours, whatever cdk-nag says. */
  readonly unknown?: boolean;
}

interface Differential {
  /** The cdk-nag ids (one cdk-nag rule, in one or more packs) these fixtures test. */
  readonly ids: string[];
  readonly fixtures: Fixture[];
  /** Fixtures cdk-nag flags and ours does not, on purpose (the id's verdict is `narrower`, and says why). */
  readonly narrower?: string[];
  /** Fixtures ours flags and cdk-nag does not. */
  readonly broader?: string[];
}

const ACCOUNT = '123456789012';
const QUEUE_ARN = `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq`;
const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:topic`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/fn`;
const LOG_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:access`;
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

// ---- builders (L1 unless the name says L2) ----

function cfnFunction(stack: Stack, props: Partial<lambda.CfnFunctionProps> = {}, id = 'Fn'): lambda.CfnFunction {
  return new lambda.CfnFunction(stack, id, {
    code: { zipFile: 'exports.handler = async () => {};' },
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    role: ROLE_ARN,
    memorySize: 1024,
    timeout: 10,
    tracingConfig: { mode: 'Active' },
    ...props,
  });
}

function l2Function(stack: Stack, props: Partial<lambda.FunctionProps> = {}, id = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, {
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
    ...props,
  });
}

function lambdaRole(stack: Stack, policies: iam.CfnRole.PolicyProperty[], id = 'Role'): iam.CfnRole {
  return new iam.CfnRole(stack, id, {
    assumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    policies,
  });
}

function policy(statement: object): iam.CfnRole.PolicyProperty {
  return { policyName: 'p', policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] } };
}

function roleFunction(stack: Stack, statement: object): void {
  const role = lambdaRole(stack, [policy(statement)]);
  cfnFunction(stack, { role: role.attrArn });
}

function restApi(stack: Stack, props: Partial<apigw.CfnRestApiProps> = {}): apigw.CfnRestApi {
  return new apigw.CfnRestApi(stack, 'Api', { name: 'api', ...props });
}

function restStage(
  stack: Stack,
  props: Partial<apigw.CfnStageProps> = {},
  apiProps: Partial<apigw.CfnRestApiProps> = {},
) {
  const api = restApi(stack, apiProps);
  const deployment = new apigw.CfnDeployment(stack, 'Deployment', { restApiId: api.ref });
  return new apigw.CfnStage(stack, 'Stage', {
    restApiId: api.ref,
    deploymentId: deployment.ref,
    stageName: 'prod',
    ...props,
  });
}

function deploymentStage(stack: Stack, stageDescription: apigw.CfnDeployment.StageDescriptionProperty): void {
  const api = restApi(stack);
  new apigw.CfnDeployment(stack, 'Deployment', { restApiId: api.ref, stageName: 'prod', stageDescription });
}

function httpStage(stack: Stack, props: Partial<apigwv2.CfnStageProps> = {}): void {
  const api = new apigwv2.CfnApi(stack, 'HttpApi', { name: 'api', protocolType: 'HTTP' });
  new apigwv2.CfnStage(stack, 'HttpStage', { apiId: api.ref, stageName: '$default', ...props });
}

const JSON_FORMAT = JSON.stringify({ requestId: '$context.requestId', status: '$context.status' });
const FULL_LOGGING = { destinationArn: LOG_ARN, format: JSON_FORMAT };
const THROTTLE_ALL = { httpMethod: '*', resourcePath: '/*', throttlingBurstLimit: 100, throttlingRateLimit: 50 };

function stateMachine(stack: Stack, props: Partial<sfn.CfnStateMachineProps> = {}): void {
  new sfn.CfnStateMachine(stack, 'StateMachine', {
    roleArn: ROLE_ARN,
    definitionString: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }),
    ...props,
  });
}

function graphqlApi(stack: Stack, props: Partial<appsync.CfnGraphQLApiProps> = {}): void {
  new appsync.CfnGraphQLApi(stack, 'GraphQl', { name: 'api', authenticationType: 'AWS_IAM', ...props });
}

function alarm(stack: Stack, props: Partial<cloudwatch.CfnAlarmProps> = {}, id = 'Alarm'): cloudwatch.CfnAlarm {
  return new cloudwatch.CfnAlarm(stack, id, {
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    threshold: 1,
    metricName: 'Errors',
    namespace: 'AWS/Lambda',
    period: 60,
    statistic: 'Sum',
    ...props,
  });
}

function queuePolicy(stack: Stack, queue: sqs.CfnQueue, actions: string | string[]): void {
  new sqs.CfnQueuePolicy(stack, 'Policy', {
    queues: [queue.ref],
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: actions,
          Resource: queue.attrArn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    },
  });
}

function permission(stack: Stack, props: Partial<lambda.CfnPermissionProps>): void {
  const fn = cfnFunction(stack);
  new lambda.CfnPermission(stack, 'Permission', {
    action: 'lambda:InvokeFunction',
    functionName: fn.ref,
    principal: '*',
    ...props,
  });
}

/** The newest runtime of a family that the installed aws-cdk-lib knows, as cdk-nag's LambdaLatestVersion picks it. */
function newestRuntime(family: string): string {
  return lambda.Runtime.ALL.map((r) => r.name)
    .filter((name) => name.startsWith(family) && /\d/.test(name))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }))
    .pop()!;
}

// ---- the fixtures, by cdk-nag rule ----

const LOG_GROUP_RETENTION: Fixture[] = [
  { name: 'no-retention', build: (s) => new logs.CfnLogGroup(s, 'Logs') },
  { name: 'retention', build: (s) => new logs.CfnLogGroup(s, 'Logs', { retentionInDays: 30 }) },
  { name: 'l2-default', build: (s) => new logs.LogGroup(s, 'Logs') },
  { name: 'l2-infinite', build: (s) => new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.INFINITE }) },
  { name: 'function-without-log-group', build: (s) => cfnFunction(s) },
];

const LAMBDA_PUBLIC: Fixture[] = [
  { name: 'any-principal', build: (s) => permission(s, {}) },
  { name: 'any-principal-source-arn', build: (s) => permission(s, { sourceArn: TOPIC_ARN }) },
  { name: 'any-principal-source-account', build: (s) => permission(s, { sourceAccount: ACCOUNT }) },
  { name: 'any-principal-org', build: (s) => permission(s, { principalOrgId: 'o-abcdefghij' }) },
  { name: 'service-principal', build: (s) => permission(s, { principal: 's3.amazonaws.com', sourceAccount: ACCOUNT }) },
  {
    name: 'function-url-public',
    build: (s) => permission(s, { action: 'lambda:InvokeFunctionUrl', functionUrlAuthType: 'NONE' }),
  },
];

const SNS_KMS: Fixture[] = [
  { name: 'no-key', build: (s) => new sns.CfnTopic(s, 'Topic') },
  { name: 'key', build: (s) => new sns.CfnTopic(s, 'Topic', { kmsMasterKeyId: KEY_ARN }) },
  { name: 'l2-default', build: (s) => new sns.Topic(s, 'Topic') },
];

const LOG_GROUP_ENCRYPTED: Fixture[] = [
  { name: 'no-key', build: (s) => new logs.CfnLogGroup(s, 'Logs', { retentionInDays: 30 }) },
  { name: 'key', build: (s) => new logs.CfnLogGroup(s, 'Logs', { retentionInDays: 30, kmsKeyId: KEY_ARN }) },
];

const ALARM_ACTION: Fixture[] = [
  { name: 'no-action', build: (s) => alarm(s) },
  { name: 'alarm-action', build: (s) => alarm(s, { alarmActions: [TOPIC_ARN] }) },
  { name: 'actions-disabled', build: (s) => alarm(s, { alarmActions: [TOPIC_ARN], actionsEnabled: false }) },
  { name: 'ok-action-only', build: (s) => alarm(s, { okActions: [TOPIC_ARN] }) },
  {
    name: 'consumed-by-composite',
    build: (s) => {
      const child = alarm(s);
      new cloudwatch.CfnCompositeAlarm(s, 'Composite', {
        alarmRule: `ALARM(${child.attrArn})`,
        alarmActions: [TOPIC_ARN],
      });
    },
  },
  {
    name: 'l2-with-action',
    build: (s) =>
      new cloudwatch.Alarm(s, 'Alarm', {
        metric: new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Errors' }),
        threshold: 1,
        evaluationPeriods: 1,
      }).addAlarmAction({ bind: () => ({ alarmActionArn: TOPIC_ARN }) }),
  },
];

const DDB_PITR: Fixture[] = [
  {
    name: 'no-pitr',
    build: (s) =>
      new dynamodb.CfnTable(s, 'Table', {
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
      }),
  },
  {
    name: 'pitr',
    build: (s) =>
      new dynamodb.CfnTable(s, 'Table', {
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      }),
  },
  {
    name: 'l2-pitr',
    build: (s) =>
      new dynamodb.Table(s, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      }),
  },
  {
    name: 'global-table-no-pitr',
    build: (s) =>
      new dynamodb.CfnGlobalTable(s, 'Table', {
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
        replicas: [{ region: 'us-east-1' }],
      }),
  },
];

const DDB_AUTOSCALING: Fixture[] = [
  {
    name: 'provisioned-fixed',
    build: (s) =>
      new dynamodb.Table(s, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PROVISIONED,
      }),
  },
  {
    name: 'provisioned-autoscaled',
    build: (s) => {
      const table = new dynamodb.Table(s, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PROVISIONED,
      });
      table
        .autoScaleReadCapacity({ minCapacity: 1, maxCapacity: 10 })
        .scaleOnUtilization({ targetUtilizationPercent: 70 });
      table
        .autoScaleWriteCapacity({ minCapacity: 1, maxCapacity: 10 })
        .scaleOnUtilization({ targetUtilizationPercent: 70 });
    },
  },
  {
    name: 'on-demand',
    build: (s) =>
      new dynamodb.Table(s, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      }),
  },
];

const REST_EXECUTION_LOGGING: Fixture[] = [
  { name: 'no-method-settings', build: (s) => restStage(s) },
  {
    name: 'error-level',
    build: (s) => restStage(s, { methodSettings: [{ httpMethod: '*', resourcePath: '/*', loggingLevel: 'ERROR' }] }),
  },
  {
    name: 'off',
    build: (s) => restStage(s, { methodSettings: [{ httpMethod: '*', resourcePath: '/*', loggingLevel: 'OFF' }] }),
  },
  { name: 'deployment-stage-no-logging', build: (s) => deploymentStage(s, {}) },
];

const REST_TRACING: Fixture[] = [
  { name: 'rest-no-tracing', build: (s) => restStage(s) },
  { name: 'rest-tracing', build: (s) => restStage(s, { tracingEnabled: true }) },
  { name: 'deployment-stage-no-tracing', build: (s) => deploymentStage(s, {}) },
  {
    name: 'tracing-parameter',
    unknown: true,
    build: (s) =>
      restStage(s, { tracingEnabled: new CfnParameter(s, 'Tracing', { type: 'String' }).valueAsString as any }),
  },
];

const REST_WAF: Fixture[] = [
  { name: 'no-web-acl', build: (s) => restStage(s) },
  {
    name: 'web-acl',
    build: (s) => {
      const stage = restStage(s);
      new wafv2.CfnWebACLAssociation(s, 'Waf', {
        resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${stage.restApiId}/stages/${stage.ref}`,
        webAclArn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:regional/webacl/acl/1234`,
      });
    },
  },
  { name: 'private-api', build: (s) => restStage(s, {}, { endpointConfiguration: { types: ['PRIVATE'] } }) },
];

const DIFFERENTIALS: Differential[] = [
  {
    ids: ['Serverless-LambdaTracing'],
    fixtures: [
      { name: 'no-tracing', build: (s) => cfnFunction(s, { tracingConfig: undefined }) },
      { name: 'pass-through', build: (s) => cfnFunction(s, { tracingConfig: { mode: 'PassThrough' } }) },
      { name: 'active', build: (s) => cfnFunction(s) },
      { name: 'l2-default', build: (s) => l2Function(s) },
      { name: 'l2-active', build: (s) => l2Function(s, { tracing: lambda.Tracing.ACTIVE }) },
    ],
  },
  {
    ids: ['Serverless-LambdaDefaultMemorySize'],
    fixtures: [
      { name: 'no-memory', build: (s) => cfnFunction(s, { memorySize: undefined }) },
      { name: 'memory', build: (s) => cfnFunction(s) },
      { name: 'memory-128', build: (s) => cfnFunction(s, { memorySize: 128 }) },
      { name: 'l2-default', build: (s) => l2Function(s) },
    ],
  },
  {
    ids: ['Serverless-LambdaDefaultTimeout'],
    fixtures: [
      { name: 'no-timeout', build: (s) => cfnFunction(s, { timeout: undefined }) },
      { name: 'timeout', build: (s) => cfnFunction(s) },
      { name: 'timeout-3', build: (s) => cfnFunction(s, { timeout: 3 }) },
      { name: 'l2-default', build: (s) => l2Function(s) },
      { name: 'l2-timeout', build: (s) => l2Function(s, { timeout: Duration.seconds(10) }) },
    ],
  },
  {
    ids: ['Serverless-LambdaDLQ'],
    fixtures: [
      { name: 'not-invoked-async', build: (s) => cfnFunction(s) },
      { name: 'dlq', build: (s) => cfnFunction(s, { deadLetterConfig: { targetArn: QUEUE_ARN } }) },
      {
        name: 'sns-invoked-no-dlq',
        build: (s) => new sns.Topic(s, 'Topic').addSubscription(new subscriptions.LambdaSubscription(l2Function(s))),
      },
      {
        name: 'sns-invoked-on-failure-destination',
        build: (s) => {
          const fn = l2Function(s);
          fn.configureAsyncInvoke({ onFailure: { bind: () => ({ destination: QUEUE_ARN }) } });
          new sns.Topic(s, 'Topic').addSubscription(new subscriptions.LambdaSubscription(fn));
        },
      },
    ],
    narrower: ['not-invoked-async', 'sns-invoked-on-failure-destination'],
  },
  {
    ids: ['Serverless-LambdaAsyncFailureDestination'],
    fixtures: [
      {
        name: 'invoke-config-without-on-failure',
        build: (s) => {
          const fn = cfnFunction(s);
          new lambda.CfnEventInvokeConfig(s, 'Config', {
            functionName: fn.ref,
            qualifier: '$LATEST',
            maximumRetryAttempts: 0,
          });
        },
      },
      {
        name: 'invoke-config-on-failure',
        build: (s) => {
          const fn = cfnFunction(s);
          new lambda.CfnEventInvokeConfig(s, 'Config', {
            functionName: fn.ref,
            qualifier: '$LATEST',
            destinationConfig: { onFailure: { destination: QUEUE_ARN } },
          });
        },
      },
      {
        name: 'sns-invoked-no-config',
        build: (s) => new sns.Topic(s, 'Topic').addSubscription(new subscriptions.LambdaSubscription(l2Function(s))),
      },
      {
        name: 'invoke-config-of-function-outside-stack',
        build: (s) => new lambda.CfnEventInvokeConfig(s, 'Config', { functionName: 'elsewhere', qualifier: '$LATEST' }),
      },
    ],
    narrower: ['invoke-config-of-function-outside-stack'],
    broader: ['sns-invoked-no-config'],
  },
  {
    ids: ['Serverless-LambdaEventSourceMappingDestination'],
    fixtures: [
      {
        name: 'kinesis-no-destination',
        build: (s) =>
          new lambda.CfnEventSourceMapping(s, 'Mapping', {
            functionName: cfnFunction(s).ref,
            eventSourceArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/s`,
            startingPosition: 'LATEST',
          }),
      },
      {
        name: 'kinesis-destination',
        build: (s) =>
          new lambda.CfnEventSourceMapping(s, 'Mapping', {
            functionName: cfnFunction(s).ref,
            eventSourceArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/s`,
            startingPosition: 'LATEST',
            destinationConfig: { onFailure: { destination: QUEUE_ARN } },
          }),
      },
      {
        name: 'sqs-no-destination',
        build: (s) =>
          new lambda.CfnEventSourceMapping(s, 'Mapping', {
            functionName: cfnFunction(s).ref,
            eventSourceArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:work`,
          }),
      },
      {
        name: 'msk-no-destination',
        build: (s) =>
          new lambda.CfnEventSourceMapping(s, 'Mapping', {
            functionName: cfnFunction(s).ref,
            eventSourceArn: `arn:aws:kafka:us-east-1:${ACCOUNT}:cluster/c/abcd1234-ab12-cd34-ef56-abcdef123456-1`,
            topics: ['orders'],
            startingPosition: 'LATEST',
          }),
      },
      {
        name: 'self-managed-kafka-no-destination',
        build: (s) =>
          new lambda.CfnEventSourceMapping(s, 'Mapping', {
            functionName: cfnFunction(s).ref,
            selfManagedEventSource: { endpoints: { kafkaBootstrapServers: ['broker-1.example.com:9092'] } },
            topics: ['orders'],
            startingPosition: 'LATEST',
          }),
      },
    ],
    narrower: ['sqs-no-destination'],
  },
  {
    ids: ['Serverless-LambdaLatestVersion', 'AwsSolutions-L1'],
    fixtures: [
      { name: 'deprecated', build: (s) => cfnFunction(s, { runtime: 'python3.8' }) },
      { name: 'supported-not-newest', build: (s) => cfnFunction(s, { runtime: 'python3.12' }) },
      { name: 'newest', build: (s) => cfnFunction(s, { runtime: newestRuntime('python') }) },
      {
        name: 'container-image',
        build: (s) =>
          cfnFunction(s, {
            runtime: undefined,
            handler: undefined,
            packageType: 'Image',
            code: { imageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/fn:latest` },
          }),
      },
    ],
    narrower: ['supported-not-newest'],
  },
  {
    ids: ['Serverless-LambdaStarPermissions'],
    fixtures: [
      { name: 'service-star-action', build: (s) => roleFunction(s, { Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }) },
      { name: 'star-action', build: (s) => roleFunction(s, { Action: '*', Resource: 'arn:aws:s3:::b/*' }) },
      { name: 'star-resource', build: (s) => roleFunction(s, { Action: 's3:GetObject', Resource: '*' }) },
      { name: 'scoped', build: (s) => roleFunction(s, { Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) },
      {
        name: 'attached-policy-star',
        build: (s) => {
          const role = lambdaRole(s, []);
          new iam.CfnPolicy(s, 'Policy', {
            policyName: 'p',
            roles: [role.ref],
            policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
          });
          cfnFunction(s, { role: role.attrArn });
        },
      },
    ],
    narrower: ['star-resource'],
    broader: ['attached-policy-star'],
  },
  {
    ids: ['AwsSolutions-IAM5'],
    fixtures: [
      { name: 'service-star-action', build: (s) => roleFunction(s, { Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }) },
      { name: 'star-resource', build: (s) => roleFunction(s, { Action: 's3:GetObject', Resource: '*' }) },
      { name: 'partial-action', build: (s) => roleFunction(s, { Action: 's3:Get*', Resource: 'arn:aws:s3:::b/k' }) },
      {
        name: 'partial-resource',
        build: (s) => roleFunction(s, { Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }),
      },
      { name: 'scoped', build: (s) => roleFunction(s, { Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' }) },
      {
        name: 'role-no-function-uses',
        build: (s) => lambdaRole(s, [policy({ Action: 's3:*', Resource: '*' })]),
      },
    ],
    narrower: ['partial-action', 'partial-resource'],
  },
  {
    ids: [
      'HIPAA.Security-LambdaFunctionPublicAccessProhibited',
      'NIST.800.53.R5-LambdaFunctionPublicAccessProhibited',
      'PCI.DSS.321-LambdaFunctionPublicAccessProhibited',
    ],
    fixtures: LAMBDA_PUBLIC,
    narrower: ['function-url-public'],
  },
  {
    ids: ['Serverless-CloudWatchLogGroupRetentionPeriod'],
    fixtures: LOG_GROUP_RETENTION,
    broader: ['function-without-log-group'],
  },
  { ids: ['NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod'], fixtures: LOG_GROUP_RETENTION },
  {
    ids: ['HIPAA.Security-CloudWatchLogGroupEncrypted', 'NIST.800.53.R5-CloudWatchLogGroupEncrypted'],
    fixtures: LOG_GROUP_ENCRYPTED,
  },
  {
    ids: ['HIPAA.Security-CloudWatchAlarmAction', 'NIST.800.53.R5-CloudWatchAlarmAction'],
    fixtures: ALARM_ACTION,
    narrower: ['consumed-by-composite'],
    broader: ['ok-action-only'],
  },
  {
    ids: ['HIPAA.Security-SNSEncryptedKMS', 'NIST.800.53.R5-SNSEncryptedKMS', 'PCI.DSS.321-SNSEncryptedKMS'],
    fixtures: SNS_KMS,
  },
  {
    ids: ['AwsSolutions-DDB3', 'HIPAA.Security-DynamoDBPITREnabled'],
    fixtures: DDB_PITR,
    broader: ['global-table-no-pitr'],
  },
  {
    ids: ['HIPAA.Security-DynamoDBAutoScalingEnabled', 'NIST.800.53.R4-DynamoDBAutoScalingEnabled'],
    fixtures: DDB_AUTOSCALING,
  },
  {
    ids: ['Serverless-APIGWAccessLogging', 'AwsSolutions-APIG1'],
    fixtures: [
      { name: 'rest-no-logging', build: (s) => restStage(s) },
      { name: 'rest-logging', build: (s) => restStage(s, { accessLogSetting: FULL_LOGGING }) },
      {
        name: 'rest-destination-no-format',
        build: (s) => restStage(s, { accessLogSetting: { destinationArn: LOG_ARN } }),
      },
      { name: 'http-no-logging', build: (s) => httpStage(s) },
      { name: 'http-logging', build: (s) => httpStage(s, { accessLogSettings: FULL_LOGGING }) },
      { name: 'deployment-stage-no-logging', build: (s) => deploymentStage(s, {}) },
      {
        name: 'l2-rest-api-default',
        build: (s) => new apigw.RestApi(s, 'L2Api').root.addMethod('GET'),
      },
    ],
    broader: ['deployment-stage-no-logging'],
  },
  {
    ids: ['Serverless-APIGWDefaultThrottling'],
    fixtures: [
      { name: 'rest-no-throttling', build: (s) => restStage(s) },
      { name: 'rest-throttling', build: (s) => restStage(s, { methodSettings: [THROTTLE_ALL] }) },
      {
        name: 'rest-rate-only',
        build: (s) => restStage(s, { methodSettings: [{ ...THROTTLE_ALL, throttlingBurstLimit: undefined }] }),
      },
      { name: 'http-no-throttling', build: (s) => httpStage(s) },
      {
        name: 'http-throttling',
        build: (s) => httpStage(s, { defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 } }),
      },
      { name: 'deployment-stage-no-throttling', build: (s) => deploymentStage(s, {}) },
    ],
    broader: ['deployment-stage-no-throttling'],
  },
  {
    ids: ['Serverless-APIGWStructuredLogging'],
    fixtures: [
      {
        name: 'rest-clf',
        build: (s) =>
          restStage(s, { accessLogSetting: { destinationArn: LOG_ARN, format: '$context.requestId $context.status' } }),
      },
      { name: 'rest-json', build: (s) => restStage(s, { accessLogSetting: FULL_LOGGING }) },
      {
        name: 'rest-json-without-request-id',
        build: (s) =>
          restStage(s, {
            accessLogSetting: { destinationArn: LOG_ARN, format: JSON.stringify({ status: '$context.status' }) },
          }),
      },
      {
        name: 'http-clf',
        build: (s) => httpStage(s, { accessLogSettings: { destinationArn: LOG_ARN, format: '$context.requestId' } }),
      },
      { name: 'http-json', build: (s) => httpStage(s, { accessLogSettings: FULL_LOGGING }) },
    ],
    broader: ['rest-json-without-request-id'],
  },
  {
    ids: ['Serverless-APIGWXrayEnabled', 'HIPAA.Security-APIGWXrayEnabled'],
    fixtures: REST_TRACING,
    broader: ['deployment-stage-no-tracing'],
  },
  {
    ids: ['AwsSolutions-APIG6', 'HIPAA.Security-APIGWExecutionLoggingEnabled'],
    fixtures: REST_EXECUTION_LOGGING,
    broader: ['deployment-stage-no-logging'],
  },
  {
    ids: ['AwsSolutions-APIG3', 'NIST.800.53.R5-APIGWAssociatedWithWAF'],
    fixtures: REST_WAF,
    narrower: ['private-api'],
  },
  {
    ids: ['AwsSolutions-APIG4'],
    fixtures: [
      {
        name: 'rest-method-none',
        build: (s) =>
          new apigw.CfnMethod(s, 'Method', {
            restApiId: restApi(s).ref,
            resourceId: 'abc',
            httpMethod: 'GET',
            authorizationType: 'NONE',
          }),
      },
      {
        name: 'rest-method-iam',
        build: (s) =>
          new apigw.CfnMethod(s, 'Method', {
            restApiId: restApi(s).ref,
            resourceId: 'abc',
            httpMethod: 'GET',
            authorizationType: 'AWS_IAM',
          }),
      },
      {
        name: 'rest-options-none',
        build: (s) =>
          new apigw.CfnMethod(s, 'Method', {
            restApiId: restApi(s).ref,
            resourceId: 'abc',
            httpMethod: 'OPTIONS',
            authorizationType: 'NONE',
          }),
      },
      {
        name: 'http-route-none',
        build: (s) => {
          const api = new apigwv2.CfnApi(s, 'HttpApi', { name: 'api', protocolType: 'HTTP' });
          new apigwv2.CfnRoute(s, 'Route', { apiId: api.ref, routeKey: 'GET /items', authorizationType: 'NONE' });
        },
      },
      {
        name: 'http-route-jwt',
        build: (s) => {
          const api = new apigwv2.CfnApi(s, 'HttpApi', { name: 'api', protocolType: 'HTTP' });
          new apigwv2.CfnRoute(s, 'Route', {
            apiId: api.ref,
            routeKey: 'GET /items',
            authorizationType: 'JWT',
            authorizerId: 'abc',
          });
        },
      },
    ],
    narrower: ['rest-options-none'],
  },
  {
    ids: ['Serverless-AppSyncTracing'],
    fixtures: [
      { name: 'no-tracing', build: (s) => graphqlApi(s) },
      { name: 'tracing', build: (s) => graphqlApi(s, { xrayEnabled: true }) },
    ],
  },
  {
    ids: ['AwsSolutions-ASC3'],
    fixtures: [
      { name: 'no-log-config', build: (s) => graphqlApi(s) },
      {
        name: 'error-level',
        build: (s) => graphqlApi(s, { logConfig: { cloudWatchLogsRoleArn: ROLE_ARN, fieldLogLevel: 'ERROR' } }),
      },
      {
        name: 'exclude-verbose-content',
        build: (s) =>
          graphqlApi(s, {
            logConfig: { cloudWatchLogsRoleArn: ROLE_ARN, fieldLogLevel: 'ALL', excludeVerboseContent: true },
          }),
      },
      {
        name: 'field-level-none',
        build: (s) => graphqlApi(s, { logConfig: { cloudWatchLogsRoleArn: ROLE_ARN, fieldLogLevel: 'NONE' } }),
      },
    ],
    narrower: ['exclude-verbose-content'],
    broader: ['field-level-none'],
  },
  {
    ids: ['Serverless-EventBusDLQ'],
    fixtures: [
      {
        name: 'no-dlq',
        build: (s) =>
          new events.CfnRule(s, 'Rule', { scheduleExpression: 'rate(1 hour)', targets: [{ id: 't', arn: QUEUE_ARN }] }),
      },
      {
        name: 'dlq',
        build: (s) =>
          new events.CfnRule(s, 'Rule', {
            scheduleExpression: 'rate(1 hour)',
            targets: [{ id: 't', arn: QUEUE_ARN, deadLetterConfig: { arn: QUEUE_ARN } }],
          }),
      },
      {
        name: 'one-target-without-dlq',
        build: (s) =>
          new events.CfnRule(s, 'Rule', {
            scheduleExpression: 'rate(1 hour)',
            targets: [
              { id: 'a', arn: QUEUE_ARN, deadLetterConfig: { arn: QUEUE_ARN } },
              { id: 'b', arn: TOPIC_ARN },
            ],
          }),
      },
      {
        name: 'empty-dead-letter-config',
        build: (s) =>
          new events.CfnRule(s, 'Rule', {
            scheduleExpression: 'rate(1 hour)',
            targets: [{ id: 't', arn: QUEUE_ARN, deadLetterConfig: {} }],
          }),
      },
    ],
    broader: ['empty-dead-letter-config'],
  },
  {
    ids: ['Serverless-SNSRedrivePolicy'],
    fixtures: [
      {
        name: 'sqs-no-redrive',
        build: (s) => new sns.CfnSubscription(s, 'Sub', { topicArn: TOPIC_ARN, protocol: 'sqs', endpoint: QUEUE_ARN }),
      },
      {
        name: 'sqs-redrive',
        build: (s) =>
          new sns.CfnSubscription(s, 'Sub', {
            topicArn: TOPIC_ARN,
            protocol: 'sqs',
            endpoint: QUEUE_ARN,
            redrivePolicy: { deadLetterTargetArn: QUEUE_ARN },
          }),
      },
      {
        name: 'email-no-redrive',
        build: (s) =>
          new sns.CfnSubscription(s, 'Sub', { topicArn: TOPIC_ARN, protocol: 'email', endpoint: 'a@example.com' }),
      },
    ],
    narrower: ['email-no-redrive'],
  },
  {
    ids: ['Serverless-SQSRedrivePolicy'],
    fixtures: [
      { name: 'no-redrive', build: (s) => new sqs.CfnQueue(s, 'Queue') },
      {
        name: 'redrive',
        build: (s) =>
          new sqs.CfnQueue(s, 'Queue', { redrivePolicy: { deadLetterTargetArn: QUEUE_ARN, maxReceiveCount: 3 } }),
      },
      {
        name: 'l2-with-dlq',
        build: (s) =>
          new sqs.Queue(s, 'Queue', { deadLetterQueue: { queue: new sqs.Queue(s, 'Dlq'), maxReceiveCount: 3 } }),
      },
    ],
    narrower: ['l2-with-dlq'],
  },
  {
    ids: ['AwsSolutions-SQS3'],
    fixtures: [
      { name: 'no-redrive', build: (s) => new sqs.CfnQueue(s, 'Queue') },
      {
        name: 'l2-with-dlq',
        build: (s) =>
          new sqs.Queue(s, 'Queue', { deadLetterQueue: { queue: new sqs.Queue(s, 'Dlq'), maxReceiveCount: 3 } }),
      },
      {
        name: 'dlq-of-function',
        build: (s) => {
          const dlq = new sqs.CfnQueue(s, 'Dlq');
          cfnFunction(s, { deadLetterConfig: { targetArn: dlq.attrArn } });
        },
      },
      {
        name: 'dlq-of-eventbridge-target',
        build: (s) => {
          const dlq = new sqs.CfnQueue(s, 'Dlq');
          new events.CfnRule(s, 'Rule', {
            scheduleExpression: 'rate(1 hour)',
            targets: [{ id: 't', arn: TOPIC_ARN, deadLetterConfig: { arn: dlq.attrArn } }],
          });
        },
      },
    ],
    narrower: ['dlq-of-eventbridge-target'],
  },
  {
    ids: ['AwsSolutions-SQS2'],
    fixtures: [
      { name: 'sse-off', build: (s) => new sqs.CfnQueue(s, 'Queue', { sqsManagedSseEnabled: false }) },
      { name: 'default', build: (s) => new sqs.CfnQueue(s, 'Queue') },
      { name: 'kms', build: (s) => new sqs.CfnQueue(s, 'Queue', { kmsMasterKeyId: KEY_ARN }) },
      {
        name: 'l2-unencrypted',
        build: (s) => new sqs.Queue(s, 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED }),
      },
    ],
  },
  {
    ids: ['AwsSolutions-SQS4'],
    fixtures: [
      { name: 'no-policy', build: (s) => new sqs.CfnQueue(s, 'Queue') },
      { name: 'deny-all-actions', build: (s) => queuePolicy(s, new sqs.CfnQueue(s, 'Queue'), 'sqs:*') },
      { name: 'deny-some-actions', build: (s) => queuePolicy(s, new sqs.CfnQueue(s, 'Queue'), ['sqs:SendMessage']) },
      { name: 'l2-enforce-ssl', build: (s) => new sqs.Queue(s, 'Queue', { enforceSSL: true }) },
    ],
  },
  {
    ids: ['AwsSolutions-SNS3'],
    fixtures: [
      { name: 'no-policy', build: (s) => new sns.CfnTopic(s, 'Topic') },
      { name: 'kms', build: (s) => new sns.CfnTopic(s, 'Topic', { kmsMasterKeyId: KEY_ARN }) },
      { name: 'l2-enforce-ssl', build: (s) => new sns.Topic(s, 'Topic', { enforceSSL: true }) },
    ],
  },
  {
    ids: ['Serverless-StepFunctionStateMachineXray', 'AwsSolutions-SF2'],
    fixtures: [
      { name: 'no-tracing', build: (s) => stateMachine(s) },
      { name: 'tracing', build: (s) => stateMachine(s, { tracingConfiguration: { enabled: true } }) },
      { name: 'tracing-off', build: (s) => stateMachine(s, { tracingConfiguration: { enabled: false } }) },
    ],
  },
  {
    ids: ['AwsSolutions-SF1'],
    fixtures: [
      { name: 'no-logging', build: (s) => stateMachine(s) },
      {
        name: 'all',
        build: (s) =>
          stateMachine(s, {
            loggingConfiguration: {
              level: 'ALL',
              destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: LOG_ARN } }],
            },
          }),
      },
      {
        name: 'error',
        build: (s) =>
          stateMachine(s, {
            loggingConfiguration: {
              level: 'ERROR',
              destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: LOG_ARN } }],
            },
          }),
      },
      { name: 'off', build: (s) => stateMachine(s, { loggingConfiguration: { level: 'OFF' } }) },
      {
        name: 'express-no-logging',
        build: (s) => stateMachine(s, { stateMachineType: 'EXPRESS' }),
      },
    ],
    narrower: ['error'],
  },
];

// ---- one app, one synth ----

interface Outcome {
  readonly nag: boolean;
  readonly ours: boolean;
}

const ALL_RULES = WellArchitectedRules.all();

function coveringRules(cdkNagId: string) {
  return ALL_RULES.filter((rule) => (rule.equivalents.cdkNag ?? []).includes(cdkNagId));
}

function stackName(differential: Differential, fixture: Fixture): string {
  return `${differential.ids[0].replace(/[^A-Za-z0-9]/g, '')}-${fixture.name}`;
}

function run(): Map<string, Map<string, Outcome>> {
  const app = new App();
  const stacks = new Map<string, Stack>();
  for (const differential of DIFFERENTIALS) {
    for (const fixture of differential.fixtures) {
      const name = stackName(differential, fixture);
      const stack = new Stack(app, name, { env: { account: ACCOUNT, region: 'us-east-1' } });
      fixture.build(stack);
      stacks.set(name, stack);
    }
  }
  const ours = new Map<string, Set<string>>();
  for (const [name, stack] of stacks) {
    ours.set(
      name,
      new Set(
        ALL_RULES.filter((rule) =>
          evaluateRule(rule, stack).some((o) => o.result.compliance === Compliance.NON_COMPLIANT),
        ).map((rule) => rule.id),
      ),
    );
  }
  const nag = new Set(
    nagFindings(app, {
      packs: [
        new ServerlessChecks(app),
        new AwsSolutionsChecks(app),
        new HIPAASecurityChecks(app),
        new NIST80053R4Checks(app),
        new NIST80053R5Checks(app),
        new PCIDSS321Checks(app),
      ],
    }).open.map((finding) => {
      const [rule, path] = finding.split(' ');
      return `${rule.replace(/\[.*$/, '')} ${path.split('/')[0]}`;
    }),
  );
  const outcomes = new Map<string, Map<string, Outcome>>();
  for (const differential of DIFFERENTIALS) {
    for (const id of differential.ids) {
      const byFixture = new Map<string, Outcome>();
      const covering = coveringRules(id).map((r) => r.id);
      for (const fixture of differential.fixtures) {
        const name = stackName(differential, fixture);
        byFixture.set(fixture.name, {
          nag: nag.has(`${id} ${name}`),
          ours: covering.some((rule) => ours.get(name)!.has(rule)),
        });
      }
      outcomes.set(id, byFixture);
    }
  }
  return outcomes;
}

const cdkNagIds: [string, ExternalRule][] = EXTERNAL_RULE_SETS.filter((set) => set.equivalentsKey === 'cdkNag').flatMap(
  (set) => set.rules.map((rule) => [rule.id, rule] as [string, ExternalRule]),
);

describe('cdk-nag against the catalogue, on the same fixtures', () => {
  let outcomes: Map<string, Map<string, Outcome>>;
  beforeAll(() => {
    outcomes = run();
  });

  test('every cdk-nag id the catalogue names has fixtures, and only those', () => {
    const tested = DIFFERENTIALS.flatMap((d) => d.ids).sort();
    expect(tested).toEqual(cdkNagIds.map(([id]) => id).sort());
    expect(new Set(tested).size).toBe(tested.length);
  });

  test.each(cdkNagIds)(
    '%s: the differences are exactly the listed cases, and the verdict matches them',
    (id, external) => {
      const differential = DIFFERENTIALS.find((d) => d.ids.includes(id))!;
      const byFixture = outcomes.get(id)!;
      const fixtures = differential.fixtures;
      // The fixtures can tell the rules apart: cdk-nag flags some and passes some.
      expect(fixtures.some((f) => byFixture.get(f.name)!.nag)).toBe(true);
      expect(fixtures.some((f) => !byFixture.get(f.name)!.nag)).toBe(true);
      // A value ours cannot resolve is never a finding of ours.
      expect(fixtures.filter((f) => f.unknown && byFixture.get(f.name)!.ours).map((f) => f.name)).toEqual([]);
      const known = fixtures.filter((f) => !f.unknown);
      const narrowerCases = known
        .filter((f) => byFixture.get(f.name)!.nag && !byFixture.get(f.name)!.ours)
        .map((f) => f.name);
      const broaderCases = known
        .filter((f) => !byFixture.get(f.name)!.nag && byFixture.get(f.name)!.ours)
        .map((f) => f.name);
      expect({ narrower: narrowerCases, broader: broaderCases }).toEqual({
        narrower: differential.narrower ?? [],
        broader: differential.broader ?? [],
      });
      switch (external.verdict.kind) {
        case 'equivalent':
          expect([...narrowerCases, ...broaderCases]).toEqual([]);
          break;
        case 'narrower':
          expect(narrowerCases.length).toBeGreaterThan(0);
          break;
        case 'broader':
          expect(narrowerCases).toEqual([]);
          expect(broaderCases.length).toBeGreaterThan(0);
          break;
        case 'not-covered':
          throw new Error(`${id} is named by a rule but its verdict is not-covered`);
      }
    },
  );
});
