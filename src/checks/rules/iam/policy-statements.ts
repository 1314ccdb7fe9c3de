// What an identity policy statement allows too broadly, shared by the IAM rules and the Lambda execution-role
// rules. Internal: not part of the public API.
import { IamAction, iamActionsMatching } from './iam-actions';
import { arnWithPseudoParameters } from './pseudo-literal';
import { Values } from '../../engine/values';

/** One statement of an IAM policy, with where it comes from. */
export interface PolicyStatement {
  readonly statement: any;
  /** e.g. `inline policy 'Default' of role Role1`, `policy FnServiceRoleDefaultPolicy`. */
  readonly origin: string;
}

/** What a check found in one statement: the problems (empty when none) or unknown. */
export type StatementVerdict = string[] | 'unknown';

/** A list-or-single IAM field (`Action`, `Resource`) as a list; unknown entries stay as they are. */
export function asIamList(value: any): any[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** The statements of a policy document (an object, or a JSON string as `AWS::IAM::*` accept), with their origin. */
export function statementsOfDocument(document: any, origin: string): PolicyStatement[] {
  const parsed = typeof document === 'string' && !Values.isUnknown(document) ? parseJson(document) : document;
  const statement = Values.get(parsed, 'Statement');
  if (statement === undefined) {
    return [];
  }
  const list = Array.isArray(statement) ? statement : [statement];
  return list.map((s) => ({ statement: s, origin }));
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A whole service (`s3:*`) or everything (`*`). */
const SERVICE_WILDCARD = /^(\*|[A-Za-z0-9-]+:\*)$/;

/**
 * The statement is an Allow of every action on every resource with no Condition: full administrator access, as
 * the AWS managed policy AdministratorAccess grants
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html).
 */
export function isFullAdministrator(statement: any): boolean | 'unknown' {
  if (Values.isUnknown(statement) || Values.isUnknown(Values.get(statement, 'Effect'))) {
    return 'unknown';
  }
  if (Values.get(statement, 'Effect') !== 'Allow' || Values.get(statement, 'Condition') !== undefined) {
    return false;
  }
  const actions = Values.get(statement, 'Action');
  const resources = Values.get(statement, 'Resource');
  if (Values.isUnknown(actions) || Values.isUnknown(resources)) {
    return 'unknown';
  }
  return asIamList(actions).includes('*') && asIamList(resources).includes('*');
}

/**
 * The action wildcards an Allow statement grants: `*`, `service:*`, NotAction (every action but some), and partial
 * wildcards (`s3:Put*`) that reach an action at the Permissions management access level (e.g. `s3:PutBucketPolicy`,
 * `iam:PassRole`), which lets the principal change who may access what. Partial wildcards within the Read, List,
 * Write and Tagging levels (`s3:GetObject*`, `dynamodb:BatchGet*`), which aws-cdk-lib's grant methods use, are not
 * problems. Full administrator statements are left to WA-IamAdministratorAccess.
 */
export function wildcardActionProblems(statement: any): StatementVerdict {
  const effect = Values.get(statement, 'Effect');
  if (Values.isUnknown(effect) || Values.isUnknown(statement)) {
    return 'unknown';
  }
  if (effect !== 'Allow') {
    return [];
  }
  if (isFullAdministrator(statement) === true) {
    return [];
  }
  if (Values.get(statement, 'NotAction') !== undefined) {
    return ['every action except NotAction'];
  }
  const actions = Values.get(statement, 'Action');
  if (Values.isUnknown(actions)) {
    return 'unknown';
  }
  const problems: string[] = [];
  let unknown = false;
  for (const action of asIamList(actions)) {
    if (typeof action !== 'string' || Values.isUnknown(action)) {
      unknown = true;
    } else if (SERVICE_WILDCARD.test(action)) {
      problems.push(`'${action}'`);
    } else if (/[*?]/.test(action)) {
      const matched = iamActionsMatching(action);
      const permissions = (matched ?? []).filter((a) => a.accessLevel === 'Permissions management');
      if (permissions.length > 0) {
        problems.push(`'${action}' (which covers permissions management: ${listActions(permissions)})`);
      }
    }
  }
  return problems.length === 0 && unknown ? 'unknown' : problems;
}

/** At most three actions by name, for a message. */
function listActions(actions: readonly IamAction[]): string {
  const names = actions.slice(0, 3).map((a) => `${a.service}:${a.name}`);
  return actions.length > 3 ? `${names.join(', ')}, ...` : names.join(', ');
}

/**
 * Whether a `Resource` entry names no particular resource: `*`, or an ARN whose resource part is only wildcards,
 * perhaps after a resource type (`arn:aws:s3:::*`, `arn:aws:dynamodb:*:*:table/*`, `arn:aws:lambda:r:a:function:*`).
 * An ARN with a name in it (`arn:aws:s3:::my-bucket/*`, `arn:aws:logs:r:a:log-group:/aws/lambda/*`) names
 * resources. Unknown for a value synth cannot read.
 */
export function namesEveryResource(resource: any): boolean | 'unknown' {
  // A reference (`bucket.bucketArn`, a parameter) stands for a particular resource.
  const text = arnWithPseudoParameters(resource, 'named-resource');
  if (text === undefined) {
    return 'unknown';
  }
  if (text === '*') {
    return true;
  }
  const parts = text.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) {
    return false;
  }
  const resourcePart = parts.slice(5).join(':');
  // S3 ARNs start with the bucket name (`arn:aws:s3:::my-bucket/*`); other services' with a resource type
  // (`table/`, `function:`) or with the name itself (`arn:aws:sqs:r:a:my-queue`).
  const typePrefix = parts[2] === 's3' ? '' : '([A-Za-z0-9_-]+[/:])?';
  return new RegExp(`^${typePrefix}[*/:]+$`).test(resourcePart) && resourcePart.includes('*');
}

/**
 * The actions of an Allow statement on every resource (`*`, NotResource, or ARNs that name no resource) without a
 * Condition that support resource-level permissions, so they could have been scoped. Which actions do is the
 * Service Authorization Reference's call (iam-actions.ts): an action with no resource type only supports `*`.
 */
export function unscopedResourceProblems(
  statement: any,
  acceptedOnEveryResource: ReadonlySet<string> = new Set(),
): StatementVerdict {
  const effect = Values.get(statement, 'Effect');
  if (Values.isUnknown(statement) || Values.isUnknown(effect)) {
    return 'unknown';
  }
  if (effect !== 'Allow' || Values.get(statement, 'Condition') !== undefined) {
    return [];
  }
  if (isFullAdministrator(statement) === true) {
    return [];
  }
  const resources = Values.get(statement, 'Resource');
  const notResource = Values.get(statement, 'NotResource');
  let unknown = false;
  let everyResource = notResource !== undefined;
  for (const resource of asIamList(resources)) {
    const every = namesEveryResource(resource);
    if (every === 'unknown') {
      unknown = true;
    } else if (every) {
      everyResource = true;
    }
  }
  if (!everyResource) {
    return unknown ? 'unknown' : [];
  }
  if (Values.get(statement, 'NotAction') !== undefined) {
    return ['every action except NotAction'];
  }
  const actions = Values.get(statement, 'Action');
  if (Values.isUnknown(actions)) {
    return 'unknown';
  }
  const scopable: string[] = [];
  for (const action of asIamList(actions)) {
    if (typeof action !== 'string' || Values.isUnknown(action)) {
      unknown = true;
      continue;
    }
    if (action === '*') {
      scopable.push(`'${action}'`);
      continue;
    }
    if (acceptedOnEveryResource.has(action.toLowerCase())) {
      continue;
    }
    const matched = iamActionsMatching(action);
    const scoped = (matched ?? []).filter((a) => a.resourceScoping);
    if (matched === undefined) {
      // A service the table does not know (newer than the data, or a typo): AWS decides, and we cannot tell.
      unknown = true;
    } else if (scoped.length > 0 && /[*?]/.test(action)) {
      // A wildcard is too broad when it covers one action that could have been scoped.
      scopable.push(`'${action}' (${listActions(scoped)} can be scoped)`);
    } else if (scoped.length > 0) {
      scopable.push(`'${action}'`);
    }
  }
  return scopable.length === 0 && unknown ? 'unknown' : scopable;
}

/** An AWS managed policy whose content the rules know, from the AWS Managed Policy Reference. */
interface KnownManagedPolicy {
  readonly statements: any[];
  readonly docs: string;
}

/**
 * The AWS managed policies that grant wildcards, with the statement that does. Other AWS managed policies are
 * not read: AWS maintains them, and most are scoped to one job (AWSLambdaBasicExecutionRole).
 */
const KNOWN_AWS_MANAGED_POLICIES: Readonly<Record<string, KnownManagedPolicy>> = {
  AdministratorAccess: {
    statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    docs: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html',
  },
  PowerUserAccess: {
    statements: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }],
    docs: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html',
  },
  IAMFullAccess: {
    statements: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
    docs: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html',
  },
};

/**
 * The statements of the AWS managed policies in a `ManagedPolicyArns` list whose content the rules know
 * (AdministratorAccess, PowerUserAccess, IAMFullAccess), as literal ARNs or the `Fn::Join` over
 * `AWS::Partition` that `iam.ManagedPolicy.fromAwsManagedPolicyName` renders.
 */
export function knownAwsManagedStatements(managedPolicyArns: any, owner: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const arn of Values.asList(managedPolicyArns) ?? []) {
    const name = awsManagedPolicyName(arn);
    const known = name === undefined ? undefined : KNOWN_AWS_MANAGED_POLICIES[name];
    if (known) {
      statements.push(
        ...known.statements.map((statement) => ({
          statement,
          origin: `AWS managed policy ${name} of ${owner} (${known.docs})`,
        })),
      );
    }
  }
  return statements;
}

/** The name of an AWS managed policy from its ARN (`arn:aws:iam::aws:policy/AdministratorAccess`). */
export function awsManagedPolicyName(arn: any): string | undefined {
  const text = arnWithPseudoParameters(arn);
  const match = text === undefined ? null : /^arn:[^:]+:iam::aws:policy\/([A-Za-z0-9+=,.@_-]+)$/.exec(text);
  return match && Object.prototype.hasOwnProperty.call(KNOWN_AWS_MANAGED_POLICIES, match[1]) ? match[1] : undefined;
}
