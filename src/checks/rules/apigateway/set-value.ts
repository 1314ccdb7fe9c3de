import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

/** Whether a property is set, as far as synth can tell. */
export enum Presence {
  ABSENT = 'absent',
  SET = 'set',
  UNKNOWN = 'unknown',
}

/**
 * Whether a property that names something (a log destination, a dead-letter queue ARN...) is set.
 * A literal, a `Fn::Join`/`Fn::Sub` (always a string) or a reference to a resource of the stack is set;
 * `Ref: AWS::NoValue` is absent; `Fn::If`, a parameter, an import or anything else is unknown.
 */
export function presenceOf(value: any, index: StackIndex): Presence {
  if (value === undefined || value === null) {
    return Presence.ABSENT;
  }
  if (!Values.isUnknown(value)) {
    return Presence.SET;
  }
  if (Values.isIntrinsic(value)) {
    if (value.Ref === 'AWS::NoValue') {
      return Presence.ABSENT;
    }
    if (value['Fn::Join'] !== undefined || value['Fn::Sub'] !== undefined) {
      return Presence.SET;
    }
    if (index.resolveReference(value) !== undefined) {
      return Presence.SET;
    }
  }
  return Presence.UNKNOWN;
}
