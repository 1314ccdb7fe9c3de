import { EVENT_SOURCE_MAPPING, eventSourceOf } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * Stream and Kafka event source mappings (Kinesis, DynamoDB Streams, Amazon MSK, self-managed Apache Kafka) send the
 * records they give up on to an on-failure destination: those are the sources that support one
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-eventsourcemapping-onfailure.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html).
 */
export class LambdaStreamFailureDestinationRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaStreamFailureDestination',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.WARNING,
      description:
        "Kinesis, DynamoDB stream, Amazon MSK and self-managed Kafka event source mappings have an on-failure destination: records that exhaust their retries or age are otherwise skipped without trace. (SQS mappings use the queue's redrive policy instead and are not checked here.)",
      remediation:
        'Set `onFailure: new SqsDlq(queue)` (or `SnsDlq`, `S3OnFailureDestination`) on the `KinesisEventSource` / `DynamoEventSource` / `ManagedKafkaEventSource` / `SelfManagedKafkaEventSource`; on a CfnEventSourceMapping set `destinationConfig.onFailure.destination`.',
      resourceTypes: [EVENT_SOURCE_MAPPING],
      equivalents: {
        serverlessRules: ['ES1001', 'aws_lambda_event_source_mapping_failure_destination'],
        cdkNag: ['Serverless-LambdaEventSourceMappingDestination'],
      },
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
    if (source.kind === 'absent' || !['kinesis', 'dynamodb', 'kafka'].includes(source.value.kind)) {
      return RuleResult.notApplicable('not a Kinesis, DynamoDB stream or Kafka mapping');
    }
    if (resource.get('DestinationConfig.OnFailure.Destination') !== undefined) {
      return RuleResult.compliant();
    }
    const kind = { kinesis: 'Kinesis', dynamodb: 'DynamoDB stream', kafka: 'Kafka' }[source.value.kind as string];
    return RuleResult.nonCompliant(
      `${kind} event source mapping ${resource.logicalId} has no on-failure destination, so records it gives up on are lost. Set \`onFailure\` (e.g. \`new SqsDlq(queue)\`) on the event source.`,
    );
  }
}
