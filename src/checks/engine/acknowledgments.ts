import { Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CheckedResource } from './resource';

/**
 * The metadata key `Validations.of(scope).acknowledge()` writes to. Read through the class when it has it,
 * so a change of the key in aws-cdk-lib follows automatically.
 */
const ACKNOWLEDGED_RULES_KEY: string =
  (Validations as { ACKNOWLEDGED_RULES_METADATA_KEY?: string }).ACKNOWLEDGED_RULES_METADATA_KEY ??
  'aws:cdk:acknowledged-rules';

/**
 * `acknowledge({ id: 'WA-X' })` records `Annotation::WA-X` (aws-cdk-lib >= 2.262.1) or `annotation::WA-X`
 * (earlier); both mean our rule id. Any other `<namespace>::` belongs to another validation plugin.
 */
const ANNOTATION_NAMESPACE = /^annotation::/i;

/** One `Validations.of(scope).acknowledge({ id, reason })` (or an acknowledgment the CLI read from a template). */
export interface AcknowledgmentRecord {
  /** The rule id, without the `Annotation::` prefix CDK adds. */
  readonly ruleId: string;
  readonly reason: string;
  /** The construct path of the acknowledging scope (`''` for the app root). */
  readonly scopePath: string;
  /** The acknowledging construct, when there is one. */
  readonly scope?: IConstruct;
}

/** Where the engine asks whether a finding is acknowledged. */
export interface AcknowledgmentLookup {
  /**
   * The acknowledgment that covers this rule on this resource (the nearest one when several do), or undefined.
   * Implementations also remember which acknowledgments matched, for `staleAcknowledgments`.
   */
  find(resource: CheckedResource, ruleId: string): AcknowledgmentRecord | undefined;
  /** Called once for every resource the rules evaluated, so acknowledgments above it can be judged stale. */
  noteChecked(resource: CheckedResource): void;
  /** The acknowledgments found above the checked resources that no finding matched. */
  unused(): AcknowledgmentRecord[];
}

/** The key that identifies one acknowledgment: the same rule acknowledged on two scopes is two acknowledgments. */
export function acknowledgmentKey(record: AcknowledgmentRecord): string {
  return `${record.scopePath}\u0000${record.ruleId}`;
}

/** The acknowledgments recorded on one construct itself (not its ancestors), in the order made; last one wins. */
export function ownAcknowledgments(construct: IConstruct): AcknowledgmentRecord[] {
  const records = new Map<string, AcknowledgmentRecord>();
  for (const entry of construct.node.metadata) {
    if (entry.type !== ACKNOWLEDGED_RULES_KEY || entry.data === null || typeof entry.data !== 'object') {
      continue;
    }
    for (const [key, reason] of Object.entries(entry.data as Record<string, unknown>)) {
      const ruleId = key.replace(ANNOTATION_NAMESPACE, '');
      if (ruleId.includes('::')) {
        continue; // another plugin's namespace, e.g. `CfnGuardValidator::S3_BUCKET_VERSIONING`
      }
      records.set(ruleId, { ruleId, reason: String(reason ?? ''), scopePath: construct.node.path, scope: construct });
    }
  }
  return [...records.values()];
}

/** The rule ids acknowledged at a construct, each with its acknowledgments from the nearest scope outwards. */
type EffectiveAcknowledgments = ReadonlyMap<string, readonly AcknowledgmentRecord[]>;

const NONE: EffectiveAcknowledgments = new Map();

/**
 * Acknowledgments read from construct metadata (`Validations.of(scope).acknowledge`), on the resource or any
 * ancestor: L2, stack, nested stack, stage, app. Each construct's effective set is computed once and shared
 * with its children, so the cost stays linear in the size of the tree.
 */
export class ConstructAcknowledgments implements AcknowledgmentLookup {
  private readonly effectiveByConstruct = new Map<IConstruct, EffectiveAcknowledgments>();
  /** Every acknowledgment met above a checked resource, by key. */
  private readonly candidates = new Map<string, AcknowledgmentRecord>();
  private readonly used = new Set<string>();

  public find(resource: CheckedResource, ruleId: string): AcknowledgmentRecord | undefined {
    if (!resource.cfnResource) {
      return undefined;
    }
    const covering = this.effective(resource.cfnResource).get(ruleId);
    if (!covering || covering.length === 0) {
      return undefined;
    }
    // Every scope the finding is under has now matched something, not only the nearest one.
    covering.forEach((record) => this.used.add(acknowledgmentKey(record)));
    return covering[0];
  }

  public noteChecked(resource: CheckedResource): void {
    if (resource.cfnResource) {
      this.effective(resource.cfnResource);
    }
  }

  public unused(): AcknowledgmentRecord[] {
    return [...this.candidates.entries()].filter(([key]) => !this.used.has(key)).map(([, record]) => record);
  }

  /** The keys of the acknowledgments that matched a finding. */
  public usedKeys(): string[] {
    return [...this.used];
  }

  /** Every acknowledgment met above a checked resource. */
  public allCandidates(): AcknowledgmentRecord[] {
    return [...this.candidates.values()];
  }

  private effective(construct: IConstruct): EffectiveAcknowledgments {
    const cached = this.effectiveByConstruct.get(construct);
    if (cached) {
      return cached;
    }
    const parent = construct.node.scope;
    const inherited = parent ? this.effective(parent) : NONE;
    const own = ownAcknowledgments(construct);
    let result = inherited;
    if (own.length > 0) {
      const merged = new Map(inherited);
      for (const record of own) {
        this.candidates.set(acknowledgmentKey(record), record);
        merged.set(record.ruleId, [record, ...(inherited.get(record.ruleId) ?? [])]);
      }
      result = merged;
    }
    this.effectiveByConstruct.set(construct, result);
    return result;
  }
}

/** The assembly root (App or Stage) an acknowledgment on this construct belongs to: a stage owns itself. */
export function owningStage(construct: IConstruct): Stage | undefined {
  return Stage.isStage(construct) ? construct : Stage.of(construct);
}
