import { Stack, Token } from 'aws-cdk-lib';
import { Decision, evaluatePolicy, PolicyDecision, PolicyKind, PolicyRequest } from './evaluator';
import { ResourceLookup, Tri } from './symbolic';
import { CheckedResource } from '../resource';
import { StackIndex } from '../stack-index';
import { Values } from '../values';

/** Where a policy document comes from. */
export interface PolicySource {
  /** The resource that holds it (an `AWS::SNS::TopicPolicy`, or the key itself). */
  readonly holder: CheckedResource;
  /** The document, as the template holds it. */
  readonly document: any;
}

/** A decision for a whole path, naming the policy that decided it. */
export interface PathDecision extends PolicyDecision {
  /** The resource holding the deciding policy, when one decided. */
  readonly holder?: CheckedResource;
}

/** The key a `KmsMasterKeyId` / `KmsKeyId` value designates, as far as synth can tell. */
export interface KeyReference {
  /** An AWS managed key (`alias/aws/sns`, `alias/aws/sqs`...): its policy cannot grant another service. */
  readonly awsManaged: boolean;
  /** The `AWS::KMS::Key` of the template, when the value points at one directly or through an alias. */
  readonly key?: CheckedResource;
}

/** The property of each resource-policy type that lists the resources it applies to. */
const POLICY_TARGETS: Record<string, { targets: string; document: string }> = {
  'AWS::SNS::TopicPolicy': { targets: 'Topics', document: 'PolicyDocument' },
  'AWS::SNS::TopicInlinePolicy': { targets: 'TopicArn', document: 'PolicyDocument' },
  'AWS::SQS::QueuePolicy': { targets: 'Queues', document: 'PolicyDocument' },
  'AWS::SQS::QueueInlinePolicy': { targets: 'Queue', document: 'PolicyDocument' },
  'AWS::S3::BucketPolicy': { targets: 'Bucket', document: 'PolicyDocument' },
};

const AWS_MANAGED_ALIAS = /alias\/aws\//;

const CACHE = new WeakMap<StackIndex, PolicyIndex>();

/**
 * The resource policies of one template, by the resource they apply to, built once in one pass over the template
 * and shared by every delivery-path rule. It reads resources through a lookup, not the stack index itself, so that an
 * app-wide view can feed it every stack's resources later: a path whose other end is outside what it was given is
 * unknown.
 */
export class PolicyIndex {
  /** The policy index of a stack, built on first use and kept for the index's lifetime. */
  public static of(index: StackIndex): PolicyIndex {
    let policies = CACHE.get(index);
    if (policies === undefined) {
      policies = new PolicyIndex(index.all(), (id) => index.byLogicalId(id));
      CACHE.set(index, policies);
    }
    return policies;
  }

  /** The region of the template's stack when synth knows it (a CDK stack with an explicit `env`). */
  public readonly region?: string;
  /** Resource policies by the logical id of the resource they apply to. */
  private readonly byTarget = new Map<string, PolicySource[]>();
  /** Resource-policy holders whose targets cannot be read at synth time, by holder type. */
  private readonly unresolved = new Map<string, CheckedResource[]>();

  constructor(
    resources: CheckedResource[],
    /** Finds a resource by logical id. */
    public readonly lookup: ResourceLookup,
  ) {
    const construct = resources.find((r) => r.cfnResource !== undefined)?.cfnResource;
    const region = construct ? Stack.of(construct).region : undefined;
    this.region = region !== undefined && !Token.isUnresolved(region) ? region : undefined;
    for (const resource of resources) {
      const shape = POLICY_TARGETS[resource.resourceType];
      if (shape === undefined) {
        continue;
      }
      const targets = resource.unresolvedReason ? undefined : resource.get(shape.targets);
      const list = Array.isArray(targets) ? targets : targets === undefined ? [] : [targets];
      // A literal ARN names a resource outside the template; anything else that is not a reference to one of its
      // resources (an import, a parameter, Fn::If) might be any of them.
      let unresolved = resource.unresolvedReason !== undefined;
      for (const target of list) {
        const id = Values.referencedLogicalId(target);
        const found = id === undefined ? undefined : lookup(id);
        if (found === undefined) {
          unresolved = unresolved || typeof target !== 'string' || Values.isUnknown(target);
          continue;
        }
        const sources = this.byTarget.get(found.logicalId) ?? [];
        sources.push({ holder: resource, document: resource.get(shape.document) });
        this.byTarget.set(found.logicalId, sources);
      }
      if (unresolved) {
        const held = this.unresolved.get(resource.resourceType) ?? [];
        held.push(resource);
        this.unresolved.set(resource.resourceType, held);
      }
    }
  }

  /** The resource policies of these types that apply to a resource. */
  public policiesOf(target: CheckedResource, holderTypes: string[]): PolicySource[] {
    return (this.byTarget.get(target.logicalId) ?? []).filter((s) => holderTypes.includes(s.holder.resourceType));
  }

  /**
   * Decide a request against the resource policies of these types (e.g. `AWS::SNS::TopicPolicy` and
   * `AWS::SNS::TopicInlinePolicy`) that apply to its target. They replace each other (CloudFormation sets the whole
   * policy), so they must agree; none means the `whenNone` answer, which the caller takes from the service's
   * documented default.
   */
  public decide(
    target: CheckedResource,
    holderTypes: string[],
    request: PolicyRequest,
    whenNone: PolicyDecision,
  ): PathDecision {
    const sources = this.policiesOf(target, holderTypes);
    const unresolved = holderTypes.flatMap((type) => this.unresolved.get(type) ?? []);
    const decisions = sources.map((source) => {
      if (source.holder.unresolvedReason) {
        return { decision: Decision.UNKNOWN, reason: source.holder.unresolvedReason, holder: source.holder };
      }
      return { ...evaluatePolicy(source.document, request, PolicyKind.RESOURCE, this.lookup), holder: source.holder };
    });
    if (unresolved.length > 0) {
      // It may apply to this resource too, and policies of one type replace each other.
      return {
        decision: Decision.UNKNOWN,
        reason: `${unresolved[0].logicalId} applies to resources synth cannot resolve`,
      };
    }
    if (decisions.length === 0) {
      return whenNone;
    }
    if (decisions.every((d) => d.decision === decisions[0].decision)) {
      return decisions.find((d) => d.decision === Decision.DENIED) ?? decisions[0];
    }
    return {
      decision: Decision.UNKNOWN,
      reason: `${decisions.length} policies replace each other and disagree, so the deployed one decides`,
    };
  }

  /** Decide a request against the key policy of a key of the template. */
  public decideKey(key: CheckedResource, request: PolicyRequest): PathDecision {
    if (key.unresolvedReason) {
      return { decision: Decision.UNKNOWN, reason: key.unresolvedReason };
    }
    return { ...evaluatePolicy(key.get('KeyPolicy'), request, PolicyKind.RESOURCE, this.lookup), holder: key };
  }

  /** Decide several requests (e.g. the key actions of one call); the first that is not allowed decides. */
  public decideAll(decide: (request: PolicyRequest) => PathDecision, requests: PolicyRequest[]): PathDecision {
    const decisions = requests.map(decide);
    return (
      decisions.find((d) => d.decision === Decision.DENIED) ??
      decisions.find((d) => d.decision === Decision.UNKNOWN) ??
      decisions[0]
    );
  }

  /**
   * Follow a key reference: an AWS managed alias (a literal, or the `Fn::Join` `kms.Alias.fromAliasName` renders), a
   * `Ref`/`Fn::GetAtt` to an `AWS::KMS::Key`, or to an `AWS::KMS::Alias` whose `TargetKeyId` is a key of the
   * template. Undefined for anything else (an imported key, a parameter, `Fn::If`): the path is unknown.
   */
  public keyOf(value: any): KeyReference | undefined {
    if (value === undefined || value === null) {
      return undefined;
    }
    const id = Values.referencedLogicalId(value);
    const target = id === undefined ? undefined : this.lookup(id);
    if (target?.resourceType === 'AWS::KMS::Key') {
      return { awsManaged: false, key: target };
    }
    if (target?.resourceType === 'AWS::KMS::Alias') {
      const aliasName = target.get('AliasName');
      if (typeof aliasName === 'string' && AWS_MANAGED_ALIAS.test(aliasName)) {
        return { awsManaged: true };
      }
      const keyId = Values.referencedLogicalId(target.get('TargetKeyId'));
      const key = keyId === undefined ? undefined : this.lookup(keyId);
      return key?.resourceType === 'AWS::KMS::Key' ? { awsManaged: false, key } : undefined;
    }
    if (target !== undefined || (Values.isIntrinsic(value) && value['Fn::If'] !== undefined)) {
      return undefined;
    }
    if (AWS_MANAGED_ALIAS.test(typeof value === 'string' ? value : JSON.stringify(value))) {
      return { awsManaged: true };
    }
    return undefined;
  }
}

/** A decision as a three-valued answer. */
export function allowedTri(decision: PolicyDecision): Tri {
  return decision.decision === Decision.ALLOWED
    ? Tri.YES
    : decision.decision === Decision.DENIED
      ? Tri.NO
      : Tri.UNKNOWN;
}
