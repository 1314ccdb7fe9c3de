import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { l1Function, l2Function, newStack } from './fixtures';
import { Compliance } from '../../../../src';
import { LambdaRoleWildcardActionsRule } from '../../../../src/checks/rules/lambda/lambda-role-wildcard-actions';
import { LambdaRoleWildcardResourcesRule } from '../../../../src/checks/rules/lambda/lambda-role-wildcard-resources';
import { LambdaSingleInvokingServiceRule } from '../../../../src/checks/rules/lambda/lambda-single-invoking-service';
import { complianceOf, findings } from '../../rule-harness';

describe('WA-LambdaRoleWildcardActions', () => {
  const rule = new LambdaRoleWildcardActionsRule();

  test('L2 function with grants, tracing and partial wildcards (s3:GetObject*) is compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn', { tracing: lambda.Tracing.ACTIVE });
    new s3.Bucket(stack, 'Bucket').grantRead(fn);
    new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    }).grantReadWriteData(fn);
    expect(complianceOf(rule, stack, 'Fn/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function with s3:* in addToRolePolicy is non-compliant, naming the action and the policy', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::my-bucket/*'] }));
    const found = findings(rule, stack);
    expect(found).toHaveLength(1);
    expect(found[0].result.message).toMatch(/allows 's3:\*' in policy FnServiceRoleDefaultPolicy/);
  });

  test('a separate iam.Policy and a customer managed policy attached to the role are read', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    new iam.Policy(stack, 'Extra', {
      statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['arn:aws:s3:::my-bucket'] })],
    }).attachToRole(fn.role!);
    const other = l2Function(stack, 'Other');
    other.role!.addManagedPolicy(
      new iam.ManagedPolicy(stack, 'Managed', {
        statements: [new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] })],
      }),
    );
    expect(complianceOf(rule, stack, 'Fn/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Other/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(
      findings(rule, stack)
        .map((f) => f.result.message)
        .join('\n'),
    ).toMatch(/'\*' in policy Extra[\s\S]*'dynamodb:\*' in policy Managed/);
  });

  test("'*' on '*' is left to WA-IamAdministratorAccess (an error); a partial wildcard reaching permissions management is non-compliant", () => {
    const stack = newStack();
    l2Function(stack, 'Admin').addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    l2Function(stack, 'Put').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:Put*'], resources: ['arn:aws:s3:::my-bucket'] }),
    );
    expect(complianceOf(rule, stack, 'Admin/Resource')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Put/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/'s3:Put\*' \(which covers permissions management: s3:Put/);
  });

  test('the AWS managed PowerUserAccess on an execution role is non-compliant; AWSLambdaBasicExecutionRole is not read', () => {
    const stack = newStack();
    l2Function(stack, 'Power').role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess'));
    l2Function(stack, 'Basic');
    expect(complianceOf(rule, stack, 'Power/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /every action except NotAction in AWS managed policy PowerUserAccess/,
    );
    expect(complianceOf(rule, stack, 'Basic/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('L1 role with an inline Allow NotAction is non-compliant; a Deny * is compliant', () => {
    const stack = newStack();
    const assume = {
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    const broad = new iam.CfnRole(stack, 'BroadRole', {
      assumeRolePolicyDocument: assume,
      policies: [
        { policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] } },
      ],
    });
    const deny = new iam.CfnRole(stack, 'DenyRole', {
      assumeRolePolicyDocument: assume,
      policies: [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } }],
    });
    l1Function(stack, 'Broad', { role: broad.attrArn });
    l1Function(stack, 'Denied', { role: deny.attrArn });
    expect(complianceOf(rule, stack, 'TestStack/Broad')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /every action except NotAction in inline policy 'p' of role BroadRole/,
    );
    expect(complianceOf(rule, stack, 'Denied')).toBe(Compliance.COMPLIANT);
  });

  test('an imported role, a parameter role, or an Fn::If action is unknown', () => {
    const stack = newStack();
    const roleArn = new CfnParameter(stack, 'RoleArn');
    l2Function(stack, 'Imported', {
      role: iam.Role.fromRoleArn(stack, 'Existing', 'arn:aws:iam::123456789012:role/existing'),
    });
    l1Function(stack, 'Param', { role: roleArn.valueAsString });
    const fn = l2Function(stack, 'Cond');
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [Fn.conditionIf('Admin', 's3:*', 's3:GetObject').toString()],
        resources: ['*'],
      }),
    );
    expect(complianceOf(rule, stack, 'Imported/Resource')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Cond/Resource')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaRoleWildcardResources', () => {
  const rule = new LambdaRoleWildcardResourcesRule();

  test('L2 function with tracing (X-Ray on *) and resource grants is compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn', { tracing: lambda.Tracing.ACTIVE });
    new s3.Bucket(stack, 'Bucket').grantReadWrite(fn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], resources: ['*'] }),
    );
    expect(complianceOf(rule, stack, 'Fn/Resource')).toBe(Compliance.COMPLIANT);
  });

  test("which actions can be scoped is the Service Authorization Reference's call, not a hand-kept list", () => {
    const stack = newStack();
    // The hand-kept list accepted these on '*'; the reference lists resource types for them (a CloudWatch dataset,
    // a network interface and subnet).
    l2Function(stack, 'Metrics').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['cloudwatch:PutMetricData'], resources: ['*'] }),
    );
    l2Function(stack, 'Eni').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ec2:CreateNetworkInterface'], resources: ['*'] }),
    );
    // An ARN that names no table is every table.
    l2Function(stack, 'Tables').addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/*'],
      }),
    );
    expect(complianceOf(rule, stack, 'Metrics/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Eni/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Tables/Resource')).toBe(Compliance.NON_COMPLIANT);
  });

  test("a function in a VPC may have Lambda's documented network-interface actions on *; other functions may not", () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
    const eniStatement = () =>
      new iam.PolicyStatement({
        actions: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses'],
        resources: ['*'],
      });
    l2Function(stack, 'InVpc', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }).addToRolePolicy(
      eniStatement(),
    );
    l2Function(stack, 'NoVpc').addToRolePolicy(eniStatement());
    // The exception covers those actions only: anything else on * still counts in a VPC function.
    l2Function(stack, 'InVpcWithMore', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    }).addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ec2:CreateNetworkInterface', 'ec2:TerminateInstances'], resources: ['*'] }),
    );
    expect(complianceOf(rule, stack, 'InVpc/Resource')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'NoVpc/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'InVpcWithMore/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack).find((f) => f.constructPath.includes('InVpcWithMore'))!.result.message).not.toMatch(
      /CreateNetworkInterface/,
    );
  });

  test('L2 function with dynamodb:GetItem on * is non-compliant; with a Condition it is compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn').addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'xray:PutTraceSegments'], resources: ['*'] }),
    );
    l2Function(stack, 'Conditioned').addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:ResourceTag/app': 'orders' } },
      }),
    );
    expect(complianceOf(rule, stack, 'Fn/Resource')).toBe(Compliance.NON_COMPLIANT);
    const message = findings(rule, stack)[0].result.message;
    expect(message).toMatch(/'dynamodb:GetItem' on every resource in policy FnServiceRoleDefaultPolicy/);
    expect(message).not.toMatch(/xray/);
    expect(complianceOf(rule, stack, 'Conditioned/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('L1 role: inline s3:GetObject on * is non-compliant, ec2:DescribeNetworkInterfaces on * compliant', () => {
    const stack = newStack();
    const assume = {
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    const wide = new iam.CfnRole(stack, 'WideRole', {
      assumeRolePolicyDocument: assume,
      policies: [
        {
          policyName: 'read',
          policyDocument: { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } },
        },
      ],
    });
    const describe = new iam.CfnRole(stack, 'DescribeRole', {
      assumeRolePolicyDocument: assume,
      policies: [
        {
          policyName: 'eni',
          policyDocument: {
            Statement: [{ Effect: 'Allow', Action: ['ec2:DescribeNetworkInterfaces'], Resource: ['*'] }],
          },
        },
      ],
    });
    l1Function(stack, 'Wide', { role: wide.attrArn });
    l1Function(stack, 'Describe', { role: describe.attrArn });
    expect(complianceOf(rule, stack, 'TestStack/Wide')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/Describe')).toBe(Compliance.COMPLIANT);
  });

  test('an imported role or an Fn::If resource is unknown', () => {
    const stack = newStack();
    l2Function(stack, 'Imported', { role: iam.Role.fromRoleName(stack, 'Existing', 'existing') });
    l2Function(stack, 'Cond').addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [Fn.conditionIf('All', '*', 'arn:aws:s3:::b/*').toString()],
      }),
    );
    expect(complianceOf(rule, stack, 'Imported/Resource')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Cond/Resource')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaSingleInvokingService', () => {
  const rule = new LambdaSingleInvokingServiceRule();

  test('L2 function behind one API Gateway (several permissions, one principal) is compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    new apigateway.LambdaRestApi(stack, 'Api', { handler: fn });
    expect(complianceOf(rule, stack, 'Fn/Resource')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function invoked by API Gateway and S3 is non-compliant, naming both', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    new apigateway.LambdaRestApi(stack, 'Api', { handler: fn });
    new s3.Bucket(stack, 'Bucket').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
    const found = findings(rule, stack);
    expect(found).toHaveLength(1);
    expect(found[0].result.message).toMatch(/2 different principals \(apigateway, s3\)/);
  });

  test('L1 permissions on the function, its alias, its literal name and ARN are counted together', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const version = new lambda.CfnVersion(stack, 'V1', { functionName: fn.ref });
    const alias = new lambda.CfnAlias(stack, 'Live', {
      functionName: fn.ref,
      functionVersion: version.attrVersion,
      name: 'live',
    });
    new lambda.CfnPermission(stack, 'Sns', {
      action: 'lambda:InvokeFunction',
      functionName: fn.attrArn,
      principal: 'sns.amazonaws.com',
    });
    new lambda.CfnPermission(stack, 'Events', {
      action: 'lambda:InvokeFunction',
      functionName: alias.ref,
      principal: 'events.amazonaws.com',
    });
    l1Function(stack, 'Single', { functionName: 'single-fn' });
    new lambda.CfnPermission(stack, 'SingleSns', {
      action: 'lambda:InvokeFunction',
      functionName: 'single-fn',
      principal: 'sns.amazonaws.com',
    });
    new lambda.CfnPermission(stack, 'SingleSnsByArn', {
      action: 'lambda:InvokeFunction',
      functionName: 'arn:aws:lambda:us-east-1:123456789012:function:single-fn',
      principal: 'sns.amazonaws.com',
    });
    new lambda.CfnPermission(stack, 'SingleS3', {
      action: 'lambda:InvokeFunction',
      functionName: 'single-fn:live',
      principal: 's3.amazonaws.com',
    });
    expect(complianceOf(rule, stack, 'TestStack/Fn')).toBe(Compliance.NON_COMPLIANT);
    // 'single-fn:live' is a partial ARN of the function's alias, so S3 is a second invoker.
    expect(complianceOf(rule, stack, 'TestStack/Single')).toBe(Compliance.NON_COMPLIANT);
  });

  test('L1 function with several permissions for one service (regional principal form included) is compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const base = { action: 'lambda:InvokeFunction', functionName: fn.attrArn };
    new lambda.CfnPermission(stack, 'LogsA', {
      ...base,
      principal: 'logs.amazonaws.com',
      sourceArn: 'arn:aws:logs:us-east-1:123456789012:log-group:a:*',
    });
    new lambda.CfnPermission(stack, 'LogsB', {
      ...base,
      principal: 'logs.us-east-1.amazonaws.com',
      sourceArn: 'arn:aws:logs:us-east-1:123456789012:log-group:b:*',
    });
    expect(complianceOf(rule, stack, 'TestStack/Fn')).toBe(Compliance.COMPLIANT);
  });

  test('a permission with a parameter principal is unknown when the others agree', () => {
    const stack = newStack();
    const principal = new CfnParameter(stack, 'Principal');
    const fn = l1Function(stack, 'Fn');
    new lambda.CfnPermission(stack, 'Sns', {
      action: 'lambda:InvokeFunction',
      functionName: fn.ref,
      principal: 'sns.amazonaws.com',
    });
    new lambda.CfnPermission(stack, 'Param', {
      action: 'lambda:InvokeFunction',
      functionName: fn.ref,
      principal: principal.valueAsString,
    });
    expect(complianceOf(rule, stack, 'TestStack/Fn')).toBe(Compliance.UNKNOWN);
  });
});
