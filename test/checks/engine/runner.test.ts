import { App, CfnResource, Lazy, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueDeadLetterRule, testRules, ThrowingRule } from './test-rules';
import { CheckedResource, WellArchitectedChecks } from '../../../src';
import {
  AcknowledgmentLookup,
  AcknowledgmentRecord,
  ownAcknowledgments,
} from '../../../src/checks/engine/acknowledgments';
import { RuleSet } from '../../../src/checks/engine/rule-set';
import { evaluateStack, stackResources } from '../../../src/checks/engine/runner';

/** A value that cannot be resolved while `failing`: lets a test fail resolution at check time only. */
function lateValue() {
  const state = { failing: true };
  return {
    value: Lazy.uncachedString({
      produce: () => {
        if (state.failing) {
          throw new Error('the queue name is not known yet');
        }
        return 'orders';
      },
    }),
    state,
  };
}

describe('evaluateStack (used by the aspect and the CLI)', () => {
  test('evaluates every resource of the stack itself, not those of nested stacks', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'A');
    new sqs.Queue(new NestedStack(stack, 'Nested'), 'B');

    const evaluation = evaluateStack(stack, RuleSet.select({ rules: [new QueueDeadLetterRule()] }));
    expect(evaluation.stackName).toBe('Stack');
    expect(evaluation.findings.map((f) => f.finding.constructPath)).toEqual(['Stack/A/Resource']);
    // The nested stack's own resource (AWS::CloudFormation::Stack) belongs to the parent.
    expect(stackResources(stack).map((r) => r.cfnResourceType)).toEqual([
      'AWS::SQS::Queue',
      'AWS::CloudFormation::Stack',
    ]);
  });

  test('a resource whose properties cannot be resolved gets no finding from any rule', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const late = lateValue();
    new CfnResource(stack, 'Late', { type: 'AWS::SQS::Queue', properties: { QueueName: late.value } });
    const throwing = new ThrowingRule();

    const evaluation = evaluateStack(stack, RuleSet.select({ rules: [new QueueDeadLetterRule(), throwing] }));
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.ruleErrors).toEqual([]);
    expect(throwing.calls).toBe(0);
    expect(evaluation.unresolved.map((r) => [r.constructPath, r.unresolvedReason])).toEqual([
      ['Stack/Late', expect.stringMatching(/the queue name is not known yet/)],
    ]);
  });

  test('a custom acknowledgment source (the CLI reads template metadata) marks findings acknowledged', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new sqs.CfnQueue(stack, 'A');
    new sqs.CfnQueue(stack, 'B');
    const checked: string[] = [];
    const fromMetadata: AcknowledgmentLookup = {
      find: (resource: CheckedResource, ruleId: string): AcknowledgmentRecord | undefined =>
        resource.logicalId === 'A' ? { ruleId, reason: 'from Metadata', scopePath: 'template.yaml/A' } : undefined,
      noteChecked: (resource) => {
        checked.push(resource.logicalId);
      },
      unused: () => [],
    };

    const evaluation = evaluateStack(stack, RuleSet.select({ rules: [new QueueDeadLetterRule()] }), {
      acknowledgments: fromMetadata,
    });
    expect(
      evaluation.findings.map((f) => [f.finding.logicalId, f.finding.acknowledged, f.finding.acknowledgedReason]),
    ).toEqual([
      ['A', true, 'from Metadata'],
      ['B', false, undefined],
    ]);
    expect(checked).toEqual(['A', 'B']);
  });

  test('a rule that returns something other than a RuleResult is a rule error', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new sqs.CfnQueue(stack, 'A');
    const broken = new QueueDeadLetterRule('Test-Broken');
    broken.evaluate = () => undefined as any;

    const evaluation = evaluateStack(stack, RuleSet.select({ rules: [broken] }));
    expect(evaluation.ruleErrors.map((e) => e.error)).toEqual([
      {
        ruleId: 'Test-Broken',
        constructPath: 'Stack/A',
        logicalId: 'A',
        message: expect.stringMatching(/did not return a RuleResult/),
      },
    ]);
  });

  test('the aspect checks the template aws-cdk-lib renders: a value resolvable only then is checked, not skipped', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const late = lateValue();
    new CfnResource(stack, 'Late', { type: 'AWS::SQS::Queue', properties: { QueueName: late.value } });
    // Resolvable while references are prepared; not while the app's validations run (where the checks used to
    // resolve each resource); resolvable again once the stack's validation has run and templates are rendered.
    late.state.failing = false;
    app.node.addValidation({
      validate: () => {
        late.state.failing = true;
        return [];
      },
    });
    stack.node.addValidation({
      validate: () => {
        late.state.failing = false;
        return [];
      },
    });
    const checks = WellArchitectedChecks.applyTo(app, { rules: testRules(), reportFormats: [] });

    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Late', Match.stringLikeRegexp('Test-QueueDlq'));
    annotations.hasNoInfo('/Stack/Late', Match.stringLikeRegexp('not checked'));
    expect(checks.report?.resourcesChecked).toBe(1);
  });
});

describe('acknowledgment metadata', () => {
  test('reads the ids with either prefix casing and ignores other plugins and other metadata', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    Validations.of(stack).acknowledge({ id: 'WA-One', reason: 'first' });
    stack.node.addMetadata('aws:cdk:acknowledged-rules', { 'annotation::WA-Two': 'older aws-cdk-lib' });
    stack.node.addMetadata('aws:cdk:acknowledged-rules', { 'CfnGuardValidator::S3_BUCKET_VERSIONING': 'guard' });
    stack.node.addMetadata('aws:cdk:info', 'unrelated');
    Validations.of(stack).acknowledge({ id: 'WA-One', reason: 'second' });

    expect(ownAcknowledgments(stack).map((a) => [a.ruleId, a.reason, a.scopePath])).toEqual([
      ['WA-One', 'second', 'Stack'],
      ['WA-Two', 'older aws-cdk-lib', 'Stack'],
    ]);
  });
});

describe('aspect invocation modes', () => {
  test.each([false, true])('works with @aws-cdk/core:aspectStabilization = %s', (stabilization) => {
    const app = new App({ context: { '@aws-cdk/core:aspectStabilization': stabilization } });
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Orders');
    const stage = new Stage(app, 'Prod');
    new sqs.Queue(new Stack(stage, 'Service'), 'Jobs');
    const checks = WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule()], reportFormats: [] });

    Annotations.fromStack(stack).hasWarning('/Stack/Orders/Resource', Match.stringLikeRegexp('Test-QueueDlq'));
    expect(checks.report?.findings.map((f) => f.constructPath)).toEqual([
      'Prod/Service/Jobs/Resource',
      'Stack/Orders/Resource',
    ]);
  });
});

describe('the built-in catalogue through the aspect', () => {
  test('runs over a typical serverless stack without any rule throwing', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lambda = require('aws-cdk-lib/aws-lambda');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sns = require('aws-cdk-lib/aws-sns');
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const dlq = new sqs.Queue(stack, 'Dlq');
    const queue = new sqs.Queue(stack, 'Orders', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const fn = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    queue.grantConsumeMessages(fn);
    new sns.Topic(stack, 'Alerts');
    const checks = WellArchitectedChecks.applyTo(app, { reportFormats: [] });
    app.synth();

    expect(checks.report?.ruleErrors).toEqual([]);
    expect(checks.report?.rules.length).toBeGreaterThan(0);
    expect(checks.report?.findings.length).toBeGreaterThan(0);
  });
});
