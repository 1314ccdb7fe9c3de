import { Annotations, CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { CheckedResource } from '../../checks/engine/resource';
import { Compliance, Rule } from '../../checks/engine/rule';
import { StackIndex } from '../../checks/engine/stack-index';
import { Values } from '../../checks/engine/values';
import { WellArchitectedMonitoring } from '../../monitoring';
import { AlarmPlacement } from '../../monitoring/private/alarm-factories';

/** Marks the constructs `WellArchitectedDefaults` created, in every copy of this library. */
const CREATED_BY_DEFAULTS = Symbol.for('cdk-well-architected.WellArchitectedDefaults.created');

/** The metadata type `Validations.of(scope).acknowledge()` writes (read through the class when it has it). */
const ACKNOWLEDGED_RULES_METADATA: string =
  (Validations as { ACKNOWLEDGED_RULES_METADATA_KEY?: string }).ACKNOWLEDGED_RULES_METADATA_KEY ??
  'aws:cdk:acknowledged-rules';

/** The metadata type of each change on the changed resource: its description. */
export const REMEDIATION_METADATA = 'cdk-well-architected:remediation';

/** The prefix of every annotation the remediation writes, so users can grep the synth output for it. */
export const ANNOTATION_PREFIX = '[WellArchitectedDefaults]';

/** The settings of one `WellArchitectedDefaults`, with their defaults applied. */
export interface RemediationSettings {
  readonly tracing: boolean;
  readonly structuredLogging: boolean;
  readonly logRetention: boolean;
  readonly logGroupRetention: logs.RetentionDays;
  readonly architectureArm64: boolean;
  readonly queueEncryption: boolean;
  readonly queueTlsOnly: boolean;
  readonly deadLetterQueues: boolean;
  readonly reportBatchItemFailures: boolean;
  readonly apiAccessLogs: boolean;
  readonly apiTracing: boolean;
  readonly apiThrottling: boolean;
  readonly apiMetrics: boolean;
  readonly apiExecutionLogging: boolean;
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
  readonly alarms: boolean;
}

/** One change, as the aspect records it. */
export interface RecordedChange {
  readonly constructPath: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly description: string;
}

/** What the remediation of one stack shares: the index built before any change, the settings, the change log. */
export class RemediationContext {
  private readonly changed = new Map<CfnResource, string[]>();

  constructor(
    public readonly stack: Stack,
    public readonly index: StackIndex,
    public readonly settings: RemediationSettings,
    private readonly onChange: (change: RecordedChange) => void,
  ) {}

  /** The descriptions of the changes this run made on the resource. */
  public changesOf(resource: CfnResource): string[] {
    return this.changed.get(resource) ?? [];
  }

  /** The resource's properties as they are now (after the changes made so far), resolved. */
  public current(resource: CfnResource): CheckedResource {
    return CheckedResource.fromCfnResource(resource);
  }

  /** Record a change on a resource: an info annotation on it and an entry in the aspect's `changes`. */
  public record(resource: CfnResource, description: string): void {
    const logicalId = this.stack.resolve(resource.logicalId);
    Annotations.of(resource).addInfo(`${ANNOTATION_PREFIX} ${description}`);
    // A machine-readable trail the checks' reports can pick up without depending on this module.
    resource.node.addMetadata(REMEDIATION_METADATA, description);
    this.changed.set(resource, [...this.changesOf(resource), description]);
    this.onChange({
      constructPath: resource.node.path,
      logicalId,
      resourceType: resource.cfnResourceType,
      description,
    });
  }

  /** Explain on a resource why a default was not applied. */
  public skipped(resource: CfnResource, message: string): void {
    Annotations.of(resource).addInfo(`${ANNOTATION_PREFIX} ${message}`);
  }

  /** Mark a construct this remediation created, so a later run (a second aspect, a second synth) leaves it alone. */
  public created<T extends IConstruct>(construct: T): T {
    Object.defineProperty(construct, CREATED_BY_DEFAULTS, { value: true });
    return construct;
  }

  /** Whether the rule finds the resource non-compliant on the index built before any change. */
  public violates(rule: Rule, resource: CheckedResource): boolean {
    return this.hasCompliance(rule, resource, Compliance.NON_COMPLIANT);
  }

  /** Whether the rule's answer for the resource, on the index built before any change, is `compliance`. */
  public hasCompliance(rule: Rule, resource: CheckedResource, compliance: Compliance): boolean {
    if (resource.unresolvedReason) {
      return false;
    }
    // Rules compare resources by identity with the index's entries, so evaluate the index's own entry.
    const indexed = this.index.byLogicalId(resource.logicalId) ?? resource;
    try {
      return rule.evaluate(indexed, { index: this.index }).compliance === compliance;
    } catch {
      return false;
    }
  }

  /**
   * Create an alarm next to the resource with one of the alarm factories the constructs use (so it is named,
   * described, sized and routed as theirs are), notifying `WellArchitectedMonitoring.of(resource)`. Its construct
   * id is `<condition>Alarm` under the owner of the resource.
   */
  public addAlarm(
    resource: CfnResource,
    condition: string,
    build: (placement: AlarmPlacement) => cloudwatch.Alarm,
  ): cloudwatch.Alarm {
    const owner = ownerOf(resource);
    return this.created(
      build({
        monitoring: WellArchitectedMonitoring.of(owner),
        scope: owner,
        id: childIdFor(resource, `${condition}Alarm`),
        watched: resource.node.id === 'Resource' ? owner : resource,
      }),
    );
  }

  /**
   * Acknowledge a cdk-nag finding the change made moot (its id with the plugin prefix, as the CDK validation
   * report expects), and record it.
   */
  public acknowledgeNag(resource: CfnResource, construct: IConstruct, id: string, reason: string): void {
    // Acknowledged already (by the user, an earlier run or a second aspect): one acknowledgment is enough.
    const ruleName = id.split('::').pop()!;
    const acknowledged = construct.node.metadata.some(
      (entry) => entry.type === ACKNOWLEDGED_RULES_METADATA && JSON.stringify(entry.data).includes(ruleName),
    );
    if (acknowledged) {
      return;
    }
    Validations.of(construct).acknowledge({ id, reason });
    this.record(resource, `acknowledged cdk-nag ${ruleName} on ${construct.node.path}: ${reason}`);
  }
}

/**
 * The scope new constructs for a resource go into: the L2 that owns it (the L1 is its `Resource`), or the L1's
 * own scope for a bare L1.
 */
export function ownerOf(resource: CfnResource): Construct {
  return resource.node.scope as Construct;
}

/**
 * A child id under the owner of `resource` that no construct uses yet: `<name>` under an L2 (its L1 is
 * `Resource`), `<L1 id><name>` next to a bare L1. Deterministic, so logical ids are stable across synths.
 */
export function childIdFor(resource: CfnResource, name: string): string {
  const owner = ownerOf(resource);
  const base = resource.node.id === 'Resource' ? name : `${resource.node.id}${name}`;
  let id = base;
  for (let n = 2; owner.node.tryFindChild(id); n++) {
    id = `${base}${n}`;
  }
  return id;
}

/**
 * Whether the resource belongs to one of this library's well-architected constructs (which configure their
 * resources themselves) or was created by a `WellArchitectedDefaults`. Recognised through symbols shared by
 * every copy of the library: the construct's `monitoring` is a `WellArchitectedMonitoring`, or the resource
 * lies under a monitoring or under a construct the remediation created.
 */
export function isManagedByThisLibrary(resource: IConstruct): boolean {
  return resource.node.scopes.some((scope) => {
    if (Stack.isStack(scope)) {
      return false;
    }
    if ((scope as any)[CREATED_BY_DEFAULTS] === true || WellArchitectedMonitoring.isWellArchitectedMonitoring(scope)) {
      return true;
    }
    const descriptor = findProperty(scope, 'monitoring');
    return descriptor !== undefined && 'value' in descriptor
      ? WellArchitectedMonitoring.isWellArchitectedMonitoring(descriptor.value)
      : false;
  });
}

/** A property descriptor found on the object itself (readonly fields are own properties); getters are not called. */
function findProperty(object: object, name: string): PropertyDescriptor | undefined {
  return Object.getOwnPropertyDescriptor(object, name);
}

/** Properties whose value is free-form JSON on the L1 (their keys are not camel-cased there). */
const JSON_PROPERTIES = new Set(['RedrivePolicy', 'PolicyDocument']);

/**
 * Set a top-level property (CloudFormation casing) of a resource. On a typed L1 (`CfnFunction`, `CfnQueue`, ...) it
 * sets the L1 property, so tools that read L1 properties (cdk-nag) see the change too; on a plain `CfnResource` it
 * is a property override. The value is always the complete property: callers merge with what is there.
 */
export function assignProperty(resource: CfnResource, name: string, value: any): void {
  const property = name.charAt(0).toLowerCase() + name.slice(1);
  if (property in resource && typeof (resource as any)[property] !== 'function') {
    (resource as any)[property] = JSON_PROPERTIES.has(name) ? value : toL1Casing(value);
  } else {
    resource.addPropertyOverride(name, value);
  }
}

/** CloudFormation keys to L1 keys (`LogFormat` -> `logFormat`), leaving intrinsic functions as they are. */
function toL1Casing(value: any): any {
  if (Array.isArray(value)) {
    return value.map(toL1Casing);
  }
  if (value === null || typeof value !== 'object' || Values.isIntrinsic(value) || Token.isUnresolved(value)) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key.charAt(0).toLowerCase() + key.slice(1), toL1Casing(item)]),
  );
}
