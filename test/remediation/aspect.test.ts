import { App, AspectPriority, Aspects, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { handler } from './fixtures';
import { WellArchitectedDefaults } from '../../src/remediation';

describe('WellArchitectedDefaults as an aspect', () => {
  test('applyTo reaches the resources inside a Stage', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Legacy');
    new sqs.Queue(stack, 'Jobs');
    const defaults = WellArchitectedDefaults.applyTo(app);
    app.synth();
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::SQS::Queue'))).toEqual([
      expect.stringMatching(/^Jobs[0-9A-F]{8}$/),
      expect.stringMatching(/^JobsDeadLetterQueue/),
    ]);
    expect(defaults.changes.map((c) => c.constructPath)).toContain('Prod/Legacy/Jobs/Resource');
  });

  test('added with Aspects.of(app).add it changes the stacks of the app', () => {
    const app = new App();
    const stack = new Stack(app, 'Legacy');
    new sqs.Queue(stack, 'Jobs');
    const defaults = new WellArchitectedDefaults();
    Aspects.of(app).add(defaults, { priority: AspectPriority.MUTATING });
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    expect(defaults.changes.length).toBeGreaterThan(0);
  });

  test('added to a construct inside a stack it changes only the resources under that construct', () => {
    const app = new App();
    const stack = new Stack(app, 'Legacy');
    const legacy = new Construct(stack, 'Legacy');
    new sqs.Queue(legacy, 'Inside');
    new sqs.Queue(stack, 'Outside');
    WellArchitectedDefaults.applyTo(legacy, { deadLetterQueues: false, alarms: false });
    const queues = Template.fromStack(stack).findResources('AWS::SQS::Queue');
    const inside = Object.entries(queues).find(([id]) => id.startsWith('LegacyInside'))![1];
    const outside = Object.entries(queues).find(([id]) => id.startsWith('Outside'))![1];
    expect(inside.Properties.SqsManagedSseEnabled).toBe(true);
    expect(outside.Properties?.SqsManagedSseEnabled).toBeUndefined();
  });

  test('functions aws-cdk-lib creates for itself (log retention) are left alone', () => {
    const app = new App();
    const stack = new Stack(app, 'Legacy');
    handler(stack, 'Worker', { logRetention: logs.RetentionDays.ONE_WEEK });
    const defaults = WellArchitectedDefaults.applyTo(app);
    app.synth();
    expect(defaults.changes.filter((c) => c.constructPath.includes('LogRetention'))).toEqual([]);
  });

  test.each([
    [{ throttlingRateLimit: -1 }, /throttlingRateLimit: -1 is not a number of requests per second; give 0 or more/],
    [{ throttlingBurstLimit: 1.5 }, /throttlingBurstLimit: 1.5 is not a whole number of requests; give 0 or more/],
  ])('rejects invalid props %j with a message that names the prop', (props, message) => {
    expect(() => new WellArchitectedDefaults(props)).toThrow(message);
  });
});

test('each change is also construct metadata of type cdk-well-architected:remediation on the resource', () => {
  const app = new App();
  const stack = new Stack(app, 'Legacy');
  const queue = new sqs.Queue(stack, 'Jobs');
  WellArchitectedDefaults.applyTo(app);
  app.synth();
  const entries = queue.node.defaultChild!.node.metadata.filter((m) => m.type === 'cdk-well-architected:remediation');
  expect(entries.map((m) => m.data)).toContain('set SqsManagedSseEnabled=true (SQS-managed encryption at rest)');
});
