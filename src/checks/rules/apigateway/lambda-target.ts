import { LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../../../service-defaults/lambda';
import { CheckedResource } from '../../engine/resource';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

/** Lambda's default function timeout, in seconds. */
export { LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../../../service-defaults/lambda';

/** The Lambda function an integration invokes, or why it cannot be told. */
export interface LambdaTarget {
  /** The function of this stack, when the integration points at one (directly, or through an alias or version). */
  readonly fn?: CheckedResource;
  /** Why the function cannot be resolved (imported, parameter...), when it cannot. */
  readonly unknownReason?: string;
}

const FUNCTION_TYPES = ['AWS::Lambda::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version'];

/**
 * The function that a Lambda integration's URI property (at `propertyPath` of `source`) points at.
 * Follows an alias or a version to its function through `FunctionName`.
 */
export function lambdaTargetOf(source: CheckedResource, propertyPath: string, index: StackIndex): LambdaTarget {
  const refs = index
    .referencesFrom(source.logicalId)
    .filter(
      (r) =>
        (r.propertyPath === propertyPath || r.propertyPath.startsWith(`${propertyPath}.`)) &&
        FUNCTION_TYPES.includes(r.target.resourceType),
    );
  if (refs.length === 0) {
    return { unknownReason: 'the integration invokes a function that is not defined in this stack' };
  }
  let target = refs[0].target;
  if (target.resourceType !== 'AWS::Lambda::Function') {
    const fn = index.resolveReference(target.get('FunctionName'));
    if (!fn || fn.resourceType !== 'AWS::Lambda::Function') {
      return {
        unknownReason: `the integration invokes ${target.logicalId}, whose function is not defined in this stack`,
      };
    }
    target = fn;
  }
  return { fn: target };
}

/** The timeout of a function in seconds, or undefined when it is not known at synth time. */
export function functionTimeoutSeconds(fn: CheckedResource): number | undefined {
  if (fn.unresolvedReason) {
    return undefined;
  }
  const timeout = fn.get('Timeout');
  if (timeout === undefined) {
    return LAMBDA_DEFAULT_TIMEOUT_SECONDS;
  }
  return Values.isUnknown(timeout) ? undefined : Values.asNumber(timeout);
}

/** The literal text of a string or of the literal parts of an `Fn::Join` / `Fn::Sub`, to recognise a URI's shape. */
export function literalText(value: any): string {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(literalText).join('');
  }
  if (value !== null && typeof value === 'object') {
    if (value['Fn::Join'] && Array.isArray(value['Fn::Join'])) {
      return literalText(value['Fn::Join'][1]);
    }
    if (value['Fn::Sub'] !== undefined) {
      return literalText(Array.isArray(value['Fn::Sub']) ? value['Fn::Sub'][0] : value['Fn::Sub']);
    }
  }
  return '';
}
