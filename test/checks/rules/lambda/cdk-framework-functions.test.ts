import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as cr from 'aws-cdk-lib/custom-resources';
import { l2Function, newStack } from './fixtures';
import { CheckedResource, Compliance, StackIndex, WellArchitectedChecks } from '../../../../src';
import { renderMarkdown } from '../../../../src/checks/report/markdown-report';
import { lambdaRules } from '../../../../src/checks/rules/lambda';
import { LambdaTracingRule } from '../../../../src/checks/rules/lambda/lambda-tracing';
import { evaluateRule } from '../../rule-harness';

// Functions aws-cdk-lib creates for itself cannot be configured by the app: configuration rules skip them.
test('the logRetention, bucket-notification and auto-delete functions of aws-cdk-lib get no configuration finding', () => {
  const stack = newStack();
  const fn = l2Function(stack, 'Fn', { logRetention: logs.RetentionDays.ONE_DAY });
  new s3.Bucket(stack, 'Bucket', {
    autoDeleteObjects: true,
    removalPolicy: RemovalPolicy.DESTROY,
  }).addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
  const internal = lambdaRules()
    .filter((rule) => rule.id !== 'WA-LambdaRuntimeSupport')
    .flatMap((rule) => evaluateRule(rule, stack).map((o) => ({ rule: rule.id, ...o })))
    .filter((o) => /LogRetention|BucketNotificationsHandler|CustomResourceProvider/.test(o.constructPath));
  for (const kind of ['LogRetention', 'BucketNotificationsHandler', 'CustomResourceProvider']) {
    expect(internal.some((o) => o.constructPath.includes(kind))).toBe(true);
  }
  expect(internal.filter((o) => o.result.compliance === Compliance.NON_COMPLIANT)).toEqual([]);
  // The user's own function is still checked.
  expect(
    evaluateRule(new LambdaTracingRule(), stack).find((o) => o.constructPath === 'TestStack/Fn/Resource')?.result
      .compliance,
  ).toBe(Compliance.NON_COMPLIANT);
});

test('in a plain template, CDK framework functions are recognised by logical id', () => {
  const rule = new LambdaTracingRule();
  const evaluate = (logicalId: string) => {
    const resource = new CheckedResource({
      logicalId,
      resourceType: 'AWS::Lambda::Function',
      constructPath: `template.json/${logicalId}`,
      stackName: 'template.json',
    });
    return rule.evaluate(resource, { index: StackIndex.fromResources([resource]) }).compliance;
  };
  expect(evaluate('LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD5A2B9F')).toBe(Compliance.NOT_APPLICABLE);
  expect(evaluate('CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F')).toBe(Compliance.NOT_APPLICABLE);
  expect(evaluate('LogRetentionHandler')).toBe(Compliance.NON_COMPLIANT);
});

describe('every function aws-cdk-lib creates for itself is recognised from its own markers and reported as skipped', () => {
  function frameworkApp() {
    const app = new App();
    const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    const bucket = new s3.Bucket(stack, 'Bucket');
    new s3deploy.BucketDeployment(stack, 'Deploy', {
      sources: [s3deploy.Source.data('a.txt', 'x')],
      destinationBucket: bucket,
    });
    new events.Rule(stack, 'ToLogs', {
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.CloudWatchLogGroup(new logs.LogGroup(stack, 'Group'))],
    });
    new cr.Provider(stack, 'Provider', { onEventHandler: l2Function(stack, 'OnEvent') });
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, maxAzs: 1 });
    new ecs.Cluster(stack, 'Cluster', { vpc }).addCapacity('Capacity', {
      instanceType: new ec2.InstanceType('t3.micro'),
    });
    l2Function(stack, 'Mine');
    return { app, stack };
  }

  test('the Lambda rules find nothing on them, and still check the app functions', () => {
    const { stack } = frameworkApp();
    const outcomes = lambdaRules()
      .filter((rule) => rule.id !== 'WA-LambdaRuntimeSupport')
      .flatMap((rule) => evaluateRule(rule, stack));
    const framework = [
      /AWS679f53fac002430cb0da5b7982bd2287\/Resource$/,
      /Custom::CDKBucketDeployment[0-9a-fA-F]{32}\/Resource$/,
      /Provider\/framework-onEvent\/Resource$/,
      /DrainECSHook\/Function\/Resource$/,
    ];
    for (const pattern of framework) {
      const mine = outcomes.filter((o) => pattern.test(o.constructPath));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.filter((o) => o.result.compliance === Compliance.NON_COMPLIANT)).toEqual([]);
    }
    for (const own of ['S/Mine/Resource', 'S/OnEvent/Resource']) {
      expect(evaluateRule(new LambdaTracingRule(), stack).find((o) => o.constructPath === own)?.result.compliance).toBe(
        Compliance.NON_COMPLIANT,
      );
    }
  });

  test('the report lists them, with the reason, and nothing else', () => {
    const { app } = frameworkApp();
    const checks = WellArchitectedChecks.applyTo(app, { reportFormats: [], failOnError: false });
    app.synth();
    const skipped = checks.report!.skippedResources ?? [];
    expect(skipped.map((r) => `${r.constructPath}: ${r.reason}`)).toEqual([
      expect.stringMatching(
        /^S\/AWS679f53fac002430cb0da5b7982bd2287\/Resource: an aws-cdk-lib AwsCustomResource singleton function$/,
      ),
      expect.stringMatching(
        /^S\/Cluster\/Capacity\/DrainECSHook\/Function\/Resource: an aws-cdk-lib ECS capacity drain hook function$/,
      ),
      expect.stringMatching(
        /^S\/Custom::CDKBucketDeployment[0-9a-fA-F]{32}\/Resource: an aws-cdk-lib BucketDeployment function$/,
      ),
      expect.stringMatching(
        /^S\/Provider\/framework-onEvent\/Resource: an aws-cdk-lib custom resource Provider framework function$/,
      ),
    ]);
    const markdown = renderMarkdown(checks.report!);
    expect(markdown).toMatch(/Skipped resources \(4\): not checked/);
  });

  test('in a plain template, the Provider framework is recognised by its description and a singleton by its logical id', () => {
    const rule = new LambdaTracingRule();
    const evaluate = (logicalId: string, properties: any = {}) => {
      const resource = new CheckedResource({
        logicalId,
        resourceType: 'AWS::Lambda::Function',
        constructPath: `template.json/${logicalId}`,
        stackName: 'template.json',
        properties,
      });
      return rule.evaluate(resource, { index: StackIndex.fromResources([resource]) }).compliance;
    };
    expect(
      evaluate('ProviderframeworkonEvent83C1D0A7', {
        Description: 'AWS CDK resource provider framework - onEvent (S/Provider)',
      }),
    ).toBe(Compliance.NOT_APPLICABLE);
    expect(evaluate('AWS679f53fac002430cb0da5b7982bd22872D164C4C')).toBe(Compliance.NOT_APPLICABLE);
    expect(evaluate('CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C81C01536')).toBe(
      Compliance.NOT_APPLICABLE,
    );
    expect(evaluate('ClusterCapDrainECSHookFunction019E3909')).toBe(Compliance.NOT_APPLICABLE);
    expect(evaluate('OrdersHandler', { Description: 'orders' })).toBe(Compliance.NON_COMPLIANT);
  });
});
