import { CheckedResource, Pillar, Rule, RuleContext, RuleResult, Severity, Values } from '../../../src';

/** Test-only rules, so the engine tests do not depend on the catalogue. */

/** Warning: a queue needs a dead-letter queue (RedrivePolicy). */
export class QueueDeadLetterRule extends Rule {
  constructor(id = 'Test-QueueDlq', severity = Severity.WARNING) {
    super({
      id,
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity,
      description: 'Queues need a dead-letter queue.',
      remediation: 'Set deadLetterQueue on the Queue.',
      resourceTypes: ['AWS::SQS::Queue'],
      equivalents: { cdkNag: ['AwsSolutions-SQS3'] },
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    const policy = resource.get('RedrivePolicy');
    if (Values.isUnknown(policy)) {
      return RuleResult.unknown();
    }
    return policy
      ? RuleResult.compliant()
      : RuleResult.nonCompliant(`Queue ${resource.logicalId} has no dead-letter queue.`);
  }
}

/** Error: a topic must be encrypted (KmsMasterKeyId). */
export class TopicEncryptionRule extends Rule {
  constructor() {
    super({
      id: 'Test-TopicKms',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 3',
      severity: Severity.ERROR,
      description: 'Topics must be encrypted.',
      remediation: 'Set masterKey on the Topic.',
      resourceTypes: ['AWS::SNS::Topic'],
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    return resource.get('KmsMasterKeyId')
      ? RuleResult.compliant()
      : RuleResult.nonCompliant(`Topic ${resource.logicalId} is not encrypted.`);
  }
}

/** Info: every queue should be referenced by something in its stack (uses the index). */
export class QueueUsedRule extends Rule {
  constructor() {
    super({
      id: 'Test-QueueUsed',
      pillar: Pillar.COST_OPTIMIZATION,
      lensQuestion: 'COST 1',
      severity: Severity.INFO,
      description: 'Unused queues cost money.',
      remediation: 'Remove the queue.',
      resourceTypes: ['AWS::SQS::Queue'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    return context.index.referencesTo(resource.logicalId).length > 0
      ? RuleResult.compliant()
      : RuleResult.nonCompliant(`Queue ${resource.logicalId} is not used by any resource of its stack.`);
  }
}

/** A rule with a bug: it throws on every queue. */
export class ThrowingRule extends Rule {
  public calls = 0;
  constructor() {
    super({
      id: 'Test-Throws',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.ERROR,
      description: 'Always throws.',
      remediation: 'None.',
      resourceTypes: ['AWS::SQS::Queue'],
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    this.calls++;
    throw new Error(`cannot read ${resource.logicalId}`);
  }
}

/** The test catalogue. */
export function testRules(): Rule[] {
  return [new QueueDeadLetterRule(), new TopicEncryptionRule(), new QueueUsedRule()];
}
