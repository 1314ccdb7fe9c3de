import { emptyReport, sampleReport } from './fixtures';
import { CheckReport } from '../../../src/checks/engine';
import { buildJsonReport, JSON_REPORT_SCHEMA_VERSION, renderJson } from '../../../src/checks/report';

describe('well-architected-report.json', () => {
  const json = JSON.parse(renderJson(sampleReport()));

  test('starts with the schema version and the tool', () => {
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'generatedBy',
      'resourcesChecked',
      'stacks',
      'summary',
      'findings',
      'rules',
      'staleAcknowledgments',
      'ruleErrors',
      'remediations',
      'skippedResources',
    ]);
    expect(json.schemaVersion).toBe(JSON_REPORT_SCHEMA_VERSION);
    expect(json.generatedBy).toBe('cdk-well-architected@1.2.3');
  });

  test('every finding has exactly the documented field names, in order', () => {
    for (const finding of json.findings) {
      expect(Object.keys(finding)).toEqual([
        'ruleId',
        'pillar',
        'severity',
        'lensQuestion',
        'stackName',
        'constructPath',
        'logicalId',
        'resourceType',
        'message',
        'remediation',
        'acknowledged',
        'acknowledgedReason',
      ]);
    }
  });

  test('an acknowledged finding carries its reason; the others carry null', () => {
    const acknowledged = json.findings.filter((f: any) => f.acknowledged);
    expect(acknowledged).toEqual([
      expect.objectContaining({
        ruleId: 'WA-SqsDeadLetterQueue',
        constructPath: 'Billing/Dlq/Resource',
        acknowledgedReason: 'This queue *is* the dead-letter queue | by design',
      }),
    ]);
    expect(json.findings.filter((f: any) => !f.acknowledged).every((f: any) => f.acknowledgedReason === null)).toBe(
      true,
    );
  });

  test('overall totals count open findings by severity and acknowledged ones apart', () => {
    expect(json.resourcesChecked).toBe(9);
    expect(json.stacks).toEqual(['Billing', 'Orders']);
    expect(json.summary).toMatchObject({
      total: 6,
      open: 5,
      bySeverity: { error: 3, warning: 2, info: 0 },
      acknowledged: 1,
      rulesRun: 4,
    });
  });

  test('per-pillar summary lists all six pillars in framework order with their counts', () => {
    expect(Object.keys(json.summary.pillars)).toEqual([
      'operational-excellence',
      'security',
      'reliability',
      'performance-efficiency',
      'cost-optimization',
      'sustainability',
    ]);
    expect(json.summary.pillars.security).toEqual({
      total: 2,
      open: 2,
      bySeverity: { error: 2, warning: 0, info: 0 },
      acknowledged: 0,
      rulesRun: 1,
    });
    expect(json.summary.pillars.reliability).toEqual({
      total: 2,
      open: 1,
      bySeverity: { error: 1, warning: 0, info: 0 },
      acknowledged: 1,
      rulesRun: 1,
    });
    expect(json.summary.pillars['cost-optimization']).toEqual({
      total: 0,
      open: 0,
      bySeverity: { error: 0, warning: 0, info: 0 },
      acknowledged: 0,
      rulesRun: 1,
    });
    expect(json.summary.pillars.sustainability.rulesRun).toBe(0);
  });

  test('findings are sorted by stack, construct path and rule id', () => {
    expect(json.findings.map((f: any) => `${f.constructPath} ${f.ruleId}`)).toEqual([
      'Billing/Dlq/Resource WA-SqsDeadLetterQueue',
      'Billing/Dlq/Resource WA-SqsEnforceSsl',
      'Billing/Worker/Resource WA-LambdaTracing',
      'Orders/Handler/Resource WA-LambdaTracing',
      'Orders/Queue/Resource WA-SqsDeadLetterQueue',
      'Orders/Queue/Resource WA-SqsEnforceSsl',
    ]);
  });

  test('rules are sorted by id with every equivalents key present', () => {
    expect(json.rules.map((r: any) => r.id)).toEqual([
      'WA-LambdaArm64',
      'WA-LambdaTracing',
      'WA-SqsDeadLetterQueue',
      'WA-SqsEnforceSsl',
    ]);
    expect(json.rules[0].equivalents).toEqual({ serverlessRules: [], cdkNag: [], checkov: [], cfnLint: [] });
    expect(json.rules[1]).toEqual({
      id: 'WA-LambdaTracing',
      pillar: 'operational-excellence',
      severity: 'warning',
      lensQuestion: 'OPS 1',
      description: 'Lambda functions send traces to AWS X-Ray. Without traces, latency cannot be attributed.',
      remediation: 'Set `tracing: lambda.Tracing.ACTIVE` on the function.',
      resourceTypes: ['AWS::Lambda::Function'],
      equivalents: {
        serverlessRules: ['LAMBDA_TRACING_RULE', 'WS1000'],
        cdkNag: ['Serverless-LambdaTracing'],
        checkov: [],
        cfnLint: [],
      },
    });
  });

  test('stale acknowledgments and rule errors are carried over', () => {
    expect(json.staleAcknowledgments).toEqual([
      { constructPath: 'Billing/OldQueue', ruleId: 'WA-SqsEnforceSsl', reason: 'legacy consumer' },
    ]);
    expect(json.ruleErrors).toEqual([
      {
        ruleId: 'WA-LambdaTracing',
        constructPath: 'Billing/Broken/Resource',
        logicalId: 'Broken',
        message: 'Cannot read properties of undefined',
      },
    ]);
  });

  test('reads back as a CheckReport with the same findings and rules', () => {
    const report = sampleReport();
    const readBack: CheckReport = JSON.parse(renderJson(report));
    expect(renderJson(readBack)).toBe(renderJson(report));
  });

  test('is byte-identical whatever order the input lists come in', () => {
    const report = sampleReport();
    const shuffled = {
      ...report,
      findings: [...report.findings].reverse(),
      rules: [...report.rules].reverse(),
      stacks: [...report.stacks].reverse(),
    };
    expect(renderJson(shuffled)).toBe(renderJson(report));
  });

  test('an empty report has zero counts and empty lists', () => {
    const empty = buildJsonReport(emptyReport());
    expect(empty.summary).toMatchObject({ total: 0, open: 0, acknowledged: 0, rulesRun: 0 });
    expect(empty.stacks).toEqual([]);
    expect(empty.findings).toEqual([]);
    expect(renderJson(emptyReport()).endsWith('}\n')).toBe(true);
  });
});
