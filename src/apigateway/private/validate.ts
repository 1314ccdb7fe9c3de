import { Duration, Token } from 'aws-cdk-lib';

/** Collects the problems of a props object and throws them together, each naming the property, value and fix. */
export class PropsProblems {
  private readonly problems: string[] = [];

  constructor(private readonly constructName: string) {}

  public add(problem: string): void {
    this.problems.push(problem);
  }

  /** A rate limit: requests per second, any non-negative number (API Gateway accepts fractions). */
  public checkRateLimit(property: string, value: number | undefined): void {
    if (value === undefined || Token.isUnresolved(value)) {
      return;
    }
    if (!Number.isFinite(value) || value < 0) {
      this.add(`${property}: ${value} is not a request rate; give requests per second, 0 or more (e.g. 1000).`);
    }
  }

  /** A burst limit: a number of requests (the token bucket size), a non-negative integer. */
  public checkBurstLimit(property: string, value: number | undefined): void {
    if (value === undefined || Token.isUnresolved(value)) {
      return;
    }
    if (!Number.isInteger(value) || value < 0) {
      this.add(`${property}: ${value} is not a burst size; give a whole number of requests, 0 or more (e.g. 2000).`);
    }
  }

  public checkLatencyThreshold(property: string, value: Duration | undefined): void {
    if (value === undefined || value.isUnresolved()) {
      return;
    }
    if (value.toMilliseconds() <= 0) {
      this.add(
        `${property}: ${value.toHumanString()} is not a latency; give a positive duration such as Duration.seconds(2).`,
      );
    }
  }

  public throwIfAny(): void {
    if (this.problems.length > 0) {
      throw new Error(`Invalid ${this.constructName} props:\n- ${this.problems.join('\n- ')}`);
    }
  }
}
