import { CheckReport, Finding, Pillar, RuleSummary, Severity } from '../../../src/checks/engine';

/** A rule summary with plausible metadata; override what a test is about. */
export function ruleSummary(overrides: Partial<RuleSummary> & Pick<RuleSummary, 'id' | 'pillar'>): RuleSummary {
  return {
    severity: Severity.WARNING,
    lensQuestion: 'OPS 1',
    description: `Checks ${overrides.id}. It matters for the pillar.`,
    remediation: `Fix ${overrides.id} by setting \`someProp\`.`,
    resourceTypes: ['AWS::Lambda::Function'],
    equivalents: {},
    ...overrides,
  };
}

const TRACING = ruleSummary({
  id: 'WA-LambdaTracing',
  pillar: Pillar.OPERATIONAL_EXCELLENCE,
  severity: Severity.WARNING,
  lensQuestion: 'OPS 1',
  description: 'Lambda functions send traces to AWS X-Ray. Without traces, latency cannot be attributed.',
  remediation: 'Set `tracing: lambda.Tracing.ACTIVE` on the function.',
  equivalents: { serverlessRules: ['LAMBDA_TRACING_RULE', 'WS1000'], cdkNag: ['Serverless-LambdaTracing'] },
});
const QUEUE_SSL = ruleSummary({
  id: 'WA-SqsEnforceSsl',
  pillar: Pillar.SECURITY,
  severity: Severity.ERROR,
  lensQuestion: 'SEC 2',
  description: 'SQS queues deny requests that do not use TLS.',
  remediation: 'Set `enforceSSL: true` on the queue.',
  resourceTypes: ['AWS::SQS::Queue'],
  equivalents: { cdkNag: ['AwsSolutions-SQS4'], checkov: ['CKV_AWS_27'] },
});
const DLQ = ruleSummary({
  id: 'WA-SqsDeadLetterQueue',
  pillar: Pillar.RELIABILITY,
  severity: Severity.ERROR,
  lensQuestion: 'REL 2',
  description: 'SQS queues have a dead-letter queue.',
  remediation: 'Set `deadLetterQueue: { queue, maxReceiveCount: 5 }`.',
  resourceTypes: ['AWS::SQS::Queue'],
  equivalents: { serverlessRules: ['WS6000'], cdkNag: ['AwsSolutions-SQS3'], cfnLint: ['W3663'] },
});
const MEMORY = ruleSummary({
  id: 'WA-LambdaArm64',
  pillar: Pillar.COST_OPTIMIZATION,
  severity: Severity.INFO,
  lensQuestion: 'COST 1',
  description: 'Lambda functions run on Graviton (arm64), which costs less per GB-second.',
  remediation: 'Set `architecture: lambda.Architecture.ARM_64`.',
});

/** Every rule of the sample report, deliberately not sorted by id. */
export const SAMPLE_RULES: RuleSummary[] = [TRACING, QUEUE_SSL, DLQ, MEMORY];

function finding(rule: RuleSummary, constructPath: string, extra: Partial<Finding> = {}): Finding {
  const [stackName, ...rest] = constructPath.split('/');
  return {
    ruleId: rule.id,
    pillar: rule.pillar,
    severity: rule.severity,
    lensQuestion: rule.lensQuestion,
    stackName,
    constructPath,
    logicalId: rest.filter((p) => p !== 'Resource').join(''),
    resourceType: rule.resourceTypes[0],
    message: `${rest[0]} breaks ${rule.id}.`,
    remediation: rule.remediation,
    acknowledged: false,
    ...extra,
  };
}

/**
 * Six findings in three pillars (security and reliability errors, an operational warning, one acknowledged
 * reliability error with a reason), a stale acknowledgment and a rule error. Findings are out of order on purpose.
 */
export function sampleReport(): CheckReport {
  return {
    findings: [
      finding(QUEUE_SSL, 'Orders/Queue/Resource'),
      finding(TRACING, 'Orders/Handler/Resource', {
        message: 'Function Handler has no tracing | see `Tracing.ACTIVE`\nsecond line',
      }),
      finding(DLQ, 'Orders/Queue/Resource'),
      finding(DLQ, 'Billing/Dlq/Resource', {
        acknowledged: true,
        acknowledgedReason: 'This queue *is* the dead-letter queue | by design',
      }),
      finding(QUEUE_SSL, 'Billing/Dlq/Resource'),
      finding(TRACING, 'Billing/Worker/Resource'),
    ],
    rules: SAMPLE_RULES,
    staleAcknowledgments: [
      { constructPath: 'Billing/OldQueue', ruleId: 'WA-SqsEnforceSsl', reason: 'legacy consumer' },
    ],
    ruleErrors: [
      {
        ruleId: 'WA-LambdaTracing',
        constructPath: 'Billing/Broken/Resource',
        logicalId: 'Broken',
        message: 'Cannot read properties of undefined',
      },
    ],
    resourcesChecked: 9,
    stacks: ['Orders', 'Billing'],
    generatedBy: 'cdk-well-architected@1.2.3',
  };
}

/** A report with nothing to say: no rules ran, no findings. */
export function emptyReport(): CheckReport {
  return {
    findings: [],
    rules: [],
    staleAcknowledgments: [],
    ruleErrors: [],
    resourcesChecked: 0,
    stacks: [],
    generatedBy: 'cdk-well-architected@0.0.0',
  };
}
