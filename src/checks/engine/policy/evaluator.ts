import { matches, MatchOptions, ResourceLookup, render, SymbolicString, toSymbolic, Tri } from './symbolic';
import { Values } from '../values';

/*
 * A policy evaluator for the paths events travel: may this principal perform this action on this resource of the
 * template, given the request context the calling service sends? It follows AWS's evaluation logic for one policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): an explicit deny
 * overrides any allow; without an allow the request is implicitly denied. Anything it cannot read or does not
 * model (a token, an unmodelled condition key or operator) makes the answer unknown, never a finding.
 */

/** The outcome of evaluating a request against a policy. */
export enum Decision {
  ALLOWED = 'allowed',
  DENIED = 'denied',
  UNKNOWN = 'unknown',
}

/** Who makes the request. */
export interface RequestPrincipal {
  /** A service principal, e.g. `cloudwatch.amazonaws.com`. @default - not a service */
  readonly service?: string;
  /** Named by its regional form `<name>.<region>.amazonaws.com` only (CloudWatch Logs). @default false */
  readonly regionalService?: boolean;
  /** The stack's region, when it is known at synth time (a CDK stack with an explicit `env`). @default - a token */
  readonly region?: string;
  /** A role of the template, by logical id. @default - not a role */
  readonly role?: string;
}

/** One condition key's value in a request: a list of values (one for single-valued keys), each with alternatives. */
export interface ContextValue {
  /** The values; each value is given in one or more equivalent symbolic forms (e.g. `${Alarm.Arn}` and its expansion). */
  readonly values: SymbolicString[][];
}

/**
 * The request context: condition keys (lower case) the service is known to send, with their values, or `ABSENT` for
 * keys it is known not to send. A key that is not listed is not modelled: a condition on it is unknown.
 */
export type RequestContext = Readonly<Record<string, ContextValue | typeof ABSENT>>;

/** A key the request is known not to carry. */
export const ABSENT = 'absent';

/** A request to evaluate. */
export interface PolicyRequest {
  readonly principal: RequestPrincipal;
  /** e.g. `sns:Publish`. */
  readonly action: string;
  /** The resource's ARN, in one or more equivalent symbolic forms. */
  readonly resource: SymbolicString[];
  readonly context: RequestContext;
}

/** The answer, with the statement that decided it (or why there is none). */
export interface PolicyDecision {
  readonly decision: Decision;
  /** The deciding statement (`'Sid'` or `#index`) for allowed/denied by a statement; absent for an implicit deny. */
  readonly statement?: string;
  /** A short explanation for messages: the deciding statement, "no statement allows ...", or why it is unknown. */
  readonly reason: string;
}

/** Which side of a request a policy sits on: a resource policy names principals, an identity policy does not. */
export enum PolicyKind {
  RESOURCE = 'resource',
  IDENTITY = 'identity',
}

/** The statements of a policy document; undefined when the document or its list is unreadable at synth time. */
export function statementList(document: any): any[] | undefined {
  if (document === undefined || document === null || Values.isUnknown(document)) {
    return undefined;
  }
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document);
    } catch {
      return undefined;
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
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

/** Evaluate a request against one policy document: explicit deny, then allow, then implicit deny. */
export function evaluatePolicy(
  document: any,
  request: PolicyRequest,
  kind: PolicyKind,
  lookup: ResourceLookup,
): PolicyDecision {
  const statements = statementList(document);
  if (statements === undefined) {
    return { decision: Decision.UNKNOWN, reason: 'the policy document is resolved at deploy time' };
  }
  let allowed: string | undefined;
  let unknownAllow: string | undefined;
  let unknownDeny: string | undefined;
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i];
    const name = statementName(statement, i);
    const effect = statement?.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') {
      unknownDeny = unknownDeny ?? name;
      continue;
    }
    const applies = statementApplies(statement, request, kind, lookup);
    if (effect === 'Deny' && applies === Tri.YES) {
      return { decision: Decision.DENIED, statement: name, reason: `statement ${name} denies ${request.action}` };
    }
    if (effect === 'Deny' && applies === Tri.UNKNOWN) {
      unknownDeny = unknownDeny ?? name;
    } else if (effect === 'Allow' && applies === Tri.YES) {
      allowed = allowed ?? name;
    } else if (effect === 'Allow' && applies === Tri.UNKNOWN) {
      unknownAllow = unknownAllow ?? name;
    }
  }
  if (unknownDeny !== undefined) {
    return {
      decision: Decision.UNKNOWN,
      reason: `whether statement ${unknownDeny} denies ${request.action} cannot be decided at synth time`,
    };
  }
  if (allowed !== undefined) {
    return { decision: Decision.ALLOWED, statement: allowed, reason: `statement ${allowed} allows ${request.action}` };
  }
  if (unknownAllow !== undefined) {
    return {
      decision: Decision.UNKNOWN,
      reason: `whether statement ${unknownAllow} allows ${request.action} cannot be decided at synth time`,
    };
  }
  return {
    decision: Decision.DENIED,
    reason: `no statement allows ${describePrincipal(request.principal)} to call ${request.action}`,
  };
}

function statementName(statement: any, index: number): string {
  return typeof statement?.Sid === 'string' && statement.Sid !== '' ? `'${statement.Sid}'` : `#${index + 1}`;
}

function describePrincipal(principal: RequestPrincipal): string {
  return principal.service ?? (principal.role ? `role ${principal.role}` : 'the principal');
}

function and(...answers: Tri[]): Tri {
  if (answers.includes(Tri.NO)) {
    return Tri.NO;
  }
  return answers.includes(Tri.UNKNOWN) ? Tri.UNKNOWN : Tri.YES;
}

function or(answers: Tri[]): Tri {
  if (answers.includes(Tri.YES)) {
    return Tri.YES;
  }
  return answers.includes(Tri.UNKNOWN) ? Tri.UNKNOWN : Tri.NO;
}

function not(answer: Tri): Tri {
  return answer === Tri.YES ? Tri.NO : answer === Tri.NO ? Tri.YES : Tri.UNKNOWN;
}

/** Whether one statement applies to the request (its effect aside). */
export function statementApplies(
  statement: any,
  request: PolicyRequest,
  kind: PolicyKind,
  lookup: ResourceLookup,
): Tri {
  if (statement === null || typeof statement !== 'object' || Values.isIntrinsic(statement)) {
    return Tri.UNKNOWN;
  }
  const action = listElement(statement, 'Action', 'NotAction', (pattern) =>
    matchAny(pattern, [[request.action]], { wildcards: true, ignoreCase: true }, lookup),
  );
  if (action === Tri.NO) {
    return Tri.NO;
  }
  const resource = listElement(statement, 'Resource', 'NotResource', (pattern) =>
    matchAny(pattern, request.resource, { wildcards: true, ignoreCase: false, arn: true }, lookup),
  );
  if (resource === Tri.NO) {
    return Tri.NO;
  }
  const principal = kind === PolicyKind.RESOURCE ? principalApplies(statement, request.principal, lookup) : Tri.YES;
  if (principal === Tri.NO) {
    return Tri.NO;
  }
  return and(action, resource, principal, conditionHolds(statement.Condition, request.context, lookup));
}

/** `Action`/`NotAction` (or `Resource`/`NotResource`): whether any listed pattern matches, negated for the `Not` form. */
function listElement(statement: any, positive: string, negative: string, test: (pattern: any) => Tri): Tri {
  const hasPositive = statement[positive] !== undefined;
  const hasNegative = statement[negative] !== undefined;
  if (hasPositive === hasNegative) {
    return Tri.UNKNOWN;
  }
  // A single intrinsic is one pattern (toSymbolic reads Ref, GetAtt, Join, Sub; anything else is unknown).
  const value = hasPositive ? statement[positive] : statement[negative];
  const any = or((Array.isArray(value) ? value : [value]).map(test));
  return hasPositive ? any : not(any);
}

function matchAny(pattern: any, alternatives: SymbolicString[], options: MatchOptions, lookup: ResourceLookup): Tri {
  const symbolic = toSymbolic(pattern, lookup);
  if (symbolic === undefined) {
    return Tri.UNKNOWN;
  }
  return bestOf(alternatives.map((value) => matches(symbolic, value, options)));
}

/** The alternatives are the same value: one proof decides. */
function bestOf(answers: Tri[]): Tri {
  if (answers.includes(Tri.YES)) {
    return Tri.YES;
  }
  return answers.includes(Tri.NO) ? Tri.NO : Tri.UNKNOWN;
}

/** Whether the statement's `Principal` (or `NotPrincipal`) covers the requester. */
function principalApplies(statement: any, principal: RequestPrincipal, lookup: ResourceLookup): Tri {
  const hasPositive = statement.Principal !== undefined;
  const hasNegative = statement.NotPrincipal !== undefined;
  if (hasPositive === hasNegative) {
    return Tri.UNKNOWN;
  }
  const element = hasPositive ? statement.Principal : statement.NotPrincipal;
  const covered = principalCovers(element, principal, lookup);
  if (hasPositive) {
    return covered;
  }
  // NotPrincipal with a role is subtle (role sessions are principals of their own): model it for services only.
  return principal.service !== undefined ? not(covered) : Tri.UNKNOWN;
}

function principalCovers(element: any, principal: RequestPrincipal, lookup: ResourceLookup): Tri {
  if (element === '*') {
    return Tri.YES;
  }
  if (element === null || typeof element !== 'object' || Array.isArray(element) || Values.isIntrinsic(element)) {
    return Tri.UNKNOWN;
  }
  const answers: Tri[] = [];
  for (const [type, raw] of Object.entries(element)) {
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      answers.push(principalValueCovers(type, value, principal, lookup));
    }
  }
  return or(answers);
}

function principalValueCovers(type: string, value: any, principal: RequestPrincipal, lookup: ResourceLookup): Tri {
  if (type === 'AWS' && value === '*') {
    // "AWS": "*" is everyone, services included.
    return Tri.YES;
  }
  const symbolic = toSymbolic(value, lookup);
  if (symbolic === undefined) {
    return Tri.UNKNOWN;
  }
  if (type === 'Service') {
    if (principal.service === undefined) {
      return Tri.NO;
    }
    // A regional service (CloudWatch Logs using a KMS key) is named by its regional form only: AWS documents
    // `logs.<region>.amazonaws.com` in the key policy, not the global name
    // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
    const name = principal.service.replace(/\.amazonaws\.com$/, '');
    if (principal.regionalService && symbolic.length === 1 && typeof symbolic[0] === 'string') {
      // A literal: the global name, another service or another region's name is not this principal.
      const literal = symbolic[0].toLowerCase();
      if (
        principal.region !== undefined ||
        !/^[a-z0-9-]+\.[a-z]{2}(-[a-z]+)+-\d+\.amazonaws\.com(\.cn)?$/.test(literal)
      ) {
        return literal === `${name}.${principal.region}.amazonaws.com` ? Tri.YES : Tri.NO;
      }
    }
    // `events.${AWS::URLSuffix}` (Fn::Sub or Fn::Join) names the same service as `events.amazonaws.com`.
    const forms: SymbolicString[] = principal.regionalService
      ? []
      : [[principal.service], [`${name}.`, { symbol: 'AWS::URLSuffix' }]];
    if (principal.regionalService) {
      forms.push([`${name}.`, { symbol: 'AWS::Region' }, '.amazonaws.com']);
      forms.push([`${name}.`, { symbol: 'AWS::Region' }, '.', { symbol: 'AWS::URLSuffix' }]);
      if (principal.region !== undefined) {
        forms.push([`${name}.${principal.region}.amazonaws.com`]);
      }
    }
    // Either form is the service: any of them matching is enough.
    return or(forms.map((form) => matches(symbolic, form, { wildcards: false, ignoreCase: true })));
  }
  if (type === 'AWS') {
    if (principal.role === undefined) {
      // An account or an IAM principal never covers a service principal.
      return Tri.NO;
    }
    const answer = matches(symbolic, [{ symbol: `arn:${principal.role}` }], { wildcards: false, ignoreCase: false });
    // Anything but the role's own ARN (an account, its root) delegates to the account: the identity policy decides.
    return answer === Tri.YES ? Tri.YES : Tri.UNKNOWN;
  }
  // Federated and CanonicalUser principals are neither services nor roles of the template.
  return Tri.NO;
}

interface Operator {
  readonly base: string;
  readonly ifExists: boolean;
  readonly set?: 'any' | 'all';
}

const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'ArnNotEquals',
  'ArnNotLike',
]);
const MATCHING: Record<string, MatchOptions> = {
  StringEquals: { wildcards: false, ignoreCase: false },
  StringNotEquals: { wildcards: false, ignoreCase: false },
  StringEqualsIgnoreCase: { wildcards: false, ignoreCase: true },
  StringNotEqualsIgnoreCase: { wildcards: false, ignoreCase: true },
  StringLike: { wildcards: true, ignoreCase: false },
  StringNotLike: { wildcards: true, ignoreCase: false },
  ArnEquals: { wildcards: true, ignoreCase: false, arn: true },
  ArnNotEquals: { wildcards: true, ignoreCase: false, arn: true },
  ArnLike: { wildcards: true, ignoreCase: false, arn: true },
  ArnNotLike: { wildcards: true, ignoreCase: false, arn: true },
  Bool: { wildcards: false, ignoreCase: true },
};

function parseOperator(name: string): Operator {
  let rest = name;
  let set: 'any' | 'all' | undefined;
  if (rest.startsWith('ForAnyValue:')) {
    set = 'any';
    rest = rest.slice('ForAnyValue:'.length);
  } else if (rest.startsWith('ForAllValues:')) {
    set = 'all';
    rest = rest.slice('ForAllValues:'.length);
  }
  const ifExists = rest.endsWith('IfExists');
  return { base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists, set };
}

/**
 * Whether a statement's `Condition` holds: every operator, every key under it (AND); any of a key's values (OR),
 * all of them for the negated operators. The semantics of absent keys, `...IfExists`, `Null` and the set operators
 * follow https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html and
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html.
 */
export function conditionHolds(condition: any, context: RequestContext, lookup: ResourceLookup): Tri {
  if (condition === undefined) {
    return Tri.YES;
  }
  if (
    condition === null ||
    typeof condition !== 'object' ||
    Array.isArray(condition) ||
    Values.isIntrinsic(condition)
  ) {
    return Tri.UNKNOWN;
  }
  const answers: Tri[] = [];
  for (const [operatorName, block] of Object.entries(condition)) {
    if (block === null || typeof block !== 'object' || Array.isArray(block) || Values.isIntrinsic(block)) {
      answers.push(Tri.UNKNOWN);
      continue;
    }
    const operator = parseOperator(operatorName);
    for (const [key, expected] of Object.entries(block as Record<string, any>)) {
      answers.push(keyHolds(operator, key, expected, context, lookup));
      if (answers[answers.length - 1] === Tri.NO) {
        return Tri.NO;
      }
    }
  }
  return and(...answers);
}

function keyHolds(
  operator: Operator,
  key: string,
  expected: any,
  context: RequestContext,
  lookup: ResourceLookup,
): Tri {
  const entry = context[key.toLowerCase()];
  if (entry === undefined) {
    return Tri.UNKNOWN;
  }
  const expectedValues = Array.isArray(expected) ? expected : [expected];
  if (operator.base === 'Null') {
    if (operator.set !== undefined || operator.ifExists) {
      return Tri.UNKNOWN;
    }
    const wanted = expectedValues.map((v) => Values.asBoolean(v));
    if (wanted.length !== 1 || wanted[0] === undefined) {
      return Tri.UNKNOWN;
    }
    return (entry === ABSENT) === wanted[0] ? Tri.YES : Tri.NO;
  }
  const options = MATCHING[operator.base];
  if (options === undefined) {
    // Numeric, Date, IpAddress, Binary: no path we follow sends such a key.
    return Tri.UNKNOWN;
  }
  const negated = NEGATED.has(operator.base);
  if (entry === ABSENT || entry.values.length === 0) {
    if (operator.set === 'all') {
      return Tri.YES;
    }
    if (operator.set === 'any') {
      return Tri.NO;
    }
    return operator.ifExists || negated ? Tri.YES : Tri.NO;
  }
  const patterns = expectedValues.map((v) => toSymbolic(typeof v === 'boolean' ? String(v) : v, lookup));
  const holdsFor = (value: SymbolicString[]): Tri => {
    const any = or(
      patterns.map((pattern) =>
        pattern === undefined ? Tri.UNKNOWN : bestOf(value.map((form) => matches(pattern, form, options))),
      ),
    );
    return negated ? not(any) : any;
  };
  if (operator.set === undefined) {
    return entry.values.length === 1 ? holdsFor(entry.values[0]) : Tri.UNKNOWN;
  }
  const each = entry.values.map(holdsFor);
  return operator.set === 'any' ? or(each) : and(...each);
}

/** A readable form of a request's resource, for messages. */
export function describeResource(request: PolicyRequest): string {
  return render(request.resource[0]);
}
