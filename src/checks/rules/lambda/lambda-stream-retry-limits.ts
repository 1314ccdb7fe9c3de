import { EVENT_SOURCE_MAPPING, eventSourceOf } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * Kinesis and DynamoDB stream event source mappings bisect failing batches and bound their retries and record
 * age: the defaults (no bisect, infinite retries, records kept until they expire) let one bad record block a shard.
 */
export class LambdaStreamRetryLimitsRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaStreamRetryLimits',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        'Kinesis and DynamoDB stream event source mappings set BisectBatchOnFunctionError, a finite MaximumRetryAttempts and a finite MaximumRecordAgeInSeconds. By default a failing record is retried until it expires (up to a year for Kinesis), blocking its shard.',
      remediation:
        'Set `bisectBatchOnError: true`, `retryAttempts` (e.g. 3) and `maxRecordAge` (e.g. `Duration.hours(1)`) on the `KinesisEventSource` / `DynamoEventSource`, with an `onFailure` destination.',
      resourceTypes: [EVENT_SOURCE_MAPPING],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const source = eventSourceOf(resource, context.index);
    if (source.kind === 'unknown') {
      return RuleResult.unknown(source.reason);
    }
    if (source.kind === 'absent' || (source.value.kind !== 'kinesis' && source.value.kind !== 'dynamodb')) {
      return RuleResult.notApplicable('not a Kinesis or DynamoDB stream mapping');
    }
    const bisect = resource.get('BisectBatchOnFunctionError');
    const retries = resource.get('MaximumRetryAttempts');
    const age = resource.get('MaximumRecordAgeInSeconds');
    if ([bisect, retries, age].some((v) => v !== undefined && Values.isUnknown(v))) {
      return RuleResult.unknown('a retry setting cannot be resolved at synth time');
    }
    const problems: string[] = [];
    if (Values.asBoolean(bisect) !== true) {
      problems.push('does not bisect failing batches (`bisectBatchOnError: true`)');
    }
    if (retries === undefined || Values.asNumber(retries) === -1) {
      problems.push('retries forever (`retryAttempts`)');
    }
    if (age === undefined || Values.asNumber(age) === -1) {
      problems.push('keeps records until they expire (`maxRecordAge`)');
    }
    if (problems.length === 0) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Stream event source mapping ${resource.logicalId} ${problems.join(', ')}. Set these on the event source so one bad record cannot block its shard.`,
    );
  }
}
