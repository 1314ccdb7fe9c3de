import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Compliance } from '../../../../src';
import { IamAdministratorAccessRule } from '../../../../src/checks/rules/iam/iam-administrator-access';
import { IamWildcardActionsRule } from '../../../../src/checks/rules/iam/iam-wildcard-actions';
import { IamWildcardResourcesRule } from '../../../../src/checks/rules/iam/iam-wildcard-resources';
import { complianceOf, findings } from '../../rule-harness';
import { l2Function, newStack } from '../lambda/fixtures';

const ASSUME = {
  Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

function serviceRole(scope: any, id: string): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
}

describe('WA-IamAdministratorAccess', () => {
  const rule = new IamAdministratorAccessRule();

  test('L2 role granted a queue and the CDK defaults is compliant', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Queue').grantSendMessages(serviceRole(stack, 'Role'));
    expect(findings(rule, stack)).toHaveLength(0);
    expect(complianceOf(rule, stack, 'Role/Resource')).toBe(Compliance.COMPLIANT);
  });

  test("'*' on '*' is an error wherever it is: a function's execution role, an iam.Policy, a user's inline policy", () => {
    const stack = newStack();
    l2Function(stack, 'Fn').addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    const user = new iam.CfnUser(stack, 'User', {
      policies: [{ policyName: 'all', policyDocument: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } } }],
    });
    expect(user).toBeDefined();
    expect(complianceOf(rule, stack, 'Fn/ServiceRole/DefaultPolicy')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/User')).toBe(Compliance.NON_COMPLIANT);
    expect(rule.severity).toBe('error');
    expect(
      findings(rule, stack)
        .map((f) => f.result.message)
        .join('\n'),
    ).toMatch(/inline policy 'all' of user User/);
  });

  test('the AWS managed policy AdministratorAccess attached to an L2 role or an L1 group is an error', () => {
    const stack = newStack();
    serviceRole(stack, 'Role').addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
    new iam.CfnGroup(stack, 'Admins', { managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] });
    new iam.CfnGroup(stack, 'Readers', { managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
    expect(complianceOf(rule, stack, 'Role/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/Admins')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/Readers')).toBe(Compliance.COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/AWS managed policy AdministratorAccess/);
  });

  test("'*' on '*' under a Condition is not full administrator access; a parameter document is unknown", () => {
    const stack = newStack();
    new iam.CfnPolicy(stack, 'Conditioned', {
      policyName: 'c',
      roles: ['existing'],
      policyDocument: {
        Statement: {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      },
    });
    const action = new CfnParameter(stack, 'Action');
    new iam.CfnPolicy(stack, 'Param', {
      policyName: 'p',
      roles: ['existing'],
      policyDocument: { Statement: { Effect: 'Allow', Action: action.valueAsString, Resource: '*' } },
    });
    expect(complianceOf(rule, stack, 'TestStack/Conditioned')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-IamWildcardActions', () => {
  const rule = new IamWildcardActionsRule();

  test('L2 roles with CDK grants (partial wildcards such as s3:GetObject*) are compliant', () => {
    const stack = newStack();
    const role = serviceRole(stack, 'Role');
    new s3.Bucket(stack, 'Bucket').grantReadWrite(role);
    new sqs.Queue(stack, 'Queue').grantConsumeMessages(role);
    expect(complianceOf(rule, stack, 'Role/DefaultPolicy')).toBe(Compliance.COMPLIANT);
  });

  test('a role no function uses with s3:* is non-compliant (the Lambda rules never looked at it)', () => {
    const stack = newStack();
    serviceRole(stack, 'Role').addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::my-bucket/*'] }),
    );
    const found = findings(rule, stack);
    expect(found).toHaveLength(1);
    expect(found[0].result.message).toMatch(/policy RoleDefaultPolicy\w+ allows 's3:\*'/);
  });

  test('a partial wildcard that reaches permissions management (s3:Put*, iam:*Policy) is non-compliant', () => {
    const stack = newStack();
    new iam.CfnManagedPolicy(stack, 'Managed', {
      policyDocument: {
        Statement: [{ Effect: 'Allow', Action: ['s3:Put*'], Resource: 'arn:aws:s3:::my-bucket' }],
      },
    });
    new iam.CfnUserPolicy(stack, 'UserPolicy', {
      userName: 'someone',
      policyName: 'p',
      policyDocument: {
        Statement: [{ Effect: 'Allow', Action: 'iam:Attach*Policy', Resource: 'arn:aws:iam::123456789012:role/x' }],
      },
    });
    expect(complianceOf(rule, stack, 'TestStack/Managed')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/UserPolicy')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /'s3:Put\*' \(which covers permissions management: s3:Put\w+/,
    );
  });

  test('PowerUserAccess and IAMFullAccess attached to a role are non-compliant; the execution role of a function is left to the Lambda rule', () => {
    const stack = newStack();
    serviceRole(stack, 'Power').addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess'));
    new iam.CfnRole(stack, 'IamAdmin', {
      assumeRolePolicyDocument: ASSUME,
      managedPolicyArns: ['arn:aws:iam::aws:policy/IAMFullAccess'],
    });
    l2Function(stack, 'Fn').addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    expect(complianceOf(rule, stack, 'Power/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/IamAdmin')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Fn/ServiceRole/DefaultPolicy')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Fn/ServiceRole/Resource')).toBe(Compliance.NOT_APPLICABLE);
    expect(
      findings(rule, stack)
        .map((f) => f.result.message)
        .join('\n'),
    ).toMatch(
      /every action except NotAction in AWS managed policy PowerUserAccess[\s\S]*'iam:\*' in AWS managed policy IAMFullAccess/,
    );
  });

  test('an Fn::If action or a parameter policy list is unknown', () => {
    const stack = newStack();
    serviceRole(stack, 'Role').addToPolicy(
      new iam.PolicyStatement({
        actions: [Fn.conditionIf('Wide', 's3:*', 's3:GetObject').toString()],
        resources: ['*'],
      }),
    );
    expect(complianceOf(rule, stack, 'Role/DefaultPolicy')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-IamWildcardResources', () => {
  const rule = new IamWildcardResourcesRule();

  test('L2 role with grants, X-Ray on * and an object wildcard under one bucket is compliant', () => {
    const stack = newStack();
    const role = serviceRole(stack, 'Role');
    new s3.Bucket(stack, 'Bucket').grantRead(role);
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'ec2:DescribeSubnets'], resources: ['*'] }),
    );
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::my-bucket/*'] }));
    expect(complianceOf(rule, stack, 'Role/DefaultPolicy')).toBe(Compliance.COMPLIANT);
  });

  test('actions the Service Authorization Reference scopes, on * or on an ARN naming no resource, are non-compliant', () => {
    const stack = newStack();
    new iam.CfnPolicy(stack, 'Star', {
      policyName: 'p',
      groups: ['devs'],
      policyDocument: {
        Statement: { Effect: 'Allow', Action: ['sqs:SendMessage', 'xray:PutTraceSegments'], Resource: '*' },
      },
    });
    new iam.CfnPolicy(stack, 'AllTables', {
      policyName: 'p',
      groups: ['devs'],
      policyDocument: {
        Statement: {
          Effect: 'Allow',
          Action: 'dynamodb:GetItem',
          Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:*:${AWS::AccountId}:table/*' },
        },
      },
    });
    new iam.CfnPolicy(stack, 'Describe', {
      policyName: 'p',
      groups: ['devs'],
      policyDocument: { Statement: { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' } },
    });
    expect(complianceOf(rule, stack, 'TestStack/Star')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/AllTables')).toBe(Compliance.NON_COMPLIANT);
    // ec2:Describe* covers ec2:DescribeInstanceAttribute, which names an instance.
    expect(complianceOf(rule, stack, 'TestStack/Describe')).toBe(Compliance.NON_COMPLIANT);
    const messages = findings(rule, stack)
      .map((f) => f.result.message)
      .join('\n');
    expect(messages).toMatch(/'sqs:SendMessage' on every resource in its PolicyDocument/);
    expect(messages).not.toMatch(/xray/);
    expect(messages).toMatch(/'ec2:Describe\*' \(ec2:Describe\w+, .* can be scoped\)/);
  });

  test('a Condition scopes the statement; an action of a service IAM does not know, or an Fn::If resource, is unknown', () => {
    const stack = newStack();
    new iam.CfnPolicy(stack, 'Conditioned', {
      policyName: 'p',
      groups: ['devs'],
      policyDocument: {
        Statement: {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/app': 'a' } },
        },
      },
    });
    new iam.CfnPolicy(stack, 'Unknown', {
      policyName: 'p',
      groups: ['devs'],
      policyDocument: { Statement: { Effect: 'Allow', Action: 'notaservice:DoThing', Resource: '*' } },
    });
    serviceRole(stack, 'Role').addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [Fn.conditionIf('All', '*', 'arn:aws:s3:::b/*').toString()],
      }),
    );
    expect(complianceOf(rule, stack, 'TestStack/Conditioned')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/Unknown')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Role/DefaultPolicy')).toBe(Compliance.UNKNOWN);
  });
});
