import { Token } from 'aws-cdk-lib';
import { CheckedResource } from '../resource';
import { Values } from '../values';

/*
 * Strings whose value is decided at deploy time. A policy says `Resource: { Ref: Topic }` or
 * `aws:SourceArn: arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*`; the request a service
 * sends carries the ARN of a resource of the same template. Neither is a literal, but both are built from the same
 * few unknowns (pseudo parameters, a resource's ARN or name), and two strings built the same way are equal whatever
 * those unknowns turn out to be. A symbolic string keeps the unknowns as opaque symbols so that the evaluator can
 * prove a match (YES), a mismatch (NO), or say it cannot tell (UNKNOWN).
 */

/** A three-valued answer. */
export enum Tri {
  YES = 'yes',
  NO = 'no',
  UNKNOWN = 'unknown',
}

/** One piece of a symbolic string: literal text, or a value known only at deploy time. */
export type Piece = string | Sym;

/** A deploy-time value, named so that the same value always gets the same name (e.g. `arn:Topic`, `AWS::Region`). */
export interface Sym {
  readonly symbol: string;
}

/** A string as a list of pieces. */
export type SymbolicString = readonly Piece[];

/** Looks up a resource of the template by logical id (the seam for an app-wide index later). */
export type ResourceLookup = (logicalId: string) => CheckedResource | undefined;

/** Pseudo parameters whose value never contains a colon: an ARN's fields can be split around them. */
const COLON_FREE_PSEUDO = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix']);

/** Types whose `Ref` is their ARN (CloudFormation documents the return value of each). */
const REF_IS_ARN = new Set(['AWS::SNS::Topic', 'AWS::IAM::ManagedPolicy', 'AWS::SNS::TopicPolicy']);

/** `Fn::GetAtt` attributes that return the resource's ARN. */
const ARN_ATTRIBUTES: Record<string, string[]> = {
  'AWS::SNS::Topic': ['TopicArn'],
};

/** The symbol of a resource's own ARN. */
export function arnSymbol(logicalId: string): Sym {
  return { symbol: `arn:${logicalId}` };
}

/** The symbol a `Ref` to `logicalId` stands for. */
function refSymbol(logicalId: string, lookup: ResourceLookup): Sym {
  if (logicalId.startsWith('AWS::')) {
    return { symbol: logicalId };
  }
  const resource = lookup(logicalId);
  if (resource === undefined) {
    return { symbol: `param:${logicalId}` };
  }
  return REF_IS_ARN.has(resource.resourceType) ? arnSymbol(logicalId) : { symbol: `ref:${logicalId}` };
}

function getAttSymbol(logicalId: string, attribute: string, lookup: ResourceLookup): Sym {
  const resource = lookup(logicalId);
  if (resource !== undefined && (attribute === 'Arn' || ARN_ATTRIBUTES[resource.resourceType]?.includes(attribute))) {
    return arnSymbol(logicalId);
  }
  return { symbol: `att:${logicalId}.${attribute}` };
}

/**
 * A CloudFormation value as a symbolic string: a literal, `Ref`, `Fn::GetAtt`, `Fn::Join` and `Fn::Sub` of those.
 * Undefined for anything else (`Fn::If`, `Fn::ImportValue`, `Fn::Select`, an unresolved CDK token, a list):
 * the evaluator answers unknown for it.
 */
export function toSymbolic(value: any, lookup: ResourceLookup): SymbolicString | undefined {
  if (typeof value === 'string') {
    return Token.isUnresolved(value) ? undefined : [value];
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return [String(value)];
  }
  if (!Values.isIntrinsic(value)) {
    return undefined;
  }
  if (typeof value.Ref === 'string') {
    return value.Ref === 'AWS::NoValue' ? undefined : [refSymbol(value.Ref, lookup)];
  }
  const getAtt = value['Fn::GetAtt'];
  if (getAtt !== undefined) {
    const [id, ...attribute] = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split('.') : [];
    if (typeof id !== 'string' || attribute.length === 0 || attribute.some((a: any) => typeof a !== 'string')) {
      return undefined;
    }
    return [getAttSymbol(id, attribute.join('.'), lookup)];
  }
  const join = value['Fn::Join'];
  if (join !== undefined) {
    if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) {
      return undefined;
    }
    const pieces: Piece[] = [];
    for (let i = 0; i < join[1].length; i++) {
      const part = toSymbolic(join[1][i], lookup);
      if (part === undefined) {
        return undefined;
      }
      if (i > 0 && join[0] !== '') {
        pieces.push(join[0]);
      }
      pieces.push(...part);
    }
    return normalize(pieces);
  }
  const sub = value['Fn::Sub'];
  if (sub !== undefined) {
    const template = typeof sub === 'string' ? sub : Array.isArray(sub) ? sub[0] : undefined;
    const variables = Array.isArray(sub) ? (sub[1] ?? {}) : {};
    if (typeof template !== 'string' || variables === null || typeof variables !== 'object') {
      return undefined;
    }
    return subToSymbolic(template, variables, lookup);
  }
  return undefined;
}

function subToSymbolic(template: string, variables: any, lookup: ResourceLookup): SymbolicString | undefined {
  const pieces: Piece[] = [];
  const pattern = /\$\{([^}]*)\}/g;
  let last = 0;
  for (const match of template.matchAll(pattern)) {
    pieces.push(template.slice(last, match.index));
    last = match.index! + match[0].length;
    const name = match[1];
    if (name.startsWith('!')) {
      pieces.push('${' + name.slice(1) + '}');
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(variables, name)) {
      const part = toSymbolic(variables[name], lookup);
      if (part === undefined) {
        return undefined;
      }
      pieces.push(...part);
      continue;
    }
    const [id, ...attribute] = name.split('.');
    pieces.push(attribute.length ? getAttSymbol(id, attribute.join('.'), lookup) : refSymbol(id, lookup));
  }
  pieces.push(template.slice(last));
  return normalize(pieces);
}

/** Merge adjacent literals and drop empty ones, so that equal strings have equal pieces. */
export function normalize(pieces: readonly Piece[]): SymbolicString {
  const out: Piece[] = [];
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      if (piece === '') {
        continue;
      }
      if (typeof out[out.length - 1] === 'string') {
        out[out.length - 1] = (out[out.length - 1] as string) + piece;
        continue;
      }
    }
    out.push(piece);
  }
  return out;
}

/** True when the string has no symbol: its value is known now. */
export function isLiteral(value: SymbolicString): boolean {
  return value.every((p) => typeof p === 'string');
}

/** A readable rendering, `${AWS::Region}` style, for messages. */
export function render(value: SymbolicString): string {
  return value.map((p) => (typeof p === 'string' ? p : '${' + p.symbol + '}')).join('');
}

type Atom = string | Sym;

function atoms(value: SymbolicString): Atom[] {
  const out: Atom[] = [];
  for (const piece of value) {
    if (typeof piece === 'string') {
      out.push(...piece);
    } else {
      out.push(piece);
    }
  }
  return out;
}

/** How a pattern is compared with a value. */
export interface MatchOptions {
  /** `*` and `?` in the pattern are wildcards (the `Like` operators, `Action`, `Resource`). */
  readonly wildcards: boolean;
  /** Letters compare case-insensitively (`...IgnoreCase`, action names). */
  readonly ignoreCase: boolean;
  /** Compare as ARNs: each of the six colon-separated fields on its own (the `Arn` operators). */
  readonly arn?: boolean;
}

/**
 * Whether `value` matches `pattern`. YES when it does whatever the symbols turn out to be (the same symbol on both
 * sides, or a wildcard over it); NO when it cannot, whatever they are (literals that differ, two different resources'
 * ARNs, ARN fields that differ); UNKNOWN otherwise.
 */
export function matches(pattern: SymbolicString, value: SymbolicString, options: MatchOptions): Tri {
  const p = atoms(pattern);
  const v = atoms(value);
  if (symbolicMatch(p, v, options)) {
    return Tri.YES;
  }
  const literal = isLiteral(pattern) && isLiteral(value);
  if (literal) {
    return Tri.NO;
  }
  if (
    pattern.length === 1 &&
    value.length === 1 &&
    typeof pattern[0] !== 'string' &&
    typeof value[0] !== 'string' &&
    pattern[0].symbol.startsWith('arn:') &&
    value[0].symbol.startsWith('arn:')
  ) {
    // Two different resources of the template never share an ARN.
    return Tri.NO;
  }
  if (literalEdgesDiffer(p, v, options)) {
    return Tri.NO;
  }
  if (options.arn && arnFieldsDiffer(pattern, value, options)) {
    return Tri.NO;
  }
  return Tri.UNKNOWN;
}

function sameAtom(p: Atom, v: Atom, ignoreCase: boolean): boolean {
  if (typeof p === 'string' && typeof v === 'string') {
    return ignoreCase ? p.toLowerCase() === v.toLowerCase() : p === v;
  }
  return typeof p !== 'string' && typeof v !== 'string' && p.symbol === v.symbol;
}

/** Wildcard matching over atoms, a symbol matching only itself or `*`. */
function symbolicMatch(p: Atom[], v: Atom[], options: MatchOptions): boolean {
  // Classic two-pointer wildcard matching with backtracking to the last `*`.
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    const atom = p[pi];
    if (pi < p.length && options.wildcards && atom === '?' && typeof v[vi] === 'string') {
      pi++;
      vi++;
    } else if (pi < p.length && options.wildcards && atom === '*') {
      star = pi++;
      mark = vi;
    } else if (pi < p.length && sameAtom(atom, v[vi], options.ignoreCase)) {
      pi++;
      vi++;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && options.wildcards && p[pi] === '*') {
    pi++;
  }
  return pi === p.length;
}

/** The literal characters before the first symbol (or wildcard, in a pattern) must agree, and so must those after the last. */
function literalEdgesDiffer(p: Atom[], v: Atom[], options: MatchOptions): boolean {
  const edge = (atomsOf: Atom[], isPattern: boolean, fromEnd: boolean): string => {
    let text = '';
    for (let i = 0; i < atomsOf.length; i++) {
      const atom = atomsOf[fromEnd ? atomsOf.length - 1 - i : i];
      if (typeof atom !== 'string' || (isPattern && options.wildcards && (atom === '*' || atom === '?'))) {
        break;
      }
      text = fromEnd ? atom + text : text + atom;
    }
    return options.ignoreCase ? text.toLowerCase() : text;
  };
  const differ = (a: string, b: string, fromEnd: boolean): boolean => {
    const n = Math.min(a.length, b.length);
    return fromEnd ? a.slice(a.length - n) !== b.slice(b.length - n) : a.slice(0, n) !== b.slice(0, n);
  };
  return (
    differ(edge(p, true, false), edge(v, false, false), false) ||
    differ(edge(p, true, true), edge(v, false, true), true)
  );
}

/**
 * Split an ARN into its first five fields (arn, partition, service, region, account) and the rest, where every
 * symbol before the resource part is a colon-free pseudo parameter. Undefined when that cannot be done.
 */
function arnFields(value: SymbolicString): SymbolicString[] | undefined {
  const fields: Piece[][] = [[]];
  for (let i = 0; i < value.length; i++) {
    const piece = value[i];
    if (fields.length >= 6) {
      fields[5].push(...value.slice(i));
      break;
    }
    if (typeof piece !== 'string') {
      if (!COLON_FREE_PSEUDO.has(piece.symbol)) {
        return undefined;
      }
      fields[fields.length - 1].push(piece);
      continue;
    }
    let rest = piece;
    while (fields.length < 6 && rest.includes(':')) {
      const at = rest.indexOf(':');
      fields[fields.length - 1].push(rest.slice(0, at));
      fields.push([]);
      rest = rest.slice(at + 1);
    }
    fields[fields.length - 1].push(rest);
  }
  return fields.length === 6 ? fields.map(normalize) : undefined;
}

function arnFieldsDiffer(pattern: SymbolicString, value: SymbolicString, options: MatchOptions): boolean {
  const p = arnFields(pattern);
  const v = arnFields(value);
  if (p === undefined || v === undefined) {
    return false;
  }
  for (let i = 0; i < 6; i++) {
    if (matches(p[i], v[i], { ...options, arn: false }) === Tri.NO) {
      return true;
    }
  }
  return false;
}
