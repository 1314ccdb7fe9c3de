import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Compliance } from '../../../../src';
import { literalWithPseudoParameters, servicePrincipalName } from '../../../../src/checks/rules/iam/pseudo-literal';
import { LambdaPermissionSourceScopeRule } from '../../../../src/checks/rules/lambda/lambda-permission-source-scope';
import { LambdaSingleInvokingServiceRule } from '../../../../src/checks/rules/lambda/lambda-single-invoking-service';
import { Answer, namesService } from '../../../../src/checks/rules/sqs/policy-document';
import { complianceOf } from '../../rule-harness';
import { l1Function, newStack } from '../lambda/fixtures';

describe('principals written with Fn::Sub or Fn::Join over pseudo parameters', () => {
  test('read as their text, with the pseudo parameters in place; anything else is unknown', () => {
    expect(literalWithPseudoParameters({ 'Fn::Sub': 'pinpoint.${AWS::Region}.amazonaws.com' })).toBe(
      'pinpoint.${AWS::Region}.amazonaws.com',
    );
    expect(
      literalWithPseudoParameters({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']],
      }),
    ).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:root');
    expect(literalWithPseudoParameters({ 'Fn::Sub': ['${!Literal}.amazonaws.com', {}] })).toBe(
      '${!Literal}.amazonaws.com',
    );
    expect(literalWithPseudoParameters({ 'Fn::Sub': '${Param}.amazonaws.com' })).toBeUndefined();
    expect(literalWithPseudoParameters({ 'Fn::Sub': ['${X}.amazonaws.com', { X: 'sns' }] })).toBeUndefined();
    expect(literalWithPseudoParameters({ Ref: 'Param' })).toBeUndefined();
    expect(literalWithPseudoParameters({ 'Fn::If': ['C', 'a', 'b'] })).toBeUndefined();
  });

  test('a service principal is the service it names, in any of its forms', () => {
    expect(servicePrincipalName({ 'Fn::Sub': 'pinpoint.${AWS::Region}.amazonaws.com' })).toBe('pinpoint');
    expect(servicePrincipalName({ 'Fn::Sub': 'states.${AWS::URLSuffix}' })).toBe('states');
    expect(servicePrincipalName('logs.eu-west-1.amazonaws.com')).toBe('logs');
    expect(servicePrincipalName({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' })).toBeUndefined();
    expect(servicePrincipalName({ 'Fn::Sub': '${Service}.amazonaws.com' })).toBeUndefined();
  });

  test('policy documents: a Service principal from Fn::Sub names the service', () => {
    const statement = (service: any) => ({ Effect: 'Allow', Principal: { Service: service } });
    expect(namesService(statement({ 'Fn::Sub': 'sns.${AWS::URLSuffix}' }), /^sns\.amazonaws\.com$/)).toBe(Answer.YES);
    expect(namesService(statement({ 'Fn::Sub': 'sqs.${AWS::URLSuffix}' }), /^sns\.amazonaws\.com$/)).toBe(Answer.NO);
    expect(namesService(statement({ 'Fn::Sub': 'sns.${AWS::Region}.amazonaws.com' }), /^sns\.amazonaws\.com$/)).toBe(
      Answer.UNKNOWN,
    );
  });

  test('WA-LambdaPermissionSourceScope judges a Fn::Sub service principal instead of answering unknown', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const base = { action: 'lambda:InvokeFunction', functionName: fn.ref };
    const param = new CfnParameter(stack, 'Service');
    new lambda.CfnPermission(stack, 'Open', {
      ...base,
      principal: Fn.sub('logs.${AWS::Region}.amazonaws.com'),
    });
    new lambda.CfnPermission(stack, 'Scoped', {
      ...base,
      principal: Fn.sub('logs.${AWS::Region}.amazonaws.com'),
      sourceArn: 'arn:aws:logs:us-east-1:123456789012:log-group:a:*',
    });
    new lambda.CfnPermission(stack, 'Param', {
      ...base,
      principal: Fn.sub('${S}.amazonaws.com', { S: param.valueAsString }),
    });
    const rule = new LambdaPermissionSourceScopeRule();
    expect(complianceOf(rule, stack, 'TestStack/Open')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/Scoped')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'TestStack/Param')).toBe(Compliance.UNKNOWN);
  });

  test('WA-LambdaSingleInvokingService counts a Fn::Sub account principal as the account it is', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    new lambda.CfnPermission(stack, 'Account', {
      action: 'lambda:InvokeFunction',
      functionName: fn.ref,
      principal: Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root'),
    });
    new lambda.CfnPermission(stack, 'Sns', {
      action: 'lambda:InvokeFunction',
      functionName: fn.ref,
      principal: 'sns.amazonaws.com',
      sourceArn: 'arn:aws:sns:us-east-1:123456789012:t',
    });
    expect(complianceOf(new LambdaSingleInvokingServiceRule(), stack, 'TestStack/Fn')).toBe(Compliance.NON_COMPLIANT);
  });
});
