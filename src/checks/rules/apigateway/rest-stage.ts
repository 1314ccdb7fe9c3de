import { CheckedResource } from '../../engine/resource';
import { RuleResult } from '../../engine/rule';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

/** CloudFormation types that create a REST API stage: a stage resource, or a deployment with `StageName`. */
export const REST_STAGE_TYPES = ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'];

/** Marks a setting whose value cannot be known at synth time. */
export const UNKNOWN_SETTING = Symbol('unknown-setting');

/**
 * The stage settings of an `AWS::ApiGateway::Stage`, or of the stage that an `AWS::ApiGateway::Deployment`
 * with `StageName` creates inline (its `StageDescription`). Both carry the same keys
 * (`AccessLogSetting`, `TracingEnabled`, `MethodSettings`); a deployment's `StageDescription` additionally
 * holds the all-methods settings (`LoggingLevel`, `MetricsEnabled`, ...) at its top level.
 */
export class RestStageSettings {
  /**
   * The settings of a REST stage resource, or a RuleResult when the resource creates no stage
   * (a deployment without `StageName`) or its settings cannot be read.
   */
  public static of(resource: CheckedResource, index?: StackIndex): RestStageSettings | RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    if (resource.resourceType === 'AWS::ApiGateway::Stage') {
      return new RestStageSettings(resource.properties, false);
    }
    if (resource.get('StageName') === undefined) {
      return RuleResult.notApplicable('the deployment has no StageName, so it creates no stage');
    }
    const samStage = index ? samPlaceholderStageOf(resource, index) : undefined;
    if (samStage !== undefined) {
      return RuleResult.notApplicable(
        `the placeholder stage 'Stage' that the AWS SAM transform gives its generated deployment; the API's stage is ${samStage.logicalId}`,
      );
    }
    const description = resource.get('StageDescription');
    if (Values.isUnknown(description)) {
      return RuleResult.unknown('StageDescription is not known at synth time');
    }
    return new RestStageSettings(description ?? {}, true);
  }

  private constructor(
    private readonly settings: any,
    /** True for the stage a deployment creates inline. */
    public readonly inline: boolean,
  ) {}

  /** A stage-level property, e.g. `TracingEnabled` or `AccessLogSetting`. */
  public stageProperty(path: string): any {
    const value = Values.get(this.settings, path);
    return Values.isUnknown(value) ? UNKNOWN_SETTING : value;
  }

  /** The method settings, or UNKNOWN_SETTING when the list itself is not known. */
  public methodSettings(): any[] | typeof UNKNOWN_SETTING {
    const list = this.settings.MethodSettings;
    if (list === undefined) {
      return [];
    }
    return Array.isArray(list) ? list : UNKNOWN_SETTING;
  }

  /**
   * The value of a method setting key (`LoggingLevel`, `MetricsEnabled`, `ThrottlingRateLimit`...) that applies
   * to every method: the `*` `/*` method setting or, for an inline stage, the top level of `StageDescription`.
   */
  public allMethodsSetting(key: string): any {
    if (this.inline && this.settings[key] !== undefined) {
      return Values.isUnknown(this.settings[key]) ? UNKNOWN_SETTING : this.settings[key];
    }
    const list = this.methodSettings();
    if (list === UNKNOWN_SETTING) {
      return UNKNOWN_SETTING;
    }
    let unclear = false;
    for (const setting of list) {
      if (
        Values.isUnknown(setting) ||
        Values.isUnknown(setting?.HttpMethod) ||
        Values.isUnknown(setting?.ResourcePath)
      ) {
        unclear = true;
        continue;
      }
      if (setting?.HttpMethod === '*' && setting?.ResourcePath === '/*') {
        const value = setting[key];
        return Values.isUnknown(value) ? UNKNOWN_SETTING : value;
      }
    }
    return unclear ? UNKNOWN_SETTING : undefined;
  }
}

/** A human-readable name for a REST stage (or a deployment's inline stage) in finding messages. */
export function stageLabel(resource: CheckedResource): string {
  const name = resource.get('StageName');
  const suffix = typeof name === 'string' && !Values.isUnknown(name) ? ` '${name}'` : '';
  return resource.resourceType === 'AWS::ApiGateway::Deployment'
    ? `The inline stage${suffix} of this deployment`
    : `Stage${suffix}`;
}

/**
 * What the AWS SAM transform (`AWS::Serverless-2016-10-31`) writes for an `AWS::Serverless::Api` (or the implicit
 * `ServerlessRestApi`): a deployment with `StageName: Stage` and the description `RestApi deployment id: <sha1>`,
 * deployed by the `AWS::ApiGateway::Stage` that holds the API's settings. The `Stage` stage has no settings the
 * template can set (SAM's `OpenApiVersion` global removes it), so the stage rules judge the real stage instead.
 * Returns that stage when the deployment is SAM's, undefined otherwise.
 * (aws/serverless-application-model, samtranslator/model/api/api_generator.py and model/apigateway.py.)
 */
function samPlaceholderStageOf(deployment: CheckedResource, index: StackIndex): CheckedResource | undefined {
  if (deployment.get('StageName') !== 'Stage' || deployment.get('StageDescription') !== undefined) {
    return undefined;
  }
  const description = deployment.get('Description');
  if (typeof description !== 'string' || !SAM_DEPLOYMENT_DESCRIPTION.test(description)) {
    return undefined;
  }
  return index
    .referencesTo(deployment.logicalId, 'AWS::ApiGateway::Stage')
    .find((ref) => ref.propertyPath === 'DeploymentId')?.source;
}

const SAM_DEPLOYMENT_DESCRIPTION = /^RestApi deployment id: [0-9a-f]{40}$/;
