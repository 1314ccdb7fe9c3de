import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, CfnElement, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct, IConstruct } from 'constructs';
import { QueueDeadLetterRule, TopicEncryptionRule } from './test-rules';
import { WellArchitectedChecks } from '../../../src';

/** When the checks run during a synth, and where what they find ends up. */

function newApp(context: Record<string, any> = {}): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wa-lifecycle-')), context });
}

function messages(app: App, stack: Stack) {
  return app
    .synth()
    .getStackArtifact(stack.artifactId)
    .messages.map((m) => `${m.level} ${m.id} ${String(m.entry.data)}`);
}

function staleMessages(app: App): string[] {
  return app
    .synth()
    .stacks.flatMap((s) => s.messages)
    .filter((m) => String(m.entry.data).includes('matches no finding'))
    .map((m) => m.id);
}

/**
 * aws-cdk-lib 2.275 runs aspects with aspectStabilization by default: a stack an aspect adds to the App while the
 * aspects run (as pipelines.CodePipeline does for its cross-region support stacks) is visited by the checks, and
 * lands after the construct that writes the reports; the checks move that construct last again.
 */
describe('a stack added to the app after the report writer', () => {
  function build() {
    const app = newApp();
    const main = new Stack(app, 'Main');
    const dlq = new sqs.Queue(main, 'Dlq');
    const trigger = new sqs.Queue(main, 'Orders', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    Validations.of(dlq).acknowledge({ id: 'Test-QueueDlq', reason: 'it is the DLQ' });
    let support: Stack | undefined;
    Aspects.of(main).add({
      visit(node: IConstruct) {
        if (node === trigger && !support) {
          support = new Stack(app, 'Support');
          new sqs.Queue(support, 'Replication');
        }
      },
    });
    // Stale: there are no topics anywhere.
    Validations.of(app).acknowledge({ id: 'Test-TopicKms', reason: 'no topics' });
    const checks = WellArchitectedChecks.applyTo(app, {
      rules: [new QueueDeadLetterRule(), new TopicEncryptionRule()],
    });
    return { app, main, checks, support: () => support! };
  }

  test('a stale acknowledgment on the app is still warned in the synth output', () => {
    const { app, main, support } = build();
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      app.synth();
      const all = [...messages(app, main), ...messages(app, support())];
      expect(all.filter((m) => m.includes('StaleAcknowledgment'))).toHaveLength(1);
    } finally {
      stderr.mockRestore();
    }
  });

  test('its findings reach the synth output, and nothing on stderr says otherwise', () => {
    const { app, support } = build();
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      app.synth();
      const notices = stderr.mock.calls.map((c) => String(c[0])).filter((s) => s.includes('was not rendered'));
      // The finding on Support/Replication IS in the manifest ...
      expect(messages(app, support()).some((m) => m.includes('Test-QueueDlq'))).toBe(true);
      // ... yet stderr says it is not:
      expect(notices).toEqual([]);
    } finally {
      stderr.mockRestore();
    }
  });

  test('a stack added between two synths: the stale acknowledgment is warned once', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'First'), 'Orders');
    WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule(), new TopicEncryptionRule()] });
    app.synth();
    // Acknowledged after the first synth, so no warning of the first synth is left on a construct.
    Validations.of(app).acknowledge({ id: 'Test-TopicKms', reason: 'no topics' });
    const late = new Stack(app, 'Late');
    new sqs.Queue(late, 'Jobs');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const assembly = app.synth({ force: true });
      const stale = assembly.stacks
        .flatMap((s) => s.messages)
        .filter((m) => String(m.entry.data).includes('matches no finding'));
      expect(stale).toHaveLength(1);
    } finally {
      stderr.mockRestore();
    }
  });
});

/**
 * pipelines.CodePipeline builds its pipeline in an aspect; a stage in another region makes it add a cross-region
 * support stack to the App then, after the checks' report writer.
 */
test('CDK Pipelines cross-region support stack: a stale acknowledgment on the app is warned in the synth output', () => {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wa-pipe-')) });
  const env = { account: '111111111111', region: 'eu-west-1' };
  const pipeStack = new Stack(app, 'Pipe', { env });
  const pipeline = new pipelines.CodePipeline(pipeStack, 'Pipeline', {
    crossAccountKeys: true,
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.gitHub('owner/repo', 'main'),
      commands: ['npx cdk synth'],
    }),
  });
  const stage = new Stage(app, 'Prod', { env: { account: '111111111111', region: 'us-east-1' } });
  new sqs.Queue(new Stack(stage, 'Service'), 'Jobs');
  pipeline.addStage(stage);
  Validations.of(app).acknowledge({ id: 'Test-TopicKms', reason: 'no topics' });
  WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule(), new TopicEncryptionRule()] });

  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const assembly = app.synth();
    const ids = assembly.stacks.map((s) => s.stackName);
    expect(ids.some((id) => id.includes('support'))).toBe(true);
    const stale = assembly.stacks
      .flatMap((s) => s.messages)
      .filter((m) => String(m.entry.data).includes('matches no finding'));
    const printed = stderr.mock.calls.map((c) => String(c[0]));
    expect({
      stale: stale.length,
      printed: printed.filter((p) => p.includes('matches no finding') || p.includes('was not rendered')),
    }).toEqual({ stale: 1, printed: [] });
  } finally {
    stderr.mockRestore();
  }
});

/**
 * A stack with no checked resource of its own (it only groups child stacks, or the checks apply to a child only) is
 * never rendered to the checks: an acknowledgment inside it is judged when the last checked stack below it is, so
 * its warning still reaches the synth output instead of stderr.
 */
describe('a stale acknowledgment whose nearest stack is not checked is warned on a checked stack below it', () => {
  /** Checks `scope` and expects the synth output to hold exactly one stale-acknowledgment warning. */
  function expectOneStaleWarning(app: App, scope: IConstruct): void {
    WellArchitectedChecks.applyTo(scope, {
      rules: [new QueueDeadLetterRule(), new TopicEncryptionRule()],
      reportFormats: [],
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(staleMessages(app)).toHaveLength(1);
    } finally {
      stderr.mockRestore();
    }
  }

  test.each([
    ['on the stack', (outer: Stack) => outer],
    ['on a construct inside it', (outer: Stack) => outer.node.findChild('Group')],
  ])('%s', (_name, scopeOf) => {
    const app = newApp();
    const outer = new Stack(app, 'Outer');
    const group = new Construct(outer, 'Group');
    const inner = new Stack(group, 'Inner');
    new sqs.Queue(inner, 'Orders');
    // Stale: there is no topic under it.
    Validations.of(scopeOf(outer)).acknowledge({ id: 'Test-TopicKms', reason: 'no topics' });
    expectOneStaleWarning(app, app);
  });

  test('checks applied to one stack only: an acknowledgment on its parent stack', () => {
    const app = newApp();
    const parent = new Stack(app, 'Parent');
    new sqs.Queue(parent, 'Unchecked');
    const child = new Stack(parent, 'Child');
    new sqs.Queue(child, 'Orders');
    Validations.of(parent).acknowledge({ id: 'Test-TopicKms', reason: 'no topics' });
    expectOneStaleWarning(app, child);
  });
});

/** A CfnElement (not a CfnResource) that renders a resource, as hand-written template fragments do. */
class RawQueue extends CfnElement {
  public _toCloudFormation(): object {
    return { Resources: { RawQueue: { Type: 'AWS::SQS::Queue', Properties: {} } } };
  }
}

/**
 * A template entry no L1 rendered is checked when the aspect covers its whole stack. aws-cdk-lib adds the CDKMetadata
 * L1 after the aspects ran (`cdk synth` turns version reporting on), so "whole" cannot mean "every L1 was visited".
 */
test.each([false, true])(
  'a resource no L1 renders is checked the same with analyticsReporting=%s',
  (analyticsReporting) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wa-whole-')), analyticsReporting });
    const stack = new Stack(app, 'Stack');
    new sns.Topic(stack, 'Topic');
    new RawQueue(stack, 'Raw');
    const checks = WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule()], reportFormats: [] });
    const template = app.synth().getStackArtifact(stack.artifactId).template;
    expect(Object.keys(template.Resources).includes('CDKMetadata')).toBe(analyticsReporting);
    expect(checks.report?.findings.map((f) => f.logicalId)).toEqual(['RawQueue']);
  },
);

test('a synth that skips validation leaves no report of an earlier synth', () => {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wa-skip-')) });
  new sqs.Queue(new Stack(app, 'Stack'), 'Orders');
  WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule()] });
  app.synth();
  app.synth({ force: true, skipValidation: true });
  expect(fs.readdirSync(app.outdir).filter((f) => f.startsWith('well-architected'))).toEqual([]);
});

/** An app with a CDK pipeline in one stack and a stage with one queue, not added to the pipeline yet. */
function pipelineAndStage() {
  const app = newApp();
  const pipeStack = new Stack(app, 'Pipe', { env: { account: '111111111111', region: 'eu-west-1' } });
  const pipeline = new pipelines.CodePipeline(pipeStack, 'Pipeline', {
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.gitHub('owner/repo', 'main'),
      commands: ['npx cdk synth'],
    }),
  });
  const stage = new Stage(app, 'Prod', { env: { account: '111111111111', region: 'eu-west-1' } });
  new sqs.Queue(new Stack(stage, 'Service'), 'Jobs');
  return { app, pipeStack, pipeline, stage };
}

test('a stage a CDK pipeline synthesized before applyTo is reported as not checked, with the fix', () => {
  const { app, pipeStack, pipeline, stage } = pipelineAndStage();
  pipeline.addStage(stage);
  const checks = WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule()], reportFormats: [] });

  expect(messages(app, pipeStack)).toContainEqual(
    expect.stringMatching(
      /'Prod' are not checked: the stage was synthesized before .*applyTo\(app\) before pipeline\.addStage\(stage\)\. \[ack: cdk-well-architected:UncheckedStage\]/,
    ),
  );
  expect(checks.report?.findings.map((f) => f.constructPath)).not.toContain('Prod/Service/Jobs/Resource');
});

test('applyTo before pipeline.addStage checks the stage', () => {
  const { app, pipeline, stage } = pipelineAndStage();
  const checks = WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule()], reportFormats: [] });
  pipeline.addStage(stage);
  app.synth();

  expect(checks.report?.findings.map((f) => f.constructPath)).toContain('Prod/Service/Jobs/Resource');
});
