import { StepFunctionsExpressLoggingRule } from './express-logging';
import { StepFunctionsLoggingRule } from './logging';
import { StepFunctionsTracingRule } from './tracing';
import { Rule } from '../../engine/rule';

/** The Step Functions rules, one a file in this folder. */
export function stepFunctionsRules(): Rule[] {
  return [new StepFunctionsTracingRule(), new StepFunctionsLoggingRule(), new StepFunctionsExpressLoggingRule()];
}
