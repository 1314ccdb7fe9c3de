import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Compliance } from '../../../src';
import { stepFunctionsRules } from '../../../src/checks/rules/stepfunctions';
import { StepFunctionsExpressLoggingRule } from '../../../src/checks/rules/stepfunctions/express-logging';
import { StepFunctionsLoggingRule } from '../../../src/checks/rules/stepfunctions/logging';
import { StepFunctionsTracingRule } from '../../../src/checks/rules/stepfunctions/tracing';
import { complianceOf, findings } from '../rule-harness';
import { describeRobustness } from '../rule-robustness';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function machine(stack: Stack, id: string, props: Partial<sfn.StateMachineProps> = {}): sfn.StateMachine {
  return new sfn.StateMachine(stack, id, {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, `${id}Pass`)),
    ...props,
  });
}

function raw(stack: Stack, id: string, props: Partial<sfn.CfnStateMachineProps> = {}): sfn.CfnStateMachine {
  return new sfn.CfnStateMachine(stack, id, {
    roleArn: 'arn:aws:iam::111122223333:role/r',
    definitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
    ...props,
  });
}

const LOG_GROUP_ARN = 'arn:aws:logs:us-east-1:111122223333:log-group:sfn:*';

test('the Step Functions catalogue has unique WA-StepFunctions ids', () => {
  const ids = stepFunctionsRules().map((r) => r.id);
  expect(ids).toEqual(['WA-StepFunctionsTracing', 'WA-StepFunctionsLogging', 'WA-StepFunctionsExpressLogging']);
});

describe('WA-StepFunctionsTracing', () => {
  const rule = new StepFunctionsTracingRule();

  test('L2 tracingEnabled is compliant; default is non-compliant', () => {
    const stack = newStack();
    machine(stack, 'Traced', { tracingEnabled: true });
    machine(stack, 'Plain');
    expect(complianceOf(rule, stack, 'Traced/Resource')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Plain/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/tracingEnabled: true/);
  });

  test('L1 TracingConfiguration', () => {
    const stack = newStack();
    raw(stack, 'On', { tracingConfiguration: { enabled: true } });
    raw(stack, 'Off', { tracingConfiguration: { enabled: false } });
    expect(complianceOf(rule, stack, 'On')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Off')).toBe(Compliance.NON_COMPLIANT);
  });

  test('Fn::If and a parameter are unknown', () => {
    const stack = newStack();
    raw(stack, 'If', { tracingConfiguration: Fn.conditionIf('Prod', { Enabled: true }, { Enabled: false }) as any });
    raw(stack, 'Param', { tracingConfiguration: { enabled: new CfnParameter(stack, 'Trace').valueAsString as any } });
    expect(complianceOf(rule, stack, 'If')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-StepFunctionsLogging (Standard)', () => {
  const rule = new StepFunctionsLoggingRule();

  test('L2 logs at ERROR to a log group is compliant; no logs is non-compliant', () => {
    const stack = newStack();
    machine(stack, 'Logged', { logs: { destination: new logs.LogGroup(stack, 'Group'), level: sfn.LogLevel.ERROR } });
    machine(stack, 'Silent');
    expect(complianceOf(rule, stack, 'Logged/Resource')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Silent/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/level 'OFF'.*sfn\.LogLevel\.ERROR/);
  });

  test('L2 level FATAL is non-compliant; Express machines are not applicable', () => {
    const stack = newStack();
    machine(stack, 'Fatal', { logs: { destination: new logs.LogGroup(stack, 'Group'), level: sfn.LogLevel.FATAL } });
    machine(stack, 'Express', { stateMachineType: sfn.StateMachineType.EXPRESS });
    expect(complianceOf(rule, stack, 'Fatal/Resource')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Express/Resource')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1: level ALL without a destination is non-compliant; with one compliant', () => {
    const stack = newStack();
    raw(stack, 'Missing', { loggingConfiguration: { level: 'ALL' } });
    raw(stack, 'WithGroup', {
      loggingConfiguration: {
        level: 'ALL',
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: LOG_GROUP_ARN } }],
      },
    });
    expect(findings(rule, stack)[0].result.message).toMatch(/no log group destination/);
    expect(complianceOf(rule, stack, 'WithGroup')).toBe(Compliance.COMPLIANT);
  });

  test('a parameter level, parameter destination or Fn::If type is unknown', () => {
    const stack = newStack();
    raw(stack, 'Level', { loggingConfiguration: { level: new CfnParameter(stack, 'L').valueAsString } });
    raw(stack, 'Dest', {
      loggingConfiguration: {
        level: 'ERROR',
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: new CfnParameter(stack, 'D').valueAsString } }],
      },
    });
    raw(stack, 'Type', { stateMachineType: Fn.conditionIf('C', 'EXPRESS', 'STANDARD').toString() });
    expect(complianceOf(rule, stack, 'Level')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Dest')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Type')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-StepFunctionsExpressLogging', () => {
  const rule = new StepFunctionsExpressLoggingRule();

  test('L2 Express without logs is non-compliant; with ALL logs compliant; Standard not applicable', () => {
    const stack = newStack();
    machine(stack, 'Silent', { stateMachineType: sfn.StateMachineType.EXPRESS });
    machine(stack, 'Logged', {
      stateMachineType: sfn.StateMachineType.EXPRESS,
      logs: { destination: new logs.LogGroup(stack, 'Group'), level: sfn.LogLevel.ALL },
    });
    machine(stack, 'Standard');
    expect(findings(rule, stack).map((f) => f.result.message)).toEqual([
      expect.stringMatching(/Express state machine, which keeps no execution history, logs at level 'OFF'/),
    ]);
    expect(complianceOf(rule, stack, 'Logged/Resource')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Standard/Resource')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1 Express with level OFF is non-compliant', () => {
    const stack = newStack();
    raw(stack, 'Off', {
      stateMachineType: 'EXPRESS',
      loggingConfiguration: {
        level: 'OFF',
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: LOG_GROUP_ARN } }],
      },
    });
    expect(complianceOf(rule, stack, 'Off')).toBe(Compliance.NON_COMPLIANT);
  });

  test('Fn::If logging configuration is unknown', () => {
    const stack = newStack();
    raw(stack, 'If', {
      stateMachineType: 'EXPRESS',
      loggingConfiguration: Fn.conditionIf('C', { Level: 'ALL' }, {}) as any,
    });
    expect(complianceOf(rule, stack, 'If')).toBe(Compliance.UNKNOWN);
  });
});

describeRobustness(stepFunctionsRules());
