import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** State machines have X-Ray tracing enabled. */
export class StepFunctionsTracingRule extends Rule {
  constructor() {
    super({
      id: 'WA-StepFunctionsTracing',
      pillar: Pillar.OPERATIONAL_EXCELLENCE,
      lensQuestion: 'OPS 1',
      severity: Severity.WARNING,
      description:
        'A state machine sends traces to AWS X-Ray, so an execution can be followed across the Lambda functions and services its states call.',
      remediation: 'Set `tracingEnabled: true` on the StateMachine.',
      resourceTypes: ['AWS::StepFunctions::StateMachine'],
      equivalents: {
        serverlessRules: ['WS5000', 'aws_sfn_state_machine_tracing'],
        cdkNag: ['AwsSolutions-SF2', 'Serverless-StepFunctionStateMachineXray'],
        checkov: ['CKV_AWS_284'],
      },
    });
  }

  public evaluate(resource: CheckedResource): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const enabled = resource.get('TracingConfiguration.Enabled');
    if (Values.isUnknown(enabled)) {
      return RuleResult.unknown('TracingConfiguration.Enabled is not known at synth time');
    }
    if (Values.asBoolean(enabled) === true) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant('This state machine does not send traces to X-Ray. Set `tracingEnabled: true`.');
  }
}
