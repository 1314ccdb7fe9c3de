import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, KinesisEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { newStack } from './fixtures';
import { Compliance } from '../../../../src';
import { lambdaRules } from '../../../../src/checks/rules/lambda';
import { LambdaRuntimeSupportRule } from '../../../../src/checks/rules/lambda/lambda-runtime-support';
import { evaluateRule } from '../../rule-harness';

/** A function configured the way the rules recommend, with its three alarms. */
function recommendedFunction(scope: Construct, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  const timeout = props.timeout ?? Duration.seconds(10);
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    memorySize: 512,
    timeout,
    tracing: lambda.Tracing.ACTIVE,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    logGroup: new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH }),
    ...props,
  });
  fn.metricErrors().createAlarm(scope, `${id}Errors`, { threshold: 1, evaluationPeriods: 1 });
  fn.metricThrottles().createAlarm(scope, `${id}Throttles`, { threshold: 1, evaluationPeriods: 1 });
  fn.metricDuration({ statistic: 'p99' }).createAlarm(scope, `${id}Duration`, {
    threshold: timeout.toMilliseconds() * 0.8,
    evaluationPeriods: 3,
  });
  return fn;
}

test('a stack built the recommended way with L2 constructs has no Lambda finding', () => {
  const stack = newStack();

  // Synchronous: API Gateway.
  new apigateway.LambdaRestApi(stack, 'Api', { handler: recommendedFunction(stack, 'ApiHandler') });

  // Asynchronous: S3 notifications, with an on-failure destination and explicit retry settings.
  const failures = new sqs.Queue(stack, 'AsyncFailures', { enforceSSL: true });
  const onUpload = recommendedFunction(stack, 'OnUpload', {
    onFailure: new destinations.SqsDestination(failures),
    retryAttempts: 1,
    maxEventAge: Duration.hours(1),
  });
  new s3.Bucket(stack, 'Uploads').addEventNotification(
    s3.EventType.OBJECT_CREATED,
    new s3n.LambdaDestination(onUpload),
  );

  // SQS consumer: visibility timeout 6 x 10 s + 5 s window, partial batch responses, concurrency within reserve.
  const jobs = new sqs.Queue(stack, 'Jobs', { visibilityTimeout: Duration.seconds(65) });
  recommendedFunction(stack, 'Worker', { reservedConcurrentExecutions: 10 }).addEventSource(
    new SqsEventSource(jobs, {
      batchSize: 50,
      maxBatchingWindow: Duration.seconds(5),
      reportBatchItemFailures: true,
      maxConcurrency: 10,
    }),
  );

  // DynamoDB stream consumer with bounded retries, bisect and an on-failure destination.
  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  });
  recommendedFunction(stack, 'Projector').addEventSource(
    new DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      onFailure: new SqsDlq(failures),
      bisectBatchOnError: true,
      retryAttempts: 3,
      maxRecordAge: Duration.hours(1),
      reportBatchItemFailures: true,
    }),
  );
  table.grantReadWriteData(onUpload);

  // Kinesis consumer reading a KMS-encrypted stream.
  const stream = new kinesis.Stream(stack, 'Clicks', {
    encryption: kinesis.StreamEncryption.KMS,
    encryptionKey: new kms.Key(stack, 'StreamKey'),
  });
  recommendedFunction(stack, 'ClickCounter').addEventSource(
    new KinesisEventSource(stream, {
      startingPosition: lambda.StartingPosition.LATEST,
      onFailure: new SqsDlq(failures),
      bisectBatchOnError: true,
      retryAttempts: 3,
      maxRecordAge: Duration.hours(1),
    }),
  );

  const rules = lambdaRules().map((rule) =>
    rule.id === 'WA-LambdaRuntimeSupport'
      ? new LambdaRuntimeSupportRule({ evaluationDate: new Date('2026-01-01T00:00:00Z') })
      : rule,
  );
  const lambdaPaths = ['ApiHandler/', 'OnUpload/', 'Worker/', 'Projector/', 'ClickCounter/'];
  const problems = rules.flatMap((rule) =>
    evaluateRule(rule, stack)
      .filter((o) => o.result.compliance === Compliance.NON_COMPLIANT)
      .map((o) => `${rule.id} ${o.constructPath}: ${o.result.message}`),
  );
  expect(problems).toEqual([]);
  // The stack does exercise the rules: each user function was evaluated and found compliant by some rule.
  for (const path of lambdaPaths) {
    const compliant = rules.some((rule) =>
      evaluateRule(rule, stack).some(
        (o) => o.constructPath.includes(path) && o.result.compliance === Compliance.COMPLIANT,
      ),
    );
    expect(compliant).toBe(true);
  }
});
