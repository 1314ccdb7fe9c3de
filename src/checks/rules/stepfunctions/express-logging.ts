import { evaluateLogging } from './logging';
import { stateMachineType } from './state-machine';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/** Express state machines log to CloudWatch Logs: they keep no execution history. */
export class StepFunctionsExpressLoggingRule extends Rule {
  constructor() {
    super({
      id: 'WA-StepFunctionsExpressLogging',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'An Express state machine logs execution events at ALL or ERROR to a CloudWatch Logs group. Express workflows keep no execution history, so without logs a failed execution leaves no trace beyond a metric.',
      remediation: 'Set `logs: { destination: logGroup, level: sfn.LogLevel.ERROR }` (or `ALL`) on the StateMachine.',
      resourceTypes: ['AWS::StepFunctions::StateMachine'],
      equivalents: {
        cdkNag: ['AwsSolutions-SF1'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const type = stateMachineType(resource);
    if (type === undefined) {
      return RuleResult.unknown('StateMachineType is not known at synth time');
    }
    if (type !== 'EXPRESS') {
      return RuleResult.notApplicable(
        'Standard state machines keep an execution history (see WA-StepFunctionsLogging)',
      );
    }
    return evaluateLogging(resource, context, 'This Express state machine, which keeps no execution history,');
  }
}
