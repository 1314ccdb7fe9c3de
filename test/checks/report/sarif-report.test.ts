import type * as sarif from 'sarif';
import { emptyReport, ruleSummary, sampleReport } from './fixtures';
import { sarifSchemaValidator } from './sarif-validator';
import { Pillar, Severity } from '../../../src/checks/engine';
import { buildSarifLog, FINGERPRINT_KEY, renderSarif } from '../../../src/checks/report';

const validate = sarifSchemaValidator();

function expectValid(log: unknown) {
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('well-architected-report.sarif', () => {
  const log: sarif.Log = JSON.parse(
    renderSarif(sampleReport(), {
      templates: {
        Orders: { uri: 'cdk.out/Orders.template.json', resourceLines: { Queue: 12, Handler: 40 } },
      },
    }),
  );
  const run = log.runs[0];
  const rules = run.tool.driver.rules!;
  const results = run.results!;

  test('is valid against the SARIF 2.1.0 schema', () => {
    expectValid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  test('an empty report and a report without templates are valid too', () => {
    expectValid(buildSarifLog(emptyReport()));
    expectValid(buildSarifLog(sampleReport()));
  });

  test('names the tool and its version from generatedBy', () => {
    expect(run.tool.driver).toMatchObject({
      name: 'cdk-well-architected',
      version: '1.2.3',
      semanticVersion: '1.2.3',
      informationUri: 'https://github.com/cdk-well-architected/cdk-well-architected',
    });
  });

  test('lists every rule that ran, sorted by id, with its metadata', () => {
    expect(rules.map((r) => r.id)).toEqual([
      'WA-LambdaArm64',
      'WA-LambdaTracing',
      'WA-SqsDeadLetterQueue',
      'WA-SqsEnforceSsl',
    ]);
    const tracing = rules[1];
    expect(tracing).toMatchObject({
      name: 'LambdaTracing',
      shortDescription: { text: 'Lambda functions send traces to AWS X-Ray.' },
      fullDescription: {
        text: 'Lambda functions send traces to AWS X-Ray. Without traces, latency cannot be attributed.',
      },
      defaultConfiguration: { level: 'warning' },
      properties: { pillar: 'operational-excellence', lensQuestion: 'OPS 1' },
    });
    expect(tracing.properties!.tags).toEqual(
      expect.arrayContaining(['operational-excellence', 'well-architected', 'serverless-lens']),
    );
    expect(tracing.help!.text).toContain('Fix: Set `tracing: lambda.Tracing.ACTIVE` on the function.');
    expect(tracing.help!.text).toContain('Serverless Lens question: OPS 1');
    expect(tracing.help!.text).toContain('serverless-rules: LAMBDA_TRACING_RULE, WS1000');
    expect(tracing.help!.text).toContain('cdk-nag: Serverless-LambdaTracing');
    expect(tracing.help!.markdown).toContain('**Fix:** Set `tracing: lambda.Tracing.ACTIVE` on the function.');
  });

  test.each([
    ['One sentence. Two.', 'One sentence.'],
    ['Alarm below the timeout (e.g. 90%). Then more.', 'Alarm below the timeout (e.g. 90%).'],
    ['Use i.e. this, etc. and that vs. those! Next', 'Use i.e. this, etc. and that vs. those!'],
    ['No final stop', 'No final stop'],
  ])('shortDescription of %j is its first sentence %j', (description, expected) => {
    const report = { ...emptyReport(), rules: [ruleSummary({ id: 'X-One', pillar: Pillar.RELIABILITY, description })] };
    expect(buildSarifLog(report).runs[0].tool.driver.rules![0].shortDescription!.text).toBe(expected);
  });

  test('maps severities to SARIF levels: error, warning, note', () => {
    const levelOf = (id: string) => rules.find((r) => r.id === id)!.defaultConfiguration!.level;
    expect(levelOf('WA-SqsEnforceSsl')).toBe('error');
    expect(levelOf('WA-LambdaTracing')).toBe('warning');
    expect(levelOf('WA-LambdaArm64')).toBe('note');
    expect(results.find((r) => r.ruleId === 'WA-LambdaTracing')!.level).toBe('warning');
    expect(results.find((r) => r.ruleId === 'WA-SqsEnforceSsl')!.level).toBe('error');
  });

  test('only security rules carry security-severity and the security tag', () => {
    const ssl = rules.find((r) => r.id === 'WA-SqsEnforceSsl')!;
    expect(ssl.properties!['security-severity']).toBe('8.0');
    expect(ssl.properties!.tags).toContain('security');
    const dlq = rules.find((r) => r.id === 'WA-SqsDeadLetterQueue')!;
    expect(dlq.properties!['security-severity']).toBeUndefined();
    expect(dlq.properties!.tags).not.toContain('security');
  });

  test('each result points at its rule by id and index', () => {
    expect(results).toHaveLength(6);
    for (const result of results) {
      expect(rules[result.ruleIndex!].id).toBe(result.ruleId);
    }
  });

  test('a result has the construct path as a logical location and the template line when known', () => {
    const queue = results.find((r) => r.ruleId === 'WA-SqsEnforceSsl' && r.properties!.stackName === 'Orders')!;
    expect(queue.message.text).toBe('Queue breaks WA-SqsEnforceSsl.');
    expect(queue.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'cdk.out/Orders.template.json' }, region: { startLine: 12 } },
        logicalLocations: [{ name: 'Queue', fullyQualifiedName: 'Orders/Queue/Resource', kind: 'resource' }],
      },
    ]);
  });

  test('a result of a stack without a known template points at <stackName>.template.json, line 1', () => {
    // GitHub rejects the whole upload if a result has no artifact location.
    const billing = results.find((r) => r.properties!.stackName === 'Billing')!;
    expect(billing.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'Billing.template.json' },
      region: { startLine: 1 },
    });
    expect(billing.locations![0].logicalLocations![0].fullyQualifiedName).toMatch(/^Billing\//);
    for (const result of results) {
      expect(result.locations![0].physicalLocation!.artifactLocation!.uri).toMatch(/\.template\.json$/);
    }
  });

  test('partial fingerprints depend only on rule and construct path, so they are stable across runs', () => {
    const fingerprints = results.map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
    expect(new Set(fingerprints).size).toBe(results.length);
    const again: sarif.Log = buildSarifLog(sampleReport());
    expect(again.runs[0].results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY])).toEqual(fingerprints);
    expect(fingerprints[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  test('an acknowledged finding is a suppressed result with its reason as justification', () => {
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].ruleId).toBe('WA-SqsDeadLetterQueue');
    expect(suppressed[0].suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'This queue *is* the dead-letter queue | by design' },
    ]);
  });

  test('rule errors and stale acknowledgments are tool notifications', () => {
    const invocation = run.invocations![0];
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([
      expect.objectContaining({
        level: 'error',
        message: {
          text: 'Rule WA-LambdaTracing failed on Billing/Broken/Resource: Cannot read properties of undefined',
        },
        associatedRule: { id: 'WA-LambdaTracing', index: 1 },
      }),
    ]);
    expect(invocation.toolConfigurationNotifications).toEqual([
      expect.objectContaining({ level: 'warning', associatedRule: { id: 'WA-SqsEnforceSsl', index: 3 } }),
    ]);
    expect(invocation.toolConfigurationNotifications![0].message.text).toContain('legacy consumer');
  });

  test('a stale acknowledgment made on the app itself has no location and names the app root', () => {
    const report = {
      ...sampleReport(),
      staleAcknowledgments: [{ constructPath: '', ruleId: 'WA-Gone', reason: 'old' }],
    };
    const log2 = buildSarifLog(report);
    expectValid(log2);
    const [notification] = log2.runs[0].invocations![0].toolConfigurationNotifications!;
    expect(notification.locations).toBeUndefined();
    expect(notification.message.text).toContain("on '(app root)'");
    // A rule that did not run has no index to point at.
    expect(notification.associatedRule).toEqual({ id: 'WA-Gone' });
  });

  test('a finding of a rule missing from the rule list still gets a descriptor, so ruleIndex stays valid', () => {
    const report = sampleReport();
    const log2 = buildSarifLog({ ...report, rules: report.rules.filter((r) => r.id !== 'WA-SqsEnforceSsl') });
    expectValid(log2);
    const descriptors = log2.runs[0].tool.driver.rules!;
    const result = log2.runs[0].results!.find((r) => r.ruleId === 'WA-SqsEnforceSsl')!;
    expect(descriptors[result.ruleIndex!].id).toBe('WA-SqsEnforceSsl');
    expect(descriptors[result.ruleIndex!].properties!['security-severity']).toBe('8.0');
  });

  test('security-severity follows the rule severity', () => {
    const report = {
      ...emptyReport(),
      rules: [
        ruleSummary({ id: 'X-SecWarn', pillar: Pillar.SECURITY, severity: Severity.WARNING }),
        ruleSummary({ id: 'X-SecInfo', pillar: Pillar.SECURITY, severity: Severity.INFO }),
      ],
    };
    const descriptors = buildSarifLog(report).runs[0].tool.driver.rules!;
    expect(descriptors.map((d) => [d.id, d.properties!['security-severity']])).toEqual([
      ['X-SecInfo', '2.0'],
      ['X-SecWarn', '5.0'],
    ]);
  });

  test('a rule has at most 10 tags, pillar first, so GitHub neither truncates nor rejects them', () => {
    const resourceTypes = Array.from({ length: 15 }, (_, i) => `AWS::Test::Type${String(i).padStart(2, '0')}`);
    const report = {
      ...emptyReport(),
      rules: [ruleSummary({ id: 'X-Many', pillar: Pillar.RELIABILITY, resourceTypes })],
    };
    const log2 = buildSarifLog(report);
    expectValid(log2);
    const tags = log2.runs[0].tool.driver.rules![0].properties!.tags!;
    expect(tags).toHaveLength(10);
    expect(tags.slice(0, 4)).toEqual(['reliability', 'well-architected', 'serverless-lens', 'AWS::Test::Type00']);
  });

  test('a generatedBy without a version gives no semanticVersion', () => {
    const driver = buildSarifLog({ ...emptyReport(), generatedBy: 'custom-build' }).runs[0].tool.driver;
    expect(driver.version).toBe('custom-build');
    expect(driver.semanticVersion).toBeUndefined();
  });

  test('the validator rejects a broken log, so the validity tests can fail', () => {
    const broken: any = buildSarifLog(sampleReport());
    broken.runs[0].results[0].level = 'critical';
    expect(validate(broken)).toBe(false);
  });
});
