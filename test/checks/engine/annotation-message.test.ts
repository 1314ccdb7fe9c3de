import { Finding, Pillar, Rule, RuleResult, Severity } from '../../../src';
import { annotationMessage } from '../../../src/checks/engine/runner';

class QueueRule extends Rule {
  constructor() {
    super({
      id: 'Test-Queue',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description: 'Queues have a dead-letter queue.',
      remediation: 'Set `deadLetterQueue` on the queue.',
      resourceTypes: ['AWS::SQS::Queue'],
    });
  }
  public evaluate(): RuleResult {
    return RuleResult.compliant();
  }
}

function finding(message: string): Finding {
  return {
    ruleId: 'Test-Queue',
    pillar: Pillar.RELIABILITY,
    severity: Severity.WARNING,
    lensQuestion: 'REL 2',
    stackName: 'S',
    constructPath: 'S/Q/Resource',
    logicalId: 'Q',
    resourceType: 'AWS::SQS::Queue',
    message,
    remediation: 'Set `deadLetterQueue` on the queue.',
    acknowledged: false,
  };
}

describe('annotationMessage', () => {
  test("a rule's own message stands alone: it already says how to fix the resource", () => {
    expect(annotationMessage(finding("Queue 'Q' has no DLQ. Set `deadLetterQueue`."), new QueueRule())).toBe(
      "[Test-Queue] Queue 'Q' has no DLQ. Set `deadLetterQueue` (Reliability, REL 2).",
    );
  });

  test('without a message of its own, the description is followed by the remediation', () => {
    expect(annotationMessage(finding('Queues have a dead-letter queue.'), new QueueRule())).toBe(
      '[Test-Queue] Queues have a dead-letter queue (Reliability, REL 2). Fix: Set `deadLetterQueue` on the queue.',
    );
  });
});
