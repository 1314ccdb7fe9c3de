import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App,
  AspectPriority,
  Aws,
  CfnCondition,
  Fn,
  Aspects,
  CfnResource,
  IAspect,
  NestedStack,
  Stack,
  Stage,
  Validations,
} from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { QueueDeadLetterRule, QueueUsedRule, testRules, ThrowingRule, TopicEncryptionRule } from './test-rules';
import {
  CheckedResource,
  CheckReport,
  Pillar,
  ReportFormat,
  Severity,
  StackIndex,
  WellArchitectedChecks,
  WellArchitectedChecksProps,
} from '../../../src';

function newApp(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wa-checks-')) });
}

function checked(scope: IConstruct, props: WellArchitectedChecksProps = {}): WellArchitectedChecks {
  return WellArchitectedChecks.applyTo(scope, { rules: testRules(), ...props });
}

function reportOf(checks: WellArchitectedChecks): CheckReport {
  if (!checks.report) {
    throw new Error('no report: was the app synthesized?');
  }
  return checks.report;
}

/** The messages of a stack inside a nested stage (Annotations.fromStack only reads the app's own assembly). */
function stageMessages(app: App, stage: Stage, stack: Stack) {
  return app
    .synth()
    .getNestedAssembly(stage.artifactId)
    .getStackArtifact(stack.artifactId)
    .messages.map((m) => ({ level: m.level, id: m.id, data: String(m.entry.data) }));
}

describe('findings as annotations', () => {
  test('a warning on an L2 queue, at the L1 path, with rule id, pillar, lens question and fix', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Orders');
    checked(app);

    Annotations.fromStack(stack).hasWarning(
      '/Stack/Orders/Resource',
      Match.stringLikeRegexp(
        '^\\[Test-QueueDlq\\] Queue Orders[0-9A-F]+ has no dead-letter queue \\(Reliability, REL 2\\)\\. \\[ack: Test-QueueDlq\\]$',
      ),
    );
  });

  test('a raw L1 resource is checked like an L2', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.CfnQueue(stack, 'RawQueue');
    new CfnResource(stack, 'Untyped', { type: 'AWS::SQS::Queue', properties: {} });
    checked(app);

    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/RawQueue', Match.stringLikeRegexp('\\[Test-QueueDlq\\]'));
    annotations.hasWarning('/Stack/Untyped', Match.stringLikeRegexp('\\[Test-QueueDlq\\]'));
  });

  test('a compliant resource gets no annotation', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const dlq = new sqs.Queue(stack, 'Dlq');
    const queue = new sqs.Queue(stack, 'Orders', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    checked(app, { rules: [new QueueDeadLetterRule()] });

    Annotations.fromStack(stack).hasNoWarning(queue.node.path + '/Resource', Match.anyValue());
    Annotations.fromStack(stack).hasWarning('/Stack/Dlq/Resource', Match.stringLikeRegexp('Test-QueueDlq'));
  });

  test('an error finding is a CDK error (cdk synth fails); a warning is a warning (fails only --strict)', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sns.Topic(stack, 'Alerts');
    new sqs.Queue(stack, 'Orders');
    checked(app);

    const annotations = Annotations.fromStack(stack);
    annotations.hasError(
      '/Stack/Alerts/Resource',
      Match.stringLikeRegexp(
        '^\\[Test-TopicKms\\] Topic Alerts[0-9A-F]+ is not encrypted \\(Security, SEC 3\\)\\. ' +
          "To accept it here: Validations\\.of\\(construct\\)\\.acknowledge\\(\\{ id: 'Test-TopicKms', reason: '\\.\\.\\.' \\}\\)\\.",
      ),
    );
    annotations.hasNoError('/Stack/Orders/Resource', Match.anyValue());
    annotations.hasWarning('/Stack/Orders/Resource', Match.stringLikeRegexp('Test-QueueDlq'));
  });

  test('failOnError: false reports error findings as warnings, and the report keeps their severity', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sns.Topic(stack, 'Alerts');
    const checks = checked(app, { failOnError: false });

    const annotations = Annotations.fromStack(stack);
    annotations.hasNoError('*', Match.anyValue());
    annotations.hasWarning('/Stack/Alerts/Resource', Match.stringLikeRegexp('\\[Test-TopicKms\\]'));
    expect(reportOf(checks).findings.find((f) => f.ruleId === 'Test-TopicKms')?.severity).toBe(Severity.ERROR);
  });

  test('an info finding is an info annotation', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Orders');
    checked(app);

    Annotations.fromStack(stack).hasInfo(
      '/Stack/Orders/Resource',
      Match.stringLikeRegexp('^\\[Test-QueueUsed\\] .*\\(Cost Optimization, COST 1\\)'),
    );
  });

  test('cross-resource rules read the stack index', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const dlq = new sqs.Queue(stack, 'Dlq');
    new sqs.Queue(stack, 'Orders', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const checks = checked(app, { rules: [new QueueUsedRule()] });
    app.synth();

    expect(reportOf(checks).findings.map((f) => f.constructPath)).toEqual(['Stack/Orders/Resource']);
  });

  test('resources are seen after mutating aspects changed them', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Orders');
    new sqs.Queue(stack, 'Payments');
    const checks = checked(app, { rules: [new QueueDeadLetterRule()] });
    const addRedrive: IAspect = {
      visit(node) {
        if (node instanceof sqs.CfnQueue) {
          node.redrivePolicy = { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq', maxReceiveCount: 3 };
        }
      },
    };
    Aspects.of(app).add(addRedrive, { priority: AspectPriority.MUTATING });
    app.synth();

    expect(reportOf(checks).findings).toEqual([]);
    expect(reportOf(checks).resourcesChecked).toBe(2);
  });
});

describe('stages and nested stacks', () => {
  test('applyTo reaches the resources inside a Stage, and the app report includes them', () => {
    const app = newApp();
    const appStack = new Stack(app, 'Pipeline');
    new sqs.Queue(appStack, 'Top');
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Service');
    new sqs.Queue(stack, 'Orders');
    const checks = checked(app, { rules: [new QueueDeadLetterRule()] });

    const messages = stageMessages(app, stage, stack);
    expect(messages).toEqual([
      expect.objectContaining({
        level: 'warning',
        id: '/Prod/Service/Orders/Resource',
        data: expect.stringMatching(/^\[Test-QueueDlq\]/),
      }),
    ]);
    expect(reportOf(checks).findings.map((f) => [f.stackName, f.constructPath])).toEqual([
      ['Pipeline', 'Pipeline/Top/Resource'],
      ['Prod-Service', 'Prod/Service/Orders/Resource'],
    ]);
    expect(reportOf(checks).stacks).toEqual(['Pipeline', 'Prod-Service']);
    const stageReport = JSON.parse(fs.readFileSync(path.join(stage.outdir, 'well-architected-report.json'), 'utf-8'));
    expect(stageReport.findings.map((f: { constructPath: string }) => f.constructPath)).toEqual([
      'Prod/Service/Orders/Resource',
    ]);
  });

  test('an aspect added to the app without applyTo warns that the stage is not checked', () => {
    const app = newApp();
    const appStack = new Stack(app, 'Pipeline');
    new sqs.Queue(appStack, 'Top');
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Service');
    new sqs.Queue(stack, 'Orders');
    const checks = new WellArchitectedChecks({ rules: testRules() });
    Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });

    Annotations.fromStack(appStack).hasWarning(
      '/Pipeline',
      Match.stringLikeRegexp("The resources of 'Prod' are not checked: .*WellArchitectedChecks.applyTo\\(stage\\)"),
    );
    expect(stageMessages(app, stage, stack)).toEqual([]);
  });

  test('a stage added after applyTo is reported as not checked; one checked on its own is not', () => {
    const app = newApp();
    const appStack = new Stack(app, 'Pipeline');
    new sqs.Queue(appStack, 'Top');
    checked(app);
    const late = new Stage(app, 'Late');
    new sqs.Queue(new Stack(late, 'Service'), 'Orders');
    const own = new Stage(app, 'Own');
    new sqs.Queue(new Stack(own, 'Service'), 'Orders');
    checked(own);

    const warnings = Annotations.fromStack(appStack).findWarning('/Pipeline', Match.anyValue());
    expect(warnings.map((w) => w.entry.data)).toEqual([
      expect.stringMatching(/The resources of 'Late' are not checked/),
    ]);
  });

  test('applied to one stack, only that stack is checked and acknowledgments elsewhere are not judged', () => {
    const app = newApp();
    const checkedStack = new Stack(app, 'Checked');
    new sqs.Queue(checkedStack, 'Orders');
    const other = new Stack(app, 'Other');
    const ignored = new sqs.Queue(other, 'Ignored');
    Validations.of(ignored).acknowledge({ id: 'Test-QueueDlq', reason: 'not checked here' });
    const checks = checked(checkedStack, { rules: [new QueueDeadLetterRule()] });
    app.synth();

    expect(reportOf(checks).findings.map((f) => f.constructPath)).toEqual(['Checked/Orders/Resource']);
    expect(reportOf(checks).staleAcknowledgments).toEqual([]);
    expect(fs.existsSync(path.join(app.outdir, 'well-architected-report.json'))).toBe(true);
  });

  test('resources of a NestedStack are checked and named after the parent stack', () => {
    const app = newApp();
    const stack = new Stack(app, 'Parent');
    const nested = new NestedStack(stack, 'Database');
    new sqs.Queue(nested, 'Orders');
    const checks = checked(app, { rules: [new QueueDeadLetterRule()] });

    Annotations.fromStack(stack).hasWarning(
      '/Parent/Database/Orders/Resource',
      Match.stringLikeRegexp('Test-QueueDlq'),
    );
    expect(reportOf(checks).findings.map((f) => [f.stackName, f.logicalId])).toEqual([
      ['Parent/Database', expect.stringMatching(/^Orders/)],
    ]);
    expect(reportOf(checks).stacks).toEqual(['Parent', 'Parent/Database']);
  });

  test('the stack index is built once per stack, from the template aws-cdk-lib renders: no resource is resolved again', () => {
    const app = newApp();
    const one = new Stack(app, 'One');
    new sqs.Queue(one, 'A');
    new sqs.Queue(one, 'B');
    new sns.Topic(one, 'T');
    const two = new Stack(app, 'Two');
    new sqs.Queue(two, 'C');
    checked(app);
    const indexSpy = jest.spyOn(StackIndex, 'fromResources');
    const resolveSpy = jest.spyOn(CheckedResource, 'fromCfnResource');
    try {
      app.synth();
      expect(indexSpy).toHaveBeenCalledTimes(2);
      expect(resolveSpy).not.toHaveBeenCalled();
    } finally {
      indexSpy.mockRestore();
      resolveSpy.mockRestore();
    }
  });

  test('synthesizing twice (Template then Annotations) does not duplicate findings', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Orders');
    const checks = checked(app, { rules: [new QueueDeadLetterRule()] });
    app.synth();
    Annotations.fromStack(stack);
    Annotations.fromStack(stack);

    expect(reportOf(checks).findings).toHaveLength(1);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toHaveLength(1);
  });
});

describe('acknowledgments', () => {
  function build() {
    const app = newApp();
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Service');
    const queue = new sqs.Queue(stack, 'Orders');
    const topic = new sns.Topic(stack, 'Alerts');
    return { app, stage, stack, queue, topic };
  }

  test.each([
    ['the L1 resource', (s: ReturnType<typeof build>) => s.queue.node.defaultChild!],
    ['the L2', (s: ReturnType<typeof build>) => s.queue],
    ['the stack', (s: ReturnType<typeof build>) => s.stack],
    ['the stage', (s: ReturnType<typeof build>) => s.stage],
    ['the app', (s: ReturnType<typeof build>) => s.app],
  ])('an acknowledgment on %s suppresses the warning and keeps the reason', (_, scopeOf) => {
    const scene = build();
    Validations.of(scopeOf(scene)).acknowledge({ id: 'Test-QueueDlq', reason: 'replayed from S3' });
    const checks = checked(scene.app, { rules: [new QueueDeadLetterRule()] });

    expect(stageMessages(scene.app, scene.stage, scene.stack)).toEqual([]);
    expect(reportOf(checks).findings).toEqual([
      expect.objectContaining({ ruleId: 'Test-QueueDlq', acknowledged: true, acknowledgedReason: 'replayed from S3' }),
    ]);
    expect(reportOf(checks).staleAcknowledgments).toEqual([]);
  });

  test('an acknowledged error does not fail the synth; the nearest reason wins', () => {
    const scene = build();
    Validations.of(scene.stack).acknowledge({ id: 'Test-TopicKms', reason: 'stack-wide' });
    Validations.of(scene.topic).acknowledge({ id: 'Test-TopicKms', reason: 'public data only' });
    const checks = checked(scene.app, { rules: [new TopicEncryptionRule()] });

    expect(stageMessages(scene.app, scene.stage, scene.stack).filter((m) => m.level === 'error')).toEqual([]);
    expect(reportOf(checks).findings).toEqual([
      expect.objectContaining({ ruleId: 'Test-TopicKms', acknowledged: true, acknowledgedReason: 'public data only' }),
    ]);
    // The stack-wide acknowledgment also covers the finding, so it is not stale.
    expect(reportOf(checks).staleAcknowledgments).toEqual([]);
  });

  test('an acknowledgment only covers its own scope', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const a = new sqs.Queue(stack, 'A');
    new sqs.Queue(stack, 'B');
    Validations.of(a).acknowledge({ id: 'Test-QueueDlq', reason: 'idempotent' });
    const checks = checked(app, { rules: [new QueueDeadLetterRule()] });
    app.synth();

    expect(reportOf(checks).findings.map((f) => [f.constructPath, f.acknowledged])).toEqual([
      ['Stack/A/Resource', true],
      ['Stack/B/Resource', false],
    ]);
  });

  test('an acknowledgment that matches nothing is stale: reported and warned on its construct', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const dlq = new sqs.Queue(stack, 'Dlq');
    const queue = new sqs.Queue(stack, 'Orders', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    Validations.of(queue).acknowledge({ id: 'Test-QueueDlq', reason: 'no DLQ yet' });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'another tool' });
    Validations.of(dlq).acknowledge({ id: 'Test-QueueDlq', reason: 'it is the DLQ' });
    const checks = checked(app, { rules: [new QueueDeadLetterRule()] });

    Annotations.fromStack(stack).hasWarning(
      '/Stack/Orders',
      Match.stringLikeRegexp(
        'acknowledgment of Test-QueueDlq on Stack/Orders matches no finding \\(reason given: "no DLQ yet"\\)',
      ),
    );
    expect(reportOf(checks).staleAcknowledgments).toEqual([
      { constructPath: 'Stack/Orders', ruleId: 'Test-QueueDlq', reason: 'no DLQ yet' },
    ]);
  });

  test('a stale acknowledgment on the app is warned on its first stack', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sns.Topic(stack, 'Alerts', { masterKey: undefined });
    Validations.of(app).acknowledge({ id: 'Test-QueueDlq', reason: 'legacy' });
    const checks = checked(app, { rules: [new QueueDeadLetterRule()] });

    Annotations.fromStack(stack).hasWarning(
      '/Stack',
      Match.stringLikeRegexp('Test-QueueDlq on the app matches no finding'),
    );
    expect(reportOf(checks).staleAcknowledgments).toEqual([
      { constructPath: '', ruleId: 'Test-QueueDlq', reason: 'legacy' },
    ]);
  });

  test('an app acknowledgment matched inside a stage is not stale', () => {
    const scene = build();
    const appStack = new Stack(scene.app, 'Other');
    new sns.Topic(appStack, 'Fine');
    Validations.of(scene.app).acknowledge({ id: 'Test-QueueDlq', reason: 'org policy' });
    const checks = checked(scene.app, { rules: [new QueueDeadLetterRule()] });
    scene.app.synth();

    expect(reportOf(checks).staleAcknowledgments).toEqual([]);
  });

  test('acknowledging a rule that is not running is not stale', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const queue = new sqs.Queue(stack, 'Orders');
    Validations.of(queue).acknowledge({ id: 'Test-QueueDlq', reason: 'disabled anyway' });
    const checks = checked(app, { disabledRules: ['Test-QueueDlq'] });
    app.synth();

    expect(reportOf(checks).staleAcknowledgments).toEqual([]);
  });
});

describe('rule selection props', () => {
  function ruleIds(props: WellArchitectedChecksProps): string[] {
    return new WellArchitectedChecks({ rules: testRules(), ...props }).rules.map((r) => r.id);
  }

  test('all rules run by default, sorted by id', () => {
    expect(ruleIds({})).toEqual(['Test-QueueDlq', 'Test-QueueUsed', 'Test-TopicKms']);
  });

  test('pillars, disabledRules and minimumSeverity narrow the rules', () => {
    expect(ruleIds({ pillars: [Pillar.SECURITY, Pillar.COST_OPTIMIZATION] })).toEqual([
      'Test-QueueUsed',
      'Test-TopicKms',
    ]);
    expect(ruleIds({ disabledRules: ['Test-QueueUsed'] })).toEqual(['Test-QueueDlq', 'Test-TopicKms']);
    expect(ruleIds({ minimumSeverity: Severity.WARNING })).toEqual(['Test-QueueDlq', 'Test-TopicKms']);
    expect(ruleIds({ minimumSeverity: Severity.ERROR })).toEqual(['Test-TopicKms']);
  });

  test('additionalRules run with the catalogue', () => {
    expect(ruleIds({ additionalRules: [new QueueDeadLetterRule('MyOrg-QueueDlq')] })).toEqual([
      'MyOrg-QueueDlq',
      'Test-QueueDlq',
      'Test-QueueUsed',
      'Test-TopicKms',
    ]);
  });

  test('the built-in catalogue is the default', () => {
    expect(() => new WellArchitectedChecks()).not.toThrow();
  });

  test('only the selected rules produce findings and appear in the report', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Orders');
    new sns.Topic(stack, 'Alerts');
    const checks = checked(app, { minimumSeverity: Severity.ERROR });
    app.synth();

    expect(reportOf(checks).rules.map((r) => r.id)).toEqual(['Test-TopicKms']);
    expect(reportOf(checks).findings.map((f) => f.ruleId)).toEqual(['Test-TopicKms']);
  });

  test('a duplicate rule id is a construct-time error', () => {
    expect(
      () => new WellArchitectedChecks({ rules: testRules(), additionalRules: [new QueueDeadLetterRule()] }),
    ).toThrow(/Two rules have the id 'Test-QueueDlq' .*rule ids must be unique/);
  });

  test('an unknown disabled rule id is a construct-time error naming it and where ids are listed', () => {
    expect(
      () => new WellArchitectedChecks({ rules: testRules(), disabledRules: ['Test-Nope', 'test-queuedlq'] }),
    ).toThrow(
      /WellArchitectedChecks: disabledRules: unknown rule ids 'Test-Nope', 'test-queuedlq'\. Did you mean 'Test-QueueDlq' instead of 'test-queuedlq'\? The ids are listed in RULES\.md/,
    );
  });

  test('an empty pillars list is an error', () => {
    expect(() => new WellArchitectedChecks({ rules: testRules(), pillars: [] })).toThrow(
      /WellArchitectedChecks: pillars is empty, so no rule would run/,
    );
  });

  test('an unknown report format and an empty report directory are errors', () => {
    expect(() => new WellArchitectedChecks({ reportFormats: ['html' as ReportFormat] })).toThrow(
      /reportFormats has unknown format 'html': use ReportFormat.JSON, ReportFormat.SARIF or ReportFormat.MARKDOWN/,
    );
    expect(() => new WellArchitectedChecks({ reportDirectory: ' ' })).toThrow(/reportDirectory is empty/);
  });
});

describe('robustness', () => {
  test('a rule that throws is reported once per resource, as a warning, and the other rules still run', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'A');
    new sqs.Queue(stack, 'B');
    const throwing = new ThrowingRule();
    const checks = checked(app, { additionalRules: [throwing] });

    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning(
      '/Stack/A/Resource',
      Match.stringLikeRegexp(
        'Rule Test-Throws failed on Stack/A/Resource \\(A[0-9A-F]+\\) and did not check it: cannot read A',
      ),
    );
    annotations.hasNoError('*', Match.anyValue());
    expect(reportOf(checks).ruleErrors).toEqual([
      {
        ruleId: 'Test-Throws',
        constructPath: 'Stack/A/Resource',
        logicalId: expect.stringMatching(/^A/),
        message: expect.stringMatching(/^cannot read A/),
      },
      {
        ruleId: 'Test-Throws',
        constructPath: 'Stack/B/Resource',
        logicalId: expect.stringMatching(/^B/),
        message: expect.stringMatching(/^cannot read B/),
      },
    ]);
    expect(throwing.calls).toBe(2);
    expect(reportOf(checks).findings.filter((f) => f.ruleId === 'Test-QueueDlq')).toHaveLength(2);
  });

  test('a property that cannot be resolved is never a finding', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new CfnCondition(stack, 'HasDlq', { expression: Fn.conditionEquals(Aws.REGION, 'eu-west-1') });
    const queue = new sqs.CfnQueue(stack, 'Queue');
    queue.addPropertyOverride('RedrivePolicy', {
      'Fn::If': ['HasDlq', { deadLetterTargetArn: 'x' }, { Ref: 'AWS::NoValue' }],
    });
    const checks = checked(app, { rules: [new QueueDeadLetterRule()] });
    app.synth();

    expect(reportOf(checks).findings).toEqual([]);
  });
});

describe('reports', () => {
  test('the report is written into the cloud assembly on every synth', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Orders');
    const checks = checked(app, { rules: [new QueueDeadLetterRule()] });
    app.synth();

    const onDisk = JSON.parse(fs.readFileSync(path.join(app.outdir, 'well-architected-report.json'), 'utf-8'));
    expect(onDisk.findings).toEqual([
      expect.objectContaining({ ruleId: 'Test-QueueDlq', constructPath: 'Stack/Orders/Resource' }),
    ]);
    expect(reportOf(checks)).toEqual(
      expect.objectContaining({
        resourcesChecked: 1,
        stacks: ['Stack'],
        generatedBy: expect.stringMatching(/^cdk-well-architected@/),
        rules: [expect.objectContaining({ id: 'Test-QueueDlq', equivalents: { cdkNag: ['AwsSolutions-SQS3'] } })],
      }),
    );
  });

  test('all three reports are written by default; SARIF points at the line of the resource in its template', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Orders');
    const nested = new NestedStack(stack, 'Database');
    new sqs.Queue(nested, 'Jobs');
    checked(app, { rules: [new QueueDeadLetterRule()] });
    app.synth();

    expect(
      fs
        .readdirSync(app.outdir)
        .filter((f) => f.startsWith('well-architected'))
        .sort(),
    ).toEqual(['well-architected-report.json', 'well-architected-report.md', 'well-architected-report.sarif']);
    const sarif = JSON.parse(fs.readFileSync(path.join(app.outdir, 'well-architected-report.sarif'), 'utf-8'));
    const locations = sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation);
    const templateOf = (file: string) => fs.readFileSync(path.join(app.outdir, file), 'utf-8').split('\n');
    expect(locations).toHaveLength(2);
    for (const location of locations) {
      const file = path.basename(location.artifactLocation.uri);
      expect(fs.existsSync(path.join(app.outdir, file))).toBe(true);
      // The line the SARIF names is the one that declares the queue in the written template.
      expect(templateOf(file)[location.region.startLine - 1]).toMatch(/^\s*"(Orders|Jobs)[0-9A-F]+": \{$/);
    }
    expect(locations.map((l: any) => path.basename(l.artifactLocation.uri)).sort()).toEqual(
      [nested.templateFile, stack.templateFile].sort(),
    );
  });

  test('each report is written once per synth, SARIF after the templates it points into', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Orders');
    checked(app, { rules: [new QueueDeadLetterRule()] });
    const written: string[] = [];
    // The fs module itself (the `import * as fs` namespace above is a read-only copy), as aws-cdk-lib sees it.
    const nodeFs: typeof fs = jest.requireActual('fs');
    const original = nodeFs.writeFileSync;
    const writeFileSync = jest.spyOn(nodeFs, 'writeFileSync').mockImplementation((file, ...rest) => {
      written.push(path.basename(String(file)));
      return original(file, ...rest);
    });
    try {
      app.synth();
    } finally {
      writeFileSync.mockRestore();
    }

    const reports = written.filter((f) => f.startsWith('well-architected-report'));
    expect(reports.sort()).toEqual([
      'well-architected-report.json',
      'well-architected-report.md',
      'well-architected-report.sarif',
    ]);
    // SARIF needs the line of each resource, so it comes after the stack's template.
    expect(written).toContain('Stack.template.json');
    expect(written.indexOf('well-architected-report.sarif')).toBeGreaterThan(written.indexOf('Stack.template.json'));
  });

  test('a synth that fails before the templates are written leaves no report of an earlier synth', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-reports-'));
    for (const file of [
      'well-architected-report.json',
      'well-architected-report.md',
      'well-architected-report.sarif',
    ]) {
      fs.writeFileSync(path.join(directory, file), 'from an earlier synth');
    }
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Orders');
    stack.node.addValidation({ validate: () => ['something else is wrong'] });
    checked(app, { rules: [new QueueDeadLetterRule()], reportDirectory: directory });

    expect(() => app.synth()).toThrow(/something else is wrong/);
    expect(fs.readdirSync(directory)).toEqual([]);
  });

  test('a synth that skips validation writes no SARIF from the findings of an earlier synth', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Orders');
    checked(app, { rules: [new QueueDeadLetterRule()] });
    app.synth();
    const sarif = path.join(app.outdir, 'well-architected-report.sarif');
    expect(fs.existsSync(sarif)).toBe(true);
    fs.rmSync(sarif);

    app.synth({ force: true, skipValidation: true });
    expect(fs.existsSync(sarif)).toBe(false);
  });

  test('reportDirectory and reportFormats choose where and what is written', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Orders');
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-reports-'));
    checked(app, { reportDirectory: directory, reportFormats: [ReportFormat.JSON] });
    const quiet = newApp();
    new sqs.Queue(new Stack(quiet, 'Stack'), 'Orders');
    checked(quiet, { reportFormats: [] });
    app.synth();
    quiet.synth();

    expect(fs.readdirSync(directory)).toEqual(['well-architected-report.json']);
    expect(fs.readdirSync(quiet.outdir).filter((f) => f.startsWith('well-architected'))).toEqual([]);
  });

  test('the report is undefined before synth', () => {
    expect(new WellArchitectedChecks({ rules: testRules() }).report).toBeUndefined();
  });
});
