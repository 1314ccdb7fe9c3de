import { CfnParameter, Duration, Fn, SecretValue } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elbv2targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { l1Function, l2Function, newStack } from './fixtures';
import { Compliance, Severity } from '../../../../src';
import { LambdaEnvironmentSecretNamesRule } from '../../../../src/checks/rules/lambda/lambda-environment-secret-names';
import { LambdaEnvironmentSecretsRule } from '../../../../src/checks/rules/lambda/lambda-environment-secrets';
import { LambdaPermissionPublicRule } from '../../../../src/checks/rules/lambda/lambda-permission-public';
import { LambdaPermissionSourceScopeRule } from '../../../../src/checks/rules/lambda/lambda-permission-source-scope';
import { LambdaUrlAuthRule } from '../../../../src/checks/rules/lambda/lambda-url-auth';
import { LambdaUrlCorsRule } from '../../../../src/checks/rules/lambda/lambda-url-cors';
import { complianceOf, evaluateRule, findings } from '../../rule-harness';

describe('WA-LambdaEnvironmentSecrets and WA-LambdaEnvironmentSecretNames', () => {
  const rule = new LambdaEnvironmentSecretsRule();
  const namesRule = new LambdaEnvironmentSecretNamesRule();

  test('L2 function passing a secret ARN and configuration values is compliant', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    l2Function(stack, 'Fn', {
      environment: {
        DB_PASSWORD_SECRET_ARN: secret.secretArn,
        API_KEY_PARAMETER_NAME: '/app/api-key',
        TOKEN_TTL_SECONDS: '3600',
        SECRET_ROTATION_ENABLED: 'true',
        TABLE_NAME: 'orders',
        IDEMPOTENCY_TOKEN_TABLE: 'idempotency-tokens',
      },
    });
    expect(complianceOf(rule, stack, 'Fn')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function with a short literal password is a WA-LambdaEnvironmentSecretNames warning, not an error', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', { environment: { DB_PASSWORD: 'hunter2-hunter2', STAGE: 'prod' } });
    expect(findings(rule, stack)).toHaveLength(0);
    const found = findings(namesRule, stack);
    expect(found).toHaveLength(1);
    expect(found[0].result.message).toMatch(/secret-like names \(DB_PASSWORD\).*Secrets Manager/);
    expect(found[0].result.message).not.toMatch(/STAGE|hunter2/);
    expect(namesRule.severity).toBe(Severity.WARNING);
    expect(rule.severity).toBe(Severity.ERROR);
  });

  test('a long random literal under a secret-like name and a URL with a password are errors', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', {
      environment: {
        PARTNER_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        DATABASE_URL: 'postgres://app:s3cr3t-Pa55@db.example.com:5432/orders',
      },
    });
    const message = findings(rule, stack)[0].result.message;
    expect(message).toMatch(
      /PARTNER_SECRET_ACCESS_KEY holds a long random literal; DATABASE_URL holds a URL with an embedded password/,
    );
    expect(findings(namesRule, stack)).toHaveLength(0);
  });

  test('the Parameters and Secrets extension variables, PASSWORD_POLICY-like names, URLs and pointers are clean', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', {
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103, {
        cacheSize: 500,
        logLevel: lambda.ParamsAndSecretsLogLevel.DEBUG,
        secretsManagerTtl: Duration.seconds(60),
        parameterStoreTtl: Duration.seconds(60),
      }),
      environment: {
        PASSWORD_POLICY: 'strict',
        SECRET_ROTATION_SCHEDULE: 'rate(30 days)',
        OAUTH_TOKEN: 'https://auth.example.com/oauth2/token',
        API_KEY: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-AbCdEf',
        DB_PASSWORD: '/prod/db/password',
        CLIENT_SECRET: '{{resolve:ssm:/prod/client-secret}}',
        PARTITION_KEY: 'customerId',
        SIGNING_SECRET: '${SIGNING_SECRET}',
      },
    });
    expect(evaluateRule(rule, stack).map((o) => o.result.compliance)).toEqual([Compliance.COMPLIANT]);
    expect(evaluateRule(namesRule, stack).map((o) => o.result.compliance)).toEqual([Compliance.COMPLIANT]);
  });

  test('camelCase and kebab-case secret names with literal values are warnings', () => {
    const stack = newStack();
    l1Function(stack, 'Fn', { environment: { variables: { clientSecret: 'my-client-secret', 'api-key': 'abc' } } });
    expect(findings(namesRule, stack)[0].result.message).toMatch(/\(clientSecret, api-key\)/);
    expect(findings(rule, stack)).toHaveLength(0);
  });

  test('L2 function with an unwrapped Secrets Manager value is non-compliant (it is plain text in the function)', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    l2Function(stack, 'Fn', {
      environment: { DB: SecretValue.secretsManager('prod/db').unsafeUnwrap(), OTHER: secret.secretName },
    });
    expect(findings(rule, stack)[0].result.message).toMatch(/DB holds a dynamic reference/);
  });

  test('L1 functions: an access key id under any name is non-compliant; no environment is compliant', () => {
    const stack = newStack();
    l1Function(stack, 'Key', { environment: { variables: { AWS_CONFIG: 'AKIAIOSFODNN7EXAMPLE' } } });
    l1Function(stack, 'NoEnv');
    expect(complianceOf(rule, stack, 'Key')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/AWS_CONFIG holds an AWS access key id/);
    expect(complianceOf(rule, stack, 'NoEnv')).toBe(Compliance.COMPLIANT);
  });

  test('well-known token formats are found whatever the variable is called', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', {
      environment: {
        GH: 'ghp_' + 'a'.repeat(36),
        SESSION: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      },
    });
    expect(findings(rule, stack)[0].result.message).toMatch(/GH holds a GitHub token; SESSION holds a JSON Web Token/);
  });

  test('parameters, imports and Fn::If values are never findings', () => {
    const stack = newStack();
    const password = new CfnParameter(stack, 'Password', { noEcho: true });
    l1Function(stack, 'Param', {
      environment: {
        variables: {
          DB_PASSWORD: password.valueAsString,
          API_TOKEN: Fn.importValue('TokenExport'),
          SECRET: Fn.conditionIf('Prod', 'a', 'b').toString(),
        },
      },
    });
    l1Function(stack, 'WholeEnv', {
      environment: { variables: Fn.conditionIf('Prod', { A: 'b' }, { A: 'c' }) as any },
    });
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'WholeEnv')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(namesRule, stack, 'Param')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(namesRule, stack, 'WholeEnv')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaUrlAuth', () => {
  const rule = new LambdaUrlAuthRule();

  test('L2 function URL with AWS_IAM is compliant, with NONE non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Private').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    l2Function(stack, 'Public').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    expect(complianceOf(rule, stack, 'Private')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Public')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/AuthType NONE.*FunctionUrlAuthType.AWS_IAM/);
  });

  test('L1 URL with NONE is non-compliant; a parameter is unknown', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const auth = new CfnParameter(stack, 'Auth');
    new lambda.CfnUrl(stack, 'OpenUrl', { authType: 'NONE', targetFunctionArn: fn.attrArn });
    new lambda.CfnUrl(stack, 'ParamUrl', { authType: auth.valueAsString, targetFunctionArn: fn.attrArn });
    expect(complianceOf(rule, stack, 'OpenUrl')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'ParamUrl')).toBe(Compliance.UNKNOWN);
  });

  test('L1 URL with AWS_IAM is compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    new lambda.CfnUrl(stack, 'IamUrl', { authType: 'AWS_IAM', targetFunctionArn: fn.attrArn });
    expect(complianceOf(rule, stack, 'IamUrl')).toBe(Compliance.COMPLIANT);
  });
});

describe('WA-LambdaUrlCors', () => {
  const rule = new LambdaUrlCorsRule();

  test('L2 function URL with a named origin is compliant, with * non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Named').addFunctionUrl({ cors: { allowedOrigins: ['https://app.example.com'] } });
    l2Function(stack, 'Any').addFunctionUrl({ cors: { allowedOrigins: ['*'] } });
    expect(complianceOf(rule, stack, 'Named')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Any')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/any origin.*cors.allowedOrigins/);
  });

  test('L1 URLs: no CORS compliant, * non-compliant, parameter unknown', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const origin = new CfnParameter(stack, 'Origin');
    new lambda.CfnUrl(stack, 'NoCors', { authType: 'AWS_IAM', targetFunctionArn: fn.attrArn });
    new lambda.CfnUrl(stack, 'Star', {
      authType: 'AWS_IAM',
      targetFunctionArn: fn.attrArn,
      cors: { allowOrigins: ['*'] },
    });
    new lambda.CfnUrl(stack, 'Param', {
      authType: 'AWS_IAM',
      targetFunctionArn: fn.attrArn,
      cors: { allowOrigins: [origin.valueAsString] },
    });
    expect(complianceOf(rule, stack, 'NoCors')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Star')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaPermissionSourceScope', () => {
  const rule = new LambdaPermissionSourceScopeRule();

  test('L2 S3 notification permission (SourceArn + SourceAccount) is compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    new s3.Bucket(stack, 'Bucket').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
    const outcomes = evaluateRule(rule, stack);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.result.compliance === Compliance.COMPLIANT)).toBe(true);
  });

  test('L2 addPermission for a service without source is non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn').addPermission('Sns', { principal: new iam.ServicePrincipal('sns.amazonaws.com') });
    expect(findings(rule, stack)[0].result.message).toMatch(/lets sns.amazonaws.com invoke.*sourceArn/);
  });

  test('L1 permission scoped to an S3 bucket ARN without SourceAccount is non-compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    new lambda.CfnPermission(stack, 'BucketOnly', {
      action: 'lambda:InvokeFunction',
      functionName: fn.ref,
      principal: 's3.amazonaws.com',
      sourceArn: 'arn:aws:s3:::my-bucket',
    });
    new lambda.CfnPermission(stack, 'Account', {
      action: 'lambda:InvokeFunction',
      functionName: fn.ref,
      principal: '123456789012',
    });
    expect(complianceOf(rule, stack, 'BucketOnly')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/no account id.*sourceAccount/);
    expect(complianceOf(rule, stack, 'Account')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1 permissions for a service with SourceArn and SourceAccount, or SourceAccount alone, are compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const base = { action: 'lambda:InvokeFunction', functionName: fn.ref };
    new lambda.CfnPermission(stack, 'Scoped', {
      ...base,
      principal: 's3.amazonaws.com',
      sourceArn: 'arn:aws:s3:::my-bucket',
      sourceAccount: '123456789012',
    });
    new lambda.CfnPermission(stack, 'AccountOnly', {
      ...base,
      principal: 'events.amazonaws.com',
      sourceAccount: '123456789012',
    });
    expect(complianceOf(rule, stack, 'Scoped')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'AccountOnly')).toBe(Compliance.COMPLIANT);
  });

  test('an ALB target permission is told to scope to the target group, a rotation function to the account', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
    new elbv2.ApplicationTargetGroup(stack, 'Targets', {
      vpc,
      targets: [new elbv2targets.LambdaTarget(l2Function(stack, 'Web'))],
    });
    new secretsmanager.Secret(stack, 'Secret').addRotationSchedule('Rotation', {
      rotationLambda: l2Function(stack, 'Rotator'),
    });
    const messages = findings(rule, stack).map((f) => `${f.constructPath}: ${f.result.message}`);
    expect(messages).toEqual([
      expect.stringMatching(
        /^TestStack\/Web\/.*elasticloadbalancing.*target group's ARN \(`targetGroup.targetGroupArn`\)/,
      ),
      expect.stringMatching(/^TestStack\/Rotator\/.*secretsmanager.*`sourceAccount` only/),
    ]);
  });

  test('a rotation permission scoped with SourceAccount alone is compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    new lambda.CfnPermission(stack, 'Rotation', {
      action: 'lambda:InvokeFunction',
      functionName: fn.ref,
      principal: 'secretsmanager.amazonaws.com',
      sourceAccount: '123456789012',
    });
    expect(complianceOf(rule, stack, 'Rotation')).toBe(Compliance.COMPLIANT);
  });

  test('a parameter principal is unknown', () => {
    const stack = newStack();
    const principal = new CfnParameter(stack, 'Principal');
    new lambda.CfnPermission(stack, 'Param', {
      action: 'lambda:InvokeFunction',
      functionName: 'some-function',
      principal: principal.valueAsString,
    });
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaPermissionPublic', () => {
  const rule = new LambdaPermissionPublicRule();

  test('L2 grantInvoke to a role is compliant; addPermission to AnyPrincipal is non-compliant', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    fn.addPermission('Account', { principal: new iam.AccountPrincipal('210987654321') });
    fn.addPermission('Everyone', { principal: new iam.AnyPrincipal() });
    expect(complianceOf(rule, stack, 'Account')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Everyone')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/any AWS principal.*grantInvoke/);
  });

  test('public function URL (NONE) permissions are left to WA-LambdaUrlAuth, which is an error too', () => {
    const stack = newStack();
    l2Function(stack, 'Fn').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    expect(findings(rule, stack)).toHaveLength(0);
    expect(rule.severity).toBe('error');
    expect(new LambdaUrlAuthRule().severity).toBe('error');
  });

  test('L1 URL permission to * with AuthType AWS_IAM (any AWS account) is non-compliant; with PrincipalOrgID compliant', () => {
    const stack = newStack();
    const fn = l1Function(stack, 'Fn');
    const base = { action: 'lambda:InvokeFunctionUrl', functionName: fn.ref, functionUrlAuthType: 'AWS_IAM' };
    new lambda.CfnPermission(stack, 'AnyAccount', { ...base, principal: '*' });
    new lambda.CfnPermission(stack, 'Org', { ...base, principal: '*', principalOrgId: 'o-abc123' });
    new lambda.CfnPermission(stack, 'ViaUrl', {
      action: 'lambda:InvokeFunction',
      functionName: fn.ref,
      principal: '*',
      invokedViaFunctionUrl: true,
    });
    expect(complianceOf(rule, stack, 'AnyAccount')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/any AWS account .* function URL \(AuthType AWS_IAM\)/);
    expect(complianceOf(rule, stack, 'Org')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'ViaUrl')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L2 grantInvokeUrl to AnyPrincipal on an AWS_IAM URL is non-compliant; a parameter auth type is unknown', () => {
    const stack = newStack();
    const fn = l2Function(stack, 'Fn');
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    fn.grantInvokeUrl(new iam.AnyPrincipal());
    const auth = new CfnParameter(stack, 'Auth');
    new lambda.CfnPermission(stack, 'ParamAuth', {
      action: 'lambda:InvokeFunctionUrl',
      functionName: 'fn',
      principal: '*',
      functionUrlAuthType: auth.valueAsString,
    });
    expect(
      findings(rule, stack)
        .map((f) => f.result.message)
        .join('\n'),
    ).toMatch(/AuthType AWS_IAM/);
    expect(complianceOf(rule, stack, 'ParamAuth')).toBe(Compliance.UNKNOWN);
  });

  test('L1 permissions: * with PrincipalOrgID compliant, * alone non-compliant, parameter unknown', () => {
    const stack = newStack();
    const principal = new CfnParameter(stack, 'Principal');
    const base = { action: 'lambda:InvokeFunction', functionName: 'fn' };
    new lambda.CfnPermission(stack, 'Org', { ...base, principal: '*', principalOrgId: 'o-abc123' });
    new lambda.CfnPermission(stack, 'Open', { ...base, principal: '*' });
    new lambda.CfnPermission(stack, 'Param', { ...base, principal: principal.valueAsString });
    expect(complianceOf(rule, stack, 'Org')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Open')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });

  test('a permission on an imported function is still checked (the permission is in the stack)', () => {
    const stack = newStack();
    const imported = lambda.Function.fromFunctionArn(
      stack,
      'Imported',
      'arn:aws:lambda:us-east-1:123456789012:function:x',
    );
    imported.addPermission('Everyone', { principal: new iam.AnyPrincipal() });
    expect(findings(rule, stack)).toHaveLength(1);
  });
});
