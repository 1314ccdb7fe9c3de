import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { cfnLintErrors } from './helpers';
import { WellArchitectedDefaults } from '../../src/remediation';

/** A stack of raw L1s, the shapes a CloudFormation import (`CfnInclude`) or an old codebase has. */
function l1Stack(): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Raw', { env: { account: '123456789012', region: 'eu-west-1' } });
  const role = new iam.CfnRole(stack, 'Role', {
    assumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
  });
  const fn = new lambda.CfnFunction(stack, 'Fn', {
    code: { zipFile: 'exports.handler = async () => ({ batchItemFailures: [] });' },
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    role: role.attrArn,
    timeout: 20,
  });
  const orders = new sqs.CfnQueue(stack, 'Orders', { fifoQueue: true, visibilityTimeout: 120 });
  const jobs = new sqs.CfnQueue(stack, 'Jobs', { visibilityTimeout: 120 });
  new sqs.CfnQueuePolicy(stack, 'JobsPolicy', {
    queues: [jobs.ref],
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: jobs.attrArn,
        },
      ],
    },
  });
  new lambda.CfnEventSourceMapping(stack, 'JobsMapping', { functionName: fn.ref, eventSourceArn: jobs.attrArn });
  new lambda.CfnEventSourceMapping(stack, 'OrdersMapping', { functionName: fn.ref, eventSourceArn: orders.attrArn });
  const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'raw' });
  const method = new apigateway.CfnMethod(stack, 'Get', {
    restApiId: api.ref,
    resourceId: api.attrRootResourceId,
    httpMethod: 'GET',
    authorizationType: 'NONE',
    integration: { type: 'MOCK' },
  });
  const deployment = new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref });
  deployment.addDependency(method);
  new apigateway.CfnStage(stack, 'Stage', { restApiId: api.ref, deploymentId: deployment.ref, stageName: 'v1' });
  return { app, stack };
}

describe('a stack of L1 resources', () => {
  test('is remediated, and cfn-lint finds no error in the result', () => {
    const { app, stack } = l1Stack();
    WellArchitectedDefaults.markReportsBatchItemFailures(stack.node.findChild('Fn'));
    const defaults = WellArchitectedDefaults.applyTo(app);
    app.synth();
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources.Fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(resources.Orders.Properties.RedrivePolicy).toBeDefined();
    const dlqOfOrders = resources.Orders.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(resources[dlqOfOrders].Properties.FifoQueue).toBe(true);
    expect(resources.JobsPolicy.Properties.PolicyDocument.Statement).toHaveLength(2);
    expect(resources.JobsMapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(resources.OrdersMapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(resources.Stage.Properties.TracingEnabled).toBe(true);
    expect(defaults.changes.length).toBeGreaterThan(10);
    expect(cfnLintErrors(stack)).toEqual([]);
  });

  test('is idempotent', () => {
    const once = l1Stack();
    WellArchitectedDefaults.applyTo(once.app);
    const twice = l1Stack();
    WellArchitectedDefaults.applyTo(twice.app);
    const second = WellArchitectedDefaults.applyTo(twice.app);
    expect(Template.fromStack(twice.stack).toJSON()).toEqual(Template.fromStack(once.stack).toJSON());
    expect(second.changes).toEqual([]);
  });
});

test('the resources of a nested stack are remediated too', () => {
  const app = new App();
  const parent = new Stack(app, 'Parent');
  const nested = new NestedStack(parent, 'Nested');
  new sqs.Queue(nested, 'Jobs');
  WellArchitectedDefaults.applyTo(app);
  Template.fromStack(nested).hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
});
