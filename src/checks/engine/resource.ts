import { CfnResource, Stack } from 'aws-cdk-lib';
import { stackDisplayName } from './stack-names';
import { Values } from './values';

/** What the engine knows about one resource. */
export interface CheckedResourceProps {
  /** The logical id in its template. */
  readonly logicalId: string;
  /** The CloudFormation type, e.g. `AWS::Lambda::Function`. */
  readonly resourceType: string;
  /** The resolved `Properties` of the resource, with CloudFormation casing. @default {} */
  readonly properties?: any;
  /** The resolved `Metadata` of the resource. @default {} */
  readonly metadata?: any;
  /** The name of its `Condition`, if any. @default - none */
  readonly condition?: string;
  /** The construct path (CDK) or `<template>/<logicalId>` (plain templates). */
  readonly constructPath: string;
  /** The name of the stack (CDK; a nested stack is `<parent>/<path in parent>`) or of the template file (plain templates). */
  readonly stackName: string;
  /** The L1 construct, when there is one. @default - none */
  readonly cfnResource?: CfnResource;
  /**
   * Why the resource's properties could not be resolved, if they could not. Every rule then answers
   * unknown for it. @default - they were resolved
   */
  readonly unresolvedReason?: string;
}

/**
 * One resource as rules see it: its CloudFormation type, logical id and resolved properties, read once and
 * shared with every rule. The checks aspect reads it from the template aws-cdk-lib renders for the stack, and the
 * CLI from the template file; neither resolves a resource again.
 */
export class CheckedResource {
  /**
   * Resolve an L1 resource once, including escape-hatch overrides (`addPropertyOverride`).
   * Never throws: if resolution fails, the resource carries `unresolvedReason` and its properties are empty.
   */
  public static fromCfnResource(resource: CfnResource): CheckedResource {
    const stack = Stack.of(resource);
    const base = {
      resourceType: resource.cfnResourceType,
      constructPath: resource.node.path,
      stackName: stackDisplayName(stack),
      cfnResource: resource,
    };
    try {
      // One entry, keyed by the resolved logical id: resolving `resource.logicalId` again would repeat work that
      // is not free (an API Gateway deployment's logical id hashes every method of the API).
      const rendered = stack.resolve((resource as any)._toCloudFormation());
      const [entry] = Object.entries<any>(rendered?.Resources ?? {});
      const logicalId: string = entry ? entry[0] : stack.resolve(resource.logicalId);
      const body = entry?.[1] ?? {};
      return new CheckedResource({
        ...base,
        logicalId,
        properties: body.Properties ?? {},
        metadata: body.Metadata ?? {},
        condition: body.Condition,
      });
    } catch (e) {
      return new CheckedResource({
        ...base,
        logicalId: resource.node.id,
        unresolvedReason: `its properties could not be resolved at synth time (${(e as Error).message.split('\n')[0]})`,
      });
    }
  }

  public readonly logicalId: string;
  public readonly resourceType: string;
  public readonly properties: any;
  public readonly metadata: any;
  public readonly condition?: string;
  public readonly constructPath: string;
  public readonly stackName: string;
  public readonly cfnResource?: CfnResource;
  public readonly unresolvedReason?: string;

  constructor(props: CheckedResourceProps) {
    this.logicalId = props.logicalId;
    this.resourceType = props.resourceType;
    this.properties = props.properties ?? {};
    this.metadata = props.metadata ?? {};
    this.condition = props.condition;
    this.constructPath = props.constructPath;
    this.stackName = props.stackName;
    this.cfnResource = props.cfnResource;
    this.unresolvedReason = props.unresolvedReason;
  }

  /** A property at a dotted path, e.g. `get('TracingConfig.Mode')`. See `Values.get`. */
  public get(path: string): any {
    return Values.get(this.properties, path);
  }
}
