import { CheckedResource } from './resource';
import { Values } from './values';

/** A reference from one resource's properties to another resource of the same stack. */
export interface ResourceReference {
  /** The resource whose properties hold the reference. */
  readonly source: CheckedResource;
  /** The resource referred to. */
  readonly target: CheckedResource;
  /** Where in the source's properties, as a dotted path, e.g. `RedrivePolicy.deadLetterTargetArn`. */
  readonly propertyPath: string;
  /** The attribute for `Fn::GetAtt` (e.g. `Arn`); absent for `Ref`. @default - a Ref */
  readonly attribute?: string;
}

const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

/**
 * Every resource of one stack, indexed by type and logical id, with the references between them.
 * Built once per stack, in time linear in the size of the stack's properties; cross-resource rules
 * read it instead of walking the construct tree.
 */
export class StackIndex {
  /** Build the index of a stack's resources. */
  public static fromResources(resources: CheckedResource[]): StackIndex {
    return new StackIndex(resources);
  }

  private readonly byId = new Map<string, CheckedResource>();
  private readonly byType = new Map<string, CheckedResource[]>();
  private readonly incoming = new Map<string, ResourceReference[]>();
  /** The same references, by target and then by source type: rules ask for one source type at a time. */
  private readonly incomingByType = new Map<string, Map<string, ResourceReference[]>>();
  private readonly outgoing = new Map<string, ResourceReference[]>();
  private readonly resources: CheckedResource[];
  /** Values of this stack that an `AppView` followed to a resource of another stack (an import, a parameter...). */
  private readonly linkedValues = new WeakMap<object, CheckedResource>();

  private constructor(resources: CheckedResource[]) {
    this.resources = [...resources];
    for (const resource of this.resources) {
      this.byId.set(resource.logicalId, resource);
      const ofType = this.byType.get(resource.resourceType) ?? [];
      ofType.push(resource);
      this.byType.set(resource.resourceType, ofType);
    }
    for (const resource of this.resources) {
      this.collectReferences(resource, resource.properties, []);
    }
  }

  /** Every resource of the stack. */
  public all(): CheckedResource[] {
    return [...this.resources];
  }

  /** The resources of one CloudFormation type. */
  public ofType(resourceType: string): CheckedResource[] {
    return [...(this.byType.get(resourceType) ?? [])];
  }

  /** The resource with this logical id, if the stack has one. */
  public byLogicalId(logicalId: string): CheckedResource | undefined {
    return this.byId.get(logicalId);
  }

  /** The references that point at this resource, optionally only from sources of one type. */
  public referencesTo(logicalId: string, sourceType?: string): ResourceReference[] {
    const refs = sourceType ? this.incomingByType.get(logicalId)?.get(sourceType) : this.incoming.get(logicalId);
    return refs ? [...refs] : [];
  }

  /** The references this resource's properties hold, optionally only to targets of one type. */
  public referencesFrom(logicalId: string, targetType?: string): ResourceReference[] {
    const refs = this.outgoing.get(logicalId) ?? [];
    return targetType ? refs.filter((r) => r.target.resourceType === targetType) : [...refs];
  }

  /**
   * The resource of this stack a `{ Ref }` or `{ Fn::GetAtt }` value points at. Undefined for a literal, a
   * parameter, a pseudo parameter, an import or a resource of another stack: callers treat those as unknown. When
   * the stack belongs to an `AppView`, a value read from a resource of another stack (an import, a parameter of a
   * nested stack...) that designates a resource of this stack resolves to it.
   */
  public resolveReference(value: any): CheckedResource | undefined {
    if (value !== null && typeof value === 'object') {
      const linked = this.linkedValues.get(value);
      if (linked !== undefined) {
        return linked;
      }
    }
    const logicalId = Values.referencedLogicalId(value);
    return logicalId === undefined ? undefined : this.byId.get(logicalId);
  }

  /**
   * A reference to a resource of this stack from a resource of another stack, at `value` in the source's
   * properties: `referencesTo` lists it, and `resolveReference(value)` gives the resource of this stack. Called by
   * `AppView`.
   * @internal
   */
  public _linkIncoming(reference: ResourceReference, value: object): void {
    this.linkedValues.set(value, reference.target);
    this.addReference(reference, false);
  }

  /**
   * A reference from a resource of this stack to a resource of another stack: `referencesFrom` lists it (its value
   * still resolves to nothing in this stack). Called by `AppView`.
   * @internal
   */
  public _linkOutgoing(reference: ResourceReference): void {
    const outgoing = this.outgoing.get(reference.source.logicalId) ?? [];
    outgoing.push(reference);
    this.outgoing.set(reference.source.logicalId, outgoing);
  }

  /**
   * Walks every value of a resource's properties. The path is kept as a stack of steps and joined only where a
   * reference is found: most values hold none, and building each one's path was most of the index's cost.
   */
  private collectReferences(source: CheckedResource, value: any, steps: string[]): void {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        steps.push(String(i));
        this.collectReferences(source, value[i], steps);
        steps.pop();
      }
      return;
    }
    if (value === null || typeof value !== 'object') {
      return;
    }
    if (Values.isIntrinsic(value)) {
      const target = this.resolveReference(value);
      if (target) {
        const getAtt = value['Fn::GetAtt'];
        const attribute = Array.isArray(getAtt)
          ? getAtt[1]
          : typeof getAtt === 'string'
            ? getAtt.split('.').slice(1).join('.')
            : undefined;
        this.addReference({
          source,
          target,
          propertyPath: steps.join('.'),
          attribute: typeof attribute === 'string' ? attribute : undefined,
        });
        return;
      }
      const sub = value['Fn::Sub'];
      const template =
        typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
      if (template !== undefined) {
        this.collectSubReferences(source, template, steps.join('.'));
      }
    }
    for (const key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key)) {
        steps.push(key);
        this.collectReferences(source, value[key], steps);
        steps.pop();
      }
    }
  }

  private collectSubReferences(source: CheckedResource, template: string, path: string): void {
    for (const match of template.matchAll(SUB_VARIABLE)) {
      const [logicalId, ...attribute] = match[1].split('.');
      const target = this.byId.get(logicalId);
      if (target) {
        this.addReference({
          source,
          target,
          propertyPath: path,
          attribute: attribute.length ? attribute.join('.') : undefined,
        });
      }
    }
  }

  private addReference(reference: ResourceReference, outgoing = true): void {
    const incoming = this.incoming.get(reference.target.logicalId) ?? [];
    incoming.push(reference);
    this.incoming.set(reference.target.logicalId, incoming);
    const byType = this.incomingByType.get(reference.target.logicalId) ?? new Map<string, ResourceReference[]>();
    const ofType = byType.get(reference.source.resourceType) ?? [];
    ofType.push(reference);
    byType.set(reference.source.resourceType, ofType);
    this.incomingByType.set(reference.target.logicalId, byType);
    if (!outgoing) {
      return;
    }
    const outgoingRefs = this.outgoing.get(reference.source.logicalId) ?? [];
    outgoingRefs.push(reference);
    this.outgoing.set(reference.source.logicalId, outgoingRefs);
  }
}
