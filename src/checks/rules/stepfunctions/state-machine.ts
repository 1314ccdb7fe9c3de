import { CheckedResource } from '../../engine/resource';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';
import { Presence, presenceOf } from '../apigateway/set-value';

/** The type of a state machine (`STANDARD` unless set), or undefined when it is not known at synth time. */
export function stateMachineType(resource: CheckedResource): string | undefined {
  const type = resource.get('StateMachineType');
  if (type === undefined) {
    return 'STANDARD';
  }
  return typeof type === 'string' && !Values.isUnknown(type) ? type : undefined;
}

/** How a state machine logs: whether to a destination, at which level, or unknown. */
export interface LoggingState {
  /** The log level, when it is known (`OFF` when there is no logging configuration). */
  readonly level?: string;
  /** Whether a CloudWatch Logs destination is configured. */
  readonly destination: Presence;
}

/** The logging configuration of a state machine. */
export function loggingState(resource: CheckedResource, index: StackIndex): LoggingState | undefined {
  const config = resource.get('LoggingConfiguration');
  if (config === undefined) {
    return { level: 'OFF', destination: Presence.ABSENT };
  }
  if (Values.isUnknown(config)) {
    return undefined;
  }
  const level = config.Level;
  if (Values.isUnknown(level)) {
    return undefined;
  }
  const destinations = config.Destinations;
  if (destinations !== undefined && !Array.isArray(destinations)) {
    return undefined;
  }
  let destination = Presence.ABSENT;
  for (const entry of destinations ?? []) {
    const presence = Values.isUnknown(entry)
      ? Presence.UNKNOWN
      : presenceOf(Values.get(entry, 'CloudWatchLogsLogGroup.LogGroupArn'), index);
    if (presence === Presence.SET) {
      destination = Presence.SET;
      break;
    }
    if (presence === Presence.UNKNOWN) {
      destination = Presence.UNKNOWN;
    }
  }
  // CloudFormation's default level is OFF.
  return { level: level ?? 'OFF', destination };
}
