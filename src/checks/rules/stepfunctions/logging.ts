import { loggingState, stateMachineType } from './state-machine';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Presence } from '../apigateway/set-value';

/** Standard state machines log to CloudWatch Logs at ALL or ERROR. */
export class StepFunctionsLoggingRule extends Rule {
  constructor() {
    super({
      id: 'WA-StepFunctionsLogging',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.INFO,
      description:
        'A Standard state machine logs execution events at ALL or ERROR to a CloudWatch Logs group, so failures can be searched, alarmed on and kept beyond the 90-day execution history. (Express state machines: see WA-StepFunctionsExpressLogging.)',
      remediation: 'Set `logs: { destination: logGroup, level: sfn.LogLevel.ERROR }` (or `ALL`) on the StateMachine.',
      resourceTypes: ['AWS::StepFunctions::StateMachine'],
      equivalents: {
        cdkNag: ['AwsSolutions-SF1'],
        checkov: ['CKV_AWS_285'],
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
    if (type !== 'STANDARD') {
      return RuleResult.notApplicable('Express state machines are checked by WA-StepFunctionsExpressLogging');
    }
    return evaluateLogging(resource, context, 'This state machine');
  }
}

/** Whether a state machine logs at ALL or ERROR to a destination; shared with the Express rule. */
export function evaluateLogging(resource: CheckedResource, context: RuleContext, label: string): RuleResult {
  const state = loggingState(resource, context.index);
  if (state === undefined || state.destination === Presence.UNKNOWN) {
    return RuleResult.unknown('the logging configuration is not known at synth time');
  }
  if (state.level !== 'ALL' && state.level !== 'ERROR') {
    return RuleResult.nonCompliant(
      `${label} logs at level '${state.level}'. Set \`logs: { destination: logGroup, level: sfn.LogLevel.ERROR }\` (or \`ALL\`).`,
    );
  }
  if (state.destination === Presence.ABSENT) {
    return RuleResult.nonCompliant(
      `${label} sets log level '${state.level}' but no log group destination. Set \`logs.destination\` to a LogGroup.`,
    );
  }
  return RuleResult.compliant();
}
