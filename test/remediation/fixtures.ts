import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventsources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/** The resources of a typical existing serverless stack, built from plain aws-cdk-lib L2s. */
export interface PlainStack {
  readonly app: App;
  readonly stack: Stack;
  readonly worker: lambda.Function;
  readonly api: lambda.Function;
  readonly queue: sqs.Queue;
  readonly restApi: apigateway.RestApi;
  readonly httpApi: apigwv2.HttpApi;
}

export function handler(scope: Stack, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    // Memory and timeout are the app's own choice: the defaults do not set them.
    memorySize: 512,
    timeout: Duration.seconds(10),
    ...props,
  });
}

/** A stack of plain L2s: a queue consumed by a function, a REST API and an HTTP API in front of another function. */
export function plainStack(app: App = new App()): PlainStack {
  const stack = new Stack(app, 'Legacy', { env: { account: '123456789012', region: 'eu-west-1' } });
  const queue = new sqs.Queue(stack, 'Jobs', { visibilityTimeout: Duration.seconds(60) });
  const worker = handler(stack, 'Worker');
  worker.addEventSource(new eventsources.SqsEventSource(queue, { batchSize: 10 }));
  const api = handler(stack, 'Api');
  const restApi = new apigateway.RestApi(stack, 'Rest');
  restApi.root.addMethod('GET', new apigateway.LambdaIntegration(api));
  const httpApi = new apigwv2.HttpApi(stack, 'Http', {
    defaultIntegration: new integrations.HttpLambdaIntegration('ApiIntegration', api),
  });
  return { app, stack, worker, api, queue, restApi, httpApi };
}
