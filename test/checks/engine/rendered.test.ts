import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueDeadLetterRule, TopicEncryptionRule } from './test-rules';
import { CheckedResource, Pillar, Rule, RuleResult, Severity, WellArchitectedChecks } from '../../../src';
import * as rendered from '../../../src/checks/engine/rendered';

function newApp(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wa-rendered-')) });
}

/** The construct path of each finding, by logical id. */
function pathsByLogicalId(checks: WellArchitectedChecks): Record<string, string> {
  return Object.fromEntries((checks.report?.findings ?? []).map((f) => [f.logicalId, f.constructPath]));
}

/** A rule that tries to change what it reads. */
class MutatingRule extends Rule {
  constructor() {
    super({
      id: 'Test-Mutating',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description: 'Changes the queue it checks.',
      remediation: 'None.',
      resourceTypes: ['AWS::SQS::Queue'],
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    resource.properties.VisibilityTimeout = 1;
    delete resource.properties.QueueName;
    return RuleResult.compliant();
  }
}

/** An L1 resource that renders nothing, as aws-cdk-lib does for some of its own. */
class Silent extends CfnResource {
  protected shouldSynthesize(): boolean {
    return false;
  }
}

describe('checking the templates aws-cdk-lib renders', () => {
  test('each template resource is matched to its L1 construct, including one that does not render', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'First');
    new Silent(stack, 'Silent', { type: 'AWS::SQS::Queue' });
    new sqs.Queue(stack, 'Second');
    const checks = WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule()], reportFormats: [] });
    app.synth();

    expect(Object.values(pathsByLogicalId(checks)).sort()).toEqual(['Stack/First/Resource', 'Stack/Second/Resource']);
    expect(checks.report?.resourcesChecked).toBe(2);
  });

  test('logical ids that break template order (integer-like, or a changed type) still find their construct', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const numbered = new sqs.CfnQueue(stack, 'Numbered');
    numbered.overrideLogicalId('123');
    const named = new sqs.CfnQueue(stack, 'Named');
    const retyped = new CfnResource(stack, 'Retyped', { type: 'Custom::Queue' });
    retyped.addOverride('Type', 'AWS::SQS::Queue');
    const checks = WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule()], reportFormats: [] });

    Annotations.fromStack(stack).hasWarning('/Stack/Numbered', Match.stringLikeRegexp('Queue 123 has no'));
    Annotations.fromStack(stack).hasWarning('/Stack/Retyped', Match.stringLikeRegexp('Test-QueueDlq'));
    expect(pathsByLogicalId(checks)).toEqual({
      '123': 'Stack/Numbered',
      [stack.resolve(retyped.logicalId)]: 'Stack/Retyped',
      [stack.resolve(named.logicalId)]: 'Stack/Named',
    });
  });

  test('escape-hatch overrides are checked as they are deployed', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const queue = new sqs.Queue(stack, 'Orders');
    (queue.node.defaultChild as sqs.CfnQueue).addPropertyOverride('RedrivePolicy', {
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111111111111:dlq',
      maxReceiveCount: 3,
    });
    const checks = WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule()], reportFormats: [] });
    app.synth();

    expect(checks.report?.findings).toEqual([]);
  });

  test('a rule cannot change the template that is written', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Orders', { queueName: 'orders' });
    WellArchitectedChecks.applyTo(app, { rules: [new MutatingRule()], reportFormats: [] });

    const queue = Template.fromStack(stack).findResources('AWS::SQS::Queue');
    expect(Object.values(queue).map((q: any) => q.Properties)).toEqual([{ QueueName: 'orders' }]);
  });

  test('a stack whose template cannot be listened to is checked from its constructs, and says so', () => {
    const listen = jest.spyOn(rendered, 'listenToRenderedTemplates').mockReturnValue(false);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const app = newApp();
      new sqs.Queue(new Stack(app, 'Stack'), 'Orders');
      const checks = WellArchitectedChecks.applyTo(app, { rules: [new QueueDeadLetterRule()] });
      app.synth();

      expect(checks.report?.findings.map((f) => f.constructPath)).toEqual(['Stack/Orders/Resource']);
      const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'well-architected-report.json'), 'utf-8'));
      expect(report.findings).toHaveLength(1);
      expect(stderr).toHaveBeenCalledWith(
        expect.stringMatching(
          /template of Stack was not rendered through .* 1 finding\(s\) are in the reports but not/,
        ),
      );
    } finally {
      listen.mockRestore();
      stderr.mockRestore();
    }
  });

  test('a stale acknowledgment above the stacks is judged when the last of them is written, and warned there', () => {
    const app = newApp();
    const first = new Stack(app, 'First');
    const dlq = new sqs.Queue(first, 'Dlq');
    new sqs.Queue(first, 'Orders', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const second = new Stack(app, 'Second');
    new sqs.Queue(second, 'Jobs');
    Validations.of(dlq).acknowledge({ id: 'Test-QueueDlq', reason: 'it is the DLQ' });
    Validations.of(app).acknowledge({ id: 'Test-TopicKms', reason: 'there are no topics' });
    Validations.of(app).acknowledge({ id: 'Test-QueueDlq', reason: 'matched in Second only' });
    const checks = WellArchitectedChecks.applyTo(app, {
      rules: [new QueueDeadLetterRule(), new TopicEncryptionRule()],
      reportFormats: [],
    });

    // Test-TopicKms on the app matches nothing in either stack: warned on the last stack written. Test-QueueDlq on
    // the app matched Jobs in that stack, so it is not stale, though nothing in the first stack needed it.
    Annotations.fromStack(second).hasWarning('/Second', Match.stringLikeRegexp('Test-TopicKms on the app matches no'));
    Annotations.fromStack(first).hasNoWarning('/First', Match.stringLikeRegexp('on the app matches no'));
    expect(checks.report?.staleAcknowledgments.map((s) => [s.constructPath, s.ruleId])).toEqual([
      ['', 'Test-TopicKms'],
    ]);
  });
});
