import { keyGrantsService, referrersAt } from './topic-relations';
import { CheckedResource } from '../../engine/resource';
import { Compliance, Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { displayName } from '../sqs/display-name';

/** AWS services that publish to a topic under their own service principal (not through a role). */
const SERVICE_PUBLISHERS: ReadonlyArray<{
  readonly sourceType: string;
  readonly path: RegExp;
  readonly service: string;
  /** How a finding names the publisher. */
  readonly noun: string;
  /** The property that names the resource the publisher acts for (the bucket of a notification custom resource). */
  readonly ownerProperty?: string;
}> = [
  {
    sourceType: 'AWS::Events::Rule',
    path: /^Targets\.\d+\.Arn/,
    service: 'events.amazonaws.com',
    noun: 'EventBridge rule',
  },
  {
    sourceType: 'AWS::S3::Bucket',
    path: /^NotificationConfiguration\.TopicConfigurations\.\d+\.Topic/,
    service: 's3.amazonaws.com',
    noun: 'Bucket',
  },
  {
    // What `bucket.addEventNotification(...)` renders: a custom resource that configures the bucket.
    sourceType: 'Custom::S3BucketNotifications',
    path: /^NotificationConfiguration\.TopicConfigurations\.\d+\.TopicArn/,
    service: 's3.amazonaws.com',
    noun: 'Bucket',
    ownerProperty: 'BucketName',
  },
  {
    sourceType: 'AWS::CodeStarNotifications::NotificationRule',
    path: /^Targets\.\d+\.TargetAddress/,
    service: 'codestar-notifications.amazonaws.com',
    noun: 'Notification rule',
  },
];

/**
 * An encrypted topic that EventBridge rules, S3 bucket notifications or CodeStar notification rules publish
 * to uses a key whose policy lets that service call `kms:Decrypt` and `kms:GenerateDataKey*`.
 */
export class SnsServicePublisherKeyRule extends Rule {
  constructor() {
    super({
      id: 'WA-SnsServicePublisherKey',
      pillar: Pillar.RELIABILITY,
      lensQuestion: 'REL 2',
      severity: Severity.ERROR,
      description:
        'An encrypted topic that an EventBridge rule, an S3 bucket notification or a CodeStar notification rule ' +
        'publishes to uses a customer managed key that lets that service (events.amazonaws.com, s3.amazonaws.com, ' +
        'codestar-notifications.amazonaws.com) call kms:Decrypt and kms:GenerateDataKey*; otherwise events are ' +
        'dropped without an error.',
      remediation:
        "Encrypt the topic with a `kms.Key` and call `key.grant(new iam.ServicePrincipal('events.amazonaws.com'), " +
        "'kms:Decrypt', 'kms:GenerateDataKey*')` for each publishing service.",
      resourceTypes: ['AWS::SNS::Topic'],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    let result: RuleResult | undefined;
    for (const publisher of SERVICE_PUBLISHERS) {
      const sources = referrersAt(context.index, resource, publisher.sourceType, publisher.path);
      if (sources.length === 0) {
        continue;
      }
      const outcome = keyGrantsService(
        'Topic',
        resource,
        'KmsMasterKeyId',
        context.index,
        publisher.service,
        `${publisher.noun} ${displayName(ownerOf(sources[0], publisher.ownerProperty, context))} publishes to it: grant ${publisher.service} with ` +
          `\`key.grant(new iam.ServicePrincipal('${publisher.service}'), 'kms:Decrypt', 'kms:GenerateDataKey*')\`.`,
      );
      if (outcome.compliance === Compliance.NON_COMPLIANT) {
        return outcome;
      }
      if (result === undefined || outcome.compliance === Compliance.UNKNOWN) {
        result = outcome;
      }
    }
    return (
      result ??
      RuleResult.notApplicable(
        'no EventBridge rule, S3 bucket or notification rule of this stack publishes to the topic',
      )
    );
  }
}

function ownerOf(source: CheckedResource, ownerProperty: string | undefined, context: RuleContext): CheckedResource {
  return (ownerProperty && context.index.resolveReference(source.get(ownerProperty))) || source;
}
