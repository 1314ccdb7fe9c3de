import { Token } from 'aws-cdk-lib';

/**
 * Helpers for reading resolved CloudFormation values in rules.
 *
 * A value is "unknown" when synth cannot tell what it will be at deploy time: an intrinsic function
 * (`Ref` to a parameter, `Fn::If`, `Fn::ImportValue`, ...) or an unresolved CDK token. Rules answer
 * `RuleResult.unknown()` for those and never report a finding.
 */
export class Values {
  /** True for a CloudFormation intrinsic: an object with the single key `Ref`, `Condition` or `Fn::*`. */
  public static isIntrinsic(value: any): boolean {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return false;
    }
    // Called for every step of every property read: count the keys without listing them.
    let only: string | undefined;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) {
        continue;
      }
      if (only !== undefined) {
        return false;
      }
      only = key;
    }
    return only !== undefined && (only === 'Ref' || only === 'Condition' || only.startsWith('Fn::'));
  }

  /** True when the value itself cannot be known at synth time (an intrinsic or an unresolved token). */
  public static isUnknown(value: any): boolean {
    if (typeof value === 'string') {
      return Token.isUnresolved(value);
    }
    if (typeof value === 'number') {
      return Token.isUnresolved(value);
    }
    return Values.isIntrinsic(value);
  }

  /** True when the value or anything inside it is unknown. */
  public static containsUnknown(value: any): boolean {
    if (Values.isUnknown(value)) {
      return true;
    }
    if (Array.isArray(value)) {
      return value.some((v) => Values.containsUnknown(v));
    }
    if (value !== null && typeof value === 'object') {
      return Object.values(value).some((v) => Values.containsUnknown(v));
    }
    return false;
  }

  /**
   * The value at a dotted path, e.g. `get(props, 'LoggingConfig.LogFormat')`; array elements by index
   * (`'Statement.0.Effect'`). Returns `undefined` when any step is absent. Stops at an unknown value
   * and returns it, so the caller can tell "absent" from "unknown" with `Values.isUnknown`.
   */
  public static get(value: any, path: string): any {
    let current = value;
    for (const step of stepsOf(path)) {
      if (current === undefined || current === null || Values.isUnknown(current)) {
        return current ?? undefined;
      }
      if (typeof current !== 'object') {
        return undefined;
      }
      current = current[step];
    }
    return current;
  }

  /** A number from a number or a numeric string (CloudFormation accepts both); undefined otherwise. */
  public static asNumber(value: any): number | undefined {
    if (typeof value === 'number' && !Token.isUnresolved(value)) {
      return value;
    }
    if (typeof value === 'string' && value.trim() !== '' && !Token.isUnresolved(value)) {
      const n = Number(value);
      return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
  }

  /** A boolean from a boolean or the strings `"true"`/`"false"` (CloudFormation accepts both); undefined otherwise. */
  public static asBoolean(value: any): boolean | undefined {
    if (typeof value === 'boolean') {
      return value;
    }
    if (typeof value === 'string' && (value.toLowerCase() === 'true' || value.toLowerCase() === 'false')) {
      return value.toLowerCase() === 'true';
    }
    return undefined;
  }

  /**
   * The logical id a `{ Ref }` or `{ Fn::GetAtt }` points at, or undefined for anything else.
   * It says nothing about whether that logical id is a resource of the stack: use `StackIndex.resolveReference`.
   */
  public static referencedLogicalId(value: any): string | undefined {
    if (!Values.isIntrinsic(value)) {
      return undefined;
    }
    if (typeof value.Ref === 'string') {
      return value.Ref;
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      return getAtt[0];
    }
    if (typeof getAtt === 'string') {
      return getAtt.split('.')[0];
    }
    return undefined;
  }

  /** The values of a list property, or undefined when it is absent, not a list, or itself unknown. */
  public static asList(value: any): any[] | undefined {
    return Array.isArray(value) ? value : undefined;
  }
}

/** Rules read the same few paths from every resource: split each once. */
const STEPS = new Map<string, readonly string[]>();

function stepsOf(path: string): readonly string[] {
  let steps = STEPS.get(path);
  if (steps === undefined) {
    steps = path.split('.');
    if (STEPS.size < 10_000) {
      STEPS.set(path, steps);
    }
  }
  return steps;
}
