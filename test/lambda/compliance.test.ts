import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { WellArchitectedFunction, WellArchitectedNodejsFunction } from '../../src/lambda';
import { nagFindings } from '../support/compliance';

/**
 * A stack of well-architected functions with their defaults, and nothing else: a synchronous function, an
 * asynchronous one (which gets the on-failure queue), one in a VPC, and a bundled Node.js function.
 */
function defaultsStack(): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Orders', { env: { account: '123456789012', region: 'eu-west-1' } });
  new WellArchitectedFunction(stack, 'Sync', {
    code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
  });
  const asyncFunction = new WellArchitectedFunction(stack, 'Async', {
    code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
  });
  // An EventBridge rule of another stack or account may invoke it: an asynchronous invoker.
  asyncFunction.addPermission('NightlyRule', {
    principal: new iam.ServicePrincipal('events.amazonaws.com'),
    sourceArn: 'arn:aws:events:eu-west-1:123456789012:rule/nightly',
  });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  });
  new WellArchitectedFunction(stack, 'InVpc', {
    code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    vpc,
  });
  new WellArchitectedNodejsFunction(stack, 'Bundled', { entry: path.join(__dirname, 'fixtures', 'handler.ts') });
  return { app, stack };
}

/** Findings of a cdk-nag pack that acknowledgments did not cover, as `ruleName path` lines. */
function unacknowledgedFindings(
  pack: AwsSolutionsChecks | ServerlessChecks,
  app: App,
  constructPrefix: string,
): string[] {
  const report = pack.validateScope(app);
  return report.violations
    .flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} ${resource.constructPath}`),
    )
    .filter((line) => line.split(' ')[1].startsWith(constructPrefix));
}

describe('a stack of well-architected functions with defaults', () => {
  test('has no unacknowledged AwsSolutionsChecks finding on the functions and what they create', () => {
    const { app } = defaultsStack();
    const lambdaConstructs = ['Orders/Sync', 'Orders/Async', 'Orders/InVpc', 'Orders/Bundled'];
    const findings = lambdaConstructs.flatMap((prefix) =>
      unacknowledgedFindings(new AwsSolutionsChecks(app), app, prefix),
    );
    expect(findings).toEqual([]);
  });

  test('ServerlessChecks: only Serverless-LambdaDLQ stays open, on the functions without an on-failure destination', () => {
    const { app } = defaultsStack();
    // CDK's validation report, which honours acknowledgments with the plugin prefix (validateScope does not).
    const findings = nagFindings(app, { awsSolutions: false }).open;
    // Nothing the construct can see invokes these asynchronously, but EventBridge Scheduler or Step Functions
    // (through IAM) may: the owner decides, with `asyncInvocation: true` or an acknowledgment of their own.
    expect(findings.sort()).toEqual([
      'Serverless-LambdaDLQ Orders/Bundled/Resource',
      'Serverless-LambdaDLQ Orders/InVpc/Resource',
      'Serverless-LambdaDLQ Orders/Sync/Resource',
    ]);
  });

  test("the asynchronous function's acknowledgment shows in CDK's validation report, with its reason", () => {
    const { app } = defaultsStack();
    const findings = nagFindings(app);
    expect(findings.acknowledged).toContain('Serverless-LambdaDLQ Orders/Async/Resource');
    expect(findings.open.filter((f) => f.startsWith('Serverless-LambdaDLQ')).sort()).toEqual([
      'Serverless-LambdaDLQ Orders/Bundled/Resource',
      'Serverless-LambdaDLQ Orders/InVpc/Resource',
      'Serverless-LambdaDLQ Orders/Sync/Resource',
    ]);
    const reason = app.node
      .findAll()
      .find((c) => c.node.path === 'Orders/Async')!
      .node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((entry) => entry.data['Serverless::Serverless-LambdaDLQ'])
      .find((text) => text !== undefined);
    expect(reason).toMatch(/^Failed asynchronous invocations go to the on-failure queue Orders\/Async\/OnFailureQueue/);
  });

  test('synthesizes with both cdk-nag packs once the owner acknowledges the synchronous functions', () => {
    const { app, stack } = defaultsStack();
    for (const id of ['Sync', 'InVpc', 'Bundled']) {
      Validations.of(stack.node.findChild(id)).acknowledge({
        id: 'Serverless::Serverless-LambdaDLQ',
        reason: 'Test fixture: invoked only synchronously.',
      });
    }
    Validations.of(app).addPlugins(new ServerlessChecks(app), new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  test('an imported log group: the log-stream wildcard of its ARN is acknowledged on the created role, nothing else', () => {
    const app = new App();
    const stack = new Stack(app, 'Orders');
    new WellArchitectedFunction(stack, 'Imported', {
      code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      logGroup: logs.LogGroup.fromLogGroupName(stack, 'SharedLogs', '/shared/orders'),
    });
    const role = stack.node.findChild('ImportedServiceRole');
    const acknowledged = role.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.keys(entry.data).map((key) => key.replace(/^annotation::/i, '')));
    expect(acknowledged).toEqual([
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/shared/orders:*]',
    ]);
    expect(unacknowledgedFindings(new AwsSolutionsChecks(app), app, 'Orders/Imported')).toEqual([]);
  });

  test('has no cfn-lint error, and no warning but the one aws-cdk-lib gives every function', () => {
    const { stack } = defaultsStack();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-lambda-'));
    const file = path.join(dir, 'template.json');
    fs.writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON(), null, 2));
    let output: string;
    try {
      output = execFileSync('cfn-lint', ['--format', 'json', file], { encoding: 'utf8' });
    } catch (error: any) {
      // cfn-lint exits non-zero when it reports anything, informational matches included.
      output = error.stdout;
    }
    const matches: Array<{ Level: string; Rule: { Id: string }; Message: string }> = JSON.parse(output || '[]');
    const errors = matches
      .filter((match) => match.Level === 'Error')
      .map((match) => `${match.Rule.Id}: ${match.Message}`);
    expect(errors).toEqual([]);
    // Every function aws-cdk-lib defines declares DependsOn its role,
    // so that the role's policies exist before the function, although it also references the role's ARN;
    // cfn-lint notes the redundancy (W3005), for a plain lambda.Function too.
    // Any other warning is ours.
    const warnings = matches
      .filter((match) => match.Level === 'Warning')
      .filter(
        (match) =>
          !(
            match.Rule.Id === 'W3005' &&
            /Role\w*' dependency already enforced by a 'GetAtt' at 'Resources\/\w+\/Properties\/Role'/.test(
              match.Message,
            )
          ),
      )
      .map((match) => `${match.Rule.Id}: ${match.Message}`);
    expect(warnings).toEqual([]);
  });
});
