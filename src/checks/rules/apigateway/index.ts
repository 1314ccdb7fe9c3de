import { Rule } from '../../engine/rule';

/** The apigateway rules, one a file in this folder. */
export function apiGatewayRules(): Rule[] {
  return [];
}
