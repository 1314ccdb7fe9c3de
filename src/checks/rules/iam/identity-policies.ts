// The identity policies an IAM resource of the template holds, and which of them the Lambda execution-role rules
// already report. Internal: not part of the public API.
import {
  PolicyStatement,
  StatementVerdict,
  knownAwsManagedStatements,
  statementsOfDocument,
} from './policy-statements';
import { CheckedResource } from '../../engine/resource';
import { RuleResult } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';
import { FUNCTION, skipFunction } from '../lambda/lambda-resources';

/** Identities whose inline `Policies` and `ManagedPolicyArns` the IAM rules read. */
export const IDENTITY_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];
/** Policies whose `PolicyDocument` the IAM rules read. */
export const POLICY_TYPES = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
];
/** Every type the IAM rules evaluate. */
export const IAM_POLICY_HOLDERS = [...IDENTITY_TYPES, ...POLICY_TYPES];

const KIND: Record<string, string> = {
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
  'AWS::IAM::Policy': 'policy',
  'AWS::IAM::ManagedPolicy': 'managed policy',
  'AWS::IAM::RolePolicy': 'role policy',
  'AWS::IAM::UserPolicy': 'user policy',
  'AWS::IAM::GroupPolicy': 'group policy',
};

/** How a message names an IAM resource: `role MyRole`. */
export function describeIamResource(resource: CheckedResource): string {
  return `${KIND[resource.resourceType] ?? resource.resourceType} ${resource.logicalId}`;
}

/**
 * The statements an IAM resource holds itself: a role's, user's or group's inline `Policies` and the AWS managed
 * policies of its `ManagedPolicyArns` whose content is known (policy-statements.ts); a policy's `PolicyDocument`.
 * Customer managed policies of the stack are read as resources of their own. Unknown when the policy list cannot be
 * read at synth time.
 */
export function ownStatements(resource: CheckedResource): PolicyStatement[] | 'unknown' {
  if (resource.unresolvedReason) {
    return 'unknown';
  }
  const name = describeIamResource(resource);
  if (POLICY_TYPES.includes(resource.resourceType)) {
    const document = resource.get('PolicyDocument');
    if (Values.isUnknown(document) || Values.isUnknown(Values.get(document, 'Statement'))) {
      return 'unknown';
    }
    return statementsOfDocument(document, 'its PolicyDocument');
  }
  const inline = resource.get('Policies');
  if (Values.isUnknown(inline)) {
    return 'unknown';
  }
  const statements: PolicyStatement[] = [];
  for (const policy of Values.asList(inline) ?? []) {
    const document = Values.get(policy, 'PolicyDocument');
    if (Values.isUnknown(policy) || Values.isUnknown(document)) {
      return 'unknown';
    }
    statements.push(
      ...statementsOfDocument(document, `inline policy '${Values.get(policy, 'PolicyName')}' of ${name}`),
    );
  }
  statements.push(...knownAwsManagedStatements(resource.get('ManagedPolicyArns'), name));
  return statements;
}

/**
 * Not applicable when the Lambda execution-role rules (WA-LambdaRoleWildcardActions/-Resources) judge these
 * statements already, on the function: the resource is the execution role of a function of the stack, or a policy
 * attached only to such roles. Undefined otherwise: the IAM rule judges the resource.
 */
export function judgedOnFunctions(resource: CheckedResource, index: StackIndex): RuleResult | undefined {
  const roles: CheckedResource[] = [];
  if (resource.resourceType === 'AWS::IAM::Role') {
    roles.push(resource);
  } else if (['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy'].includes(resource.resourceType)) {
    const attachedTo = (path: string) => {
      const value = resource.get(path);
      return value === undefined ? [] : Array.isArray(value) ? value : [value];
    };
    const targets = [
      ...attachedTo('Roles'),
      ...attachedTo('RoleName'),
      ...attachedTo('Users'),
      ...attachedTo('Groups'),
    ];
    // A managed policy can also be attached from a role's ManagedPolicyArns.
    const attachingRoles = index
      .referencesTo(resource.logicalId, 'AWS::IAM::Role')
      .filter((r) => r.propertyPath.startsWith('ManagedPolicyArns'))
      .map((r) => r.source);
    const attachingOthers = [
      ...index.referencesTo(resource.logicalId, 'AWS::IAM::User'),
      ...index.referencesTo(resource.logicalId, 'AWS::IAM::Group'),
    ];
    if (attachingOthers.length > 0) {
      return undefined;
    }
    for (const target of targets) {
      const role = index.resolveReference(target);
      if (role?.resourceType !== 'AWS::IAM::Role') {
        return undefined;
      }
      roles.push(role);
    }
    roles.push(...attachingRoles);
  }
  if (roles.length === 0) {
    return undefined;
  }
  const functions: string[] = [];
  for (const role of roles) {
    const users = index
      .referencesTo(role.logicalId, FUNCTION)
      .filter((r) => r.propertyPath === 'Role')
      .map((r) => r.source);
    if (users.length === 0) {
      return undefined;
    }
    functions.push(...users.filter((fn) => skipFunction(fn) === undefined).map((fn) => fn.logicalId));
  }
  return RuleResult.notApplicable(
    functions.length > 0
      ? `the execution role policies of ${[...new Set(functions)].join(', ')} are judged on the function by the WA-LambdaRole* rules`
      : 'the execution role of functions aws-cdk-lib creates for itself, whose policies the app does not set',
  );
}

/** How a wildcard rule judges one statement and words its finding. */
export interface StatementJudge {
  /** The problems of one statement, or 'unknown'. */
  readonly problemsOf: (statement: any) => StatementVerdict;
  /** One problem line, from the statement's problems and where the statement is. */
  readonly problem: (problems: string[], origin: string) => string;
  /** The finding, from the resource's name and its problem lines joined. */
  readonly finding: (resource: string, problems: string) => string;
}

/**
 * A role, user, group or policy judged statement by statement: not applicable when its functions are judged
 * instead, unknown when a statement cannot be resolved and no other is a problem, else compliant or not.
 */
export function judgeOwnStatements(resource: CheckedResource, index: StackIndex, judge: StatementJudge): RuleResult {
  if (resource.unresolvedReason) {
    return RuleResult.unknown(resource.unresolvedReason);
  }
  const judged = judgedOnFunctions(resource, index);
  if (judged) {
    return judged;
  }
  const statements = ownStatements(resource);
  if (statements === 'unknown') {
    return RuleResult.unknown('the policies cannot be resolved at synth time');
  }
  const problems: string[] = [];
  let unknown = false;
  for (const { statement, origin } of statements) {
    const verdict = judge.problemsOf(statement);
    if (verdict === 'unknown') {
      unknown = true;
    } else if (verdict.length > 0) {
      problems.push(judge.problem(verdict, origin));
    }
  }
  if (problems.length > 0) {
    return RuleResult.nonCompliant(judge.finding(describeIamResource(resource), problems.join('; ')));
  }
  return unknown
    ? RuleResult.unknown('some policy statements cannot be resolved at synth time')
    : RuleResult.compliant();
}
