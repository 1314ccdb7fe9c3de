import { Duration, Token } from 'aws-cdk-lib';

/** A prop as the problems name it: its name and the value given. */
type Named<T> = [name: string, value: T | undefined];

/**
 * The problems of the props of an error-rate alarm (Lambda errors, API 5XX), each naming the prop, the value and
 * the fix. Tokens are refused: the threshold goes into the description and the minimum into the metric math
 * expression, both written at synth time.
 */
export function errorRateAlarmProblems(props: {
  readonly thresholdPercent: Named<number>;
  readonly minimumSamples: Named<number>;
  readonly period: Named<Duration>;
}): string[] {
  const problems: string[] = [];
  const [thresholdName, threshold] = props.thresholdPercent;
  if (threshold !== undefined) {
    if (Token.isUnresolved(threshold)) {
      problems.push(tokenProblem(thresholdName, 'a number such as 5'));
    } else if (!(threshold > 0 && threshold < 100)) {
      problems.push(
        `${thresholdName}: ${threshold} is not a percentage in (0, 100); give e.g. 5 to alarm when more than 5% of the calls fail.`,
      );
    }
  }
  const [minimumName, minimum] = props.minimumSamples;
  if (minimum !== undefined) {
    if (Token.isUnresolved(minimum)) {
      problems.push(tokenProblem(minimumName, 'a whole number such as 10'));
    } else if (!Number.isInteger(minimum) || minimum < 1) {
      problems.push(`${minimumName}: ${minimum} is not a whole number of calls, 1 or more; give e.g. 10.`);
    }
  }
  const [periodName, period] = props.period;
  if (period !== undefined) {
    if (period.isUnresolved()) {
      problems.push(tokenProblem(periodName, 'a Duration such as Duration.minutes(1)'));
    } else {
      const seconds = period.toSeconds({ integral: false });
      if (seconds % 60 !== 0 || seconds < 60 || seconds > 3600) {
        problems.push(
          `${periodName}: ${period.toHumanString()} is not a whole number of minutes between 1 minute and 1 hour; give e.g. Duration.minutes(1).`,
        );
      }
    }
  }
  return problems;
}

/**
 * The problem of a duration threshold prop whose value cannot be converted to the alarm's unit at synth time: a
 * token in another unit (`Duration.minutes(parameter)` for a threshold in seconds) cannot be converted, while a
 * token in the alarm's own unit (`Duration.seconds(parameter)`) can and is supported.
 */
export function durationThresholdProblem(
  name: string,
  value: Duration | undefined,
  convert: (value: Duration) => number,
  example: string,
): string[] {
  if (value === undefined || !value.isUnresolved()) {
    return [];
  }
  try {
    convert(value);
    return [];
  } catch {
    return [
      `${name}: ${value.toString()} is a token in a unit that cannot be converted at synth time; give a concrete ` +
        `Duration such as ${example}, or the token in the alarm's unit (${example.replace(/\(.*\)/, '(parameter)')}).`,
    ];
  }
}

function tokenProblem(name: string, example: string): string {
  return (
    `${name}: a token (a CloudFormation parameter or a value known only at deployment) cannot be used: the alarm ` +
    `threshold and its description are computed at synth time; give ${example}.`
  );
}
