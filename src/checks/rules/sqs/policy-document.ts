import { CheckedResource } from '../../engine/resource';
import { RuleResult } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';
import { literalWithPseudoParameters } from '../iam/pseudo-literal';

/*
 * Reading IAM policy documents (queue, topic and key policies) in rules. Shared by the SQS, SNS and
 * CloudWatch Logs rules; internal, not part of the public API.
 */

/** A three-valued answer: a policy can hold tokens that synth cannot read. */
export enum Answer {
  YES = 'yes',
  NO = 'no',
  UNKNOWN = 'unknown',
}

/**
 * The statements of a policy document, or undefined when the document or its statement list cannot be
 * read at synth time. A single statement object is returned as a list of one.
 */
export function statementsOf(document: any): any[] | undefined {
  if (document === undefined || document === null || Values.isUnknown(document)) {
    return undefined;
  }
  const parsed = typeof document === 'string' ? parseJson(document) : document;
  if (parsed === undefined || typeof parsed !== 'object') {
    return undefined;
  }
  const statement = parsed.Statement;
  if (statement === undefined) {
    return [];
  }
  if (Values.isUnknown(statement)) {
    return undefined;
  }
  return Array.isArray(statement) ? statement : [statement];
}

/** A JSON value from a string, or undefined when it is not JSON. */
export function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The values of a string-or-list field (`Action`, `Principal.Service`), as a list. */
export function asStrings(value: any): any[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/**
 * Whether a statement's `Action` covers `action` (e.g. `kms:GenerateDataKey`), with IAM wildcards
 * (`*`, `?`), case-insensitively. `NotAction` statements answer unknown: they are rare and hard to read.
 */
export function coversAction(statement: any, action: string): Answer {
  if (statement?.NotAction !== undefined) {
    return Answer.UNKNOWN;
  }
  const patterns = asStrings(statement?.Action);
  let unknown = false;
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || Values.isUnknown(pattern)) {
      unknown = true;
      continue;
    }
    if (wildcardToRegExp(pattern).test(action)) {
      return Answer.YES;
    }
  }
  return unknown ? Answer.UNKNOWN : Answer.NO;
}

/** True when the principal is everyone: `"*"`, `{ AWS: "*" }` or an `AWS` list that contains `"*"`. */
export function isAnyonePrincipal(principal: any): boolean {
  if (principal === '*') {
    return true;
  }
  if (principal === null || typeof principal !== 'object' || Values.isIntrinsic(principal)) {
    return false;
  }
  return asStrings(principal.AWS).some((p) => p === '*');
}

/**
 * Whether the statement's principal names the service: `{ Service: 'cloudwatch.amazonaws.com' }` or a
 * regional form such as `logs.eu-west-1.amazonaws.com` (matched by `servicePattern`). Everyone (`*`)
 * counts too. A token in the service list answers unknown.
 */
export function namesService(statement: any, servicePattern: RegExp): Answer {
  const principal = statement?.Principal;
  if (statement?.NotPrincipal !== undefined) {
    return Answer.UNKNOWN;
  }
  if (isAnyonePrincipal(principal)) {
    return Answer.YES;
  }
  if (principal === null || typeof principal !== 'object' || Values.isIntrinsic(principal)) {
    return principal === undefined ? Answer.NO : Answer.UNKNOWN;
  }
  let unknown = false;
  for (const entry of asStrings(principal.Service)) {
    // `{ Fn::Sub: 'logs.${AWS::Region}.amazonaws.com' }` is read as the service it names.
    const service = literalWithPseudoParameters(entry)?.replace(/\$\{AWS::URLSuffix\}$/, 'amazonaws.com');
    if (service !== undefined) {
      if (servicePattern.test(service)) {
        return Answer.YES;
      }
      // A region we cannot name (`sns.${AWS::Region}.amazonaws.com`) may or may not be a form the pattern accepts.
      unknown = unknown || service.includes('${');
    } else if (servicePattern.test(JSON.stringify(entry))) {
      // e.g. { Fn::Join: ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] }: the service is
      // plainly named even though the region is a token.
      return Answer.YES;
    } else {
      unknown = true;
    }
  }
  return unknown ? Answer.UNKNOWN : Answer.NO;
}

/**
 * Whether some `Allow` statement of the document lets `servicePattern` call every one of `actions`.
 * Conditions on the statement are accepted as they are (they scope the grant, they do not remove it).
 */
export function allowsServiceActions(document: any, servicePattern: RegExp, actions: string[]): Answer {
  const statements = statementsOf(document);
  if (statements === undefined) {
    return Answer.UNKNOWN;
  }
  let unknown = false;
  const granted = new Set<string>();
  for (const statement of statements) {
    if (Values.isUnknown(statement) || Values.isUnknown(statement?.Effect)) {
      unknown = true;
      continue;
    }
    if (statement?.Effect !== 'Allow') {
      continue;
    }
    const principal = namesService(statement, servicePattern);
    if (principal === Answer.NO) {
      continue;
    }
    for (const action of actions) {
      const covered = coversAction(statement, action);
      if (covered === Answer.YES && principal === Answer.YES) {
        granted.add(action);
      } else if (covered !== Answer.NO) {
        unknown = true;
      }
    }
  }
  if (actions.every((a) => granted.has(a))) {
    return Answer.YES;
  }
  return unknown ? Answer.UNKNOWN : Answer.NO;
}

/**
 * Whether the document denies requests that do not use TLS: a `Deny` statement for everyone, covering
 * every one of `actions`, with the condition `Bool: { aws:SecureTransport: false }`.
 */
export function deniesInsecureTransport(document: any, actions: string[]): Answer {
  const statements = statementsOf(document);
  if (statements === undefined) {
    return Answer.UNKNOWN;
  }
  let unknown = false;
  for (const statement of statements) {
    if (Values.containsUnknown(statement?.Effect) || Values.containsUnknown(statement?.Condition)) {
      unknown = true;
      continue;
    }
    if (statement?.Effect !== 'Deny' || !isAnyonePrincipal(statement?.Principal)) {
      continue;
    }
    const secureTransport = statement?.Condition?.Bool?.['aws:SecureTransport'];
    if (Values.asBoolean(asStrings(secureTransport)[0]) !== false) {
      continue;
    }
    const covered = actions.map((action) => coversAction(statement, action));
    if (covered.every((c) => c === Answer.YES)) {
      return Answer.YES;
    }
    if (covered.includes(Answer.UNKNOWN)) {
      unknown = true;
    }
  }
  return unknown ? Answer.UNKNOWN : Answer.NO;
}

/**
 * The `Allow` statements of a document that grant everyone (`Principal: "*"`) access with no `Condition`.
 * Undefined when the document cannot be read.
 */
export function openStatements(document: any): any[] | undefined {
  const statements = statementsOf(document);
  if (statements === undefined) {
    return undefined;
  }
  return statements.filter(
    (s) =>
      s?.Effect === 'Allow' &&
      isAnyonePrincipal(s?.Principal) &&
      (s?.Condition === undefined || (typeof s.Condition === 'object' && Object.keys(s.Condition).length === 0)),
  );
}

/** True when any statement of the document is unknown in its effect, principal or condition. */
export function hasUnknownStatement(document: any): boolean {
  const statements = statementsOf(document);
  return (
    statements === undefined ||
    statements.some(
      (s) =>
        Values.isUnknown(s) ||
        Values.containsUnknown(s?.Effect) ||
        Values.isIntrinsic(s?.Principal) ||
        Values.isIntrinsic(s?.Condition),
    )
  );
}

/** The key a `KmsMasterKeyId` / `KmsKeyId` value designates, as far as synth can tell. */
export interface KeyTarget {
  /** An AWS managed key (`alias/aws/sns`, `alias/aws/sqs`, ...), whose policy cannot be changed. */
  readonly awsManaged: boolean;
  /** The `AWS::KMS::Key` of this stack, when the value points at one (directly or through an alias). */
  readonly key?: CheckedResource;
}

const AWS_MANAGED_ALIAS = /alias\/aws\//;

/**
 * Follow a key reference: an AWS managed alias (a literal, or the `Fn::Join` that `kms.Alias.fromAliasName`
 * renders), a `Ref`/`Fn::GetAtt` to an `AWS::KMS::Key`, or to an `AWS::KMS::Alias` whose `TargetKeyId` is a key
 * of the stack. Undefined for anything else (an imported key, a parameter, `Fn::If`): the caller answers unknown.
 */
export function keyTargetOf(value: any, index: StackIndex): KeyTarget | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const target = index.resolveReference(value);
  if (target?.resourceType === 'AWS::KMS::Key') {
    return { awsManaged: false, key: target };
  }
  if (target?.resourceType === 'AWS::KMS::Alias') {
    if (typeof target.get('AliasName') === 'string' && AWS_MANAGED_ALIAS.test(target.get('AliasName'))) {
      return { awsManaged: true };
    }
    const key = index.resolveReference(target.get('TargetKeyId'));
    return key?.resourceType === 'AWS::KMS::Key' ? { awsManaged: false, key } : undefined;
  }
  if (target !== undefined) {
    return undefined;
  }
  if (Values.isIntrinsic(value) && value['Fn::If'] !== undefined) {
    return undefined;
  }
  if (AWS_MANAGED_ALIAS.test(typeof value === 'string' ? value : JSON.stringify(value))) {
    return { awsManaged: true };
  }
  return undefined;
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * The answer of an open-access rule (queue or topic policy) on a policy resource: non-compliant with the message
 * `describe` writes for the first open statement (`sid` is ` (statement 'X')` or empty), unknown when the policy
 * or one of its statements is resolved at deploy time.
 */
export function openAccessResult(resource: CheckedResource, describe: (sid: string) => string): RuleResult {
  if (resource.unresolvedReason) {
    return RuleResult.unknown(resource.unresolvedReason);
  }
  const document = resource.get('PolicyDocument');
  const open = openStatements(document);
  if (open === undefined) {
    return RuleResult.unknown('the policy document is resolved at deploy time');
  }
  if (open.length > 0) {
    return RuleResult.nonCompliant(describe(open[0].Sid ? ` (statement '${open[0].Sid}')` : ''));
  }
  if (hasUnknownStatement(document)) {
    return RuleResult.unknown('a statement of the policy is resolved at deploy time');
  }
  return RuleResult.compliant();
}

/**
 * The last segment of a queue URL or ARN, or of a topic ARN, when it is literal: `https://sqs.us-east-1.amazonaws.com/1/orders`,
 * `arn:aws:sqs:us-east-1:1:orders` and `arn:aws:sns:us-east-1:1:alerts` give `orders` and `alerts`. The `Fn::Sub`
 * and `Fn::Join` that build one from `AWS::Region` and `AWS::AccountId` give it too. Undefined when the name itself
 * is not literal.
 */
export function literalNameInUrlOrArn(value: any): string | undefined {
  const text = renderWithHoles(value);
  if (text === undefined) {
    return undefined;
  }
  const name = text.split(/[/:]/).pop();
  return name === undefined || name === '' || name.includes(HOLE) ? undefined : name;
}

const HOLE = '\u0000';

function renderWithHoles(value: any): string | undefined {
  if (typeof value === 'string') {
    return Values.isUnknown(value) ? undefined : value;
  }
  if (!Values.isIntrinsic(value)) {
    return undefined;
  }
  const sub = value['Fn::Sub'];
  if (sub !== undefined) {
    const template = typeof sub === 'string' ? sub : Array.isArray(sub) ? sub[0] : undefined;
    return typeof template === 'string' ? template.replace(/\$\{[^}]*\}/g, HOLE) : undefined;
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1]
      .map((part: any) => (typeof part === 'string' && !Values.isUnknown(part) ? part : HOLE))
      .join(join[0]);
  }
  return undefined;
}

/**
 * The policies of `policyType` that attach to `target` through `listProperty` (`Queues`, `Topics`): by a reference,
 * or, when the target has a literal name, by a literal URL or ARN that ends in that name.
 */
export function policiesAttachedTo(
  target: CheckedResource,
  index: StackIndex,
  policyType: string,
  listProperty: string,
  literalName: string | undefined,
): CheckedResource[] {
  const found = new Set(
    index
      .referencesTo(target.logicalId, policyType)
      .filter((ref) => ref.propertyPath.startsWith(listProperty))
      .map((ref) => ref.source),
  );
  if (literalName !== undefined) {
    for (const policy of index.ofType(policyType)) {
      const entries = Values.asList(policy.get(listProperty)) ?? [];
      if (entries.some((entry) => literalNameInUrlOrArn(entry) === literalName)) {
        found.add(policy);
      }
    }
  }
  return [...found];
}
