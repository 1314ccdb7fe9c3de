import { CheckedResource } from './resource';
import { ResourceReference, StackIndex } from './stack-index';
import { Values } from './values';

/** One stack (or nested stack, or template) of an app, as the app-wide view needs it. */
export interface AppStackProps {
  /** The stack's name as reports show it (a nested stack: `<parent>/<path in parent>`). */
  readonly stackName: string;
  /** Every resource of the stack, the same objects the rules are given. */
  readonly resources: CheckedResource[];
  /** The `Outputs` section of its template. @default - none */
  readonly outputs?: any;
  /**
   * For a nested stack: the name (`stackName`) of the stack that holds it. @default - not a nested stack
   */
  readonly parentStackName?: string;
  /**
   * For a nested stack: the logical id, in the parent, of its `AWS::CloudFormation::Stack` resource.
   * @default - not a nested stack
   */
  readonly parentLogicalId?: string;
}

const NESTED_STACK = 'AWS::CloudFormation::Stack';
/** How many references one value may go through (an import of a nested stack's output of a parameter...). */
const MAX_HOPS = 8;

interface AppStack {
  readonly props: AppStackProps;
  readonly index: StackIndex;
  parent?: { readonly stack: AppStack; readonly resource: CheckedResource };
  /** Nested stacks by the logical id of their `AWS::CloudFormation::Stack` resource in this stack. */
  readonly children: Map<string, AppStack>;
}

/**
 * Every checked stack of one deployment unit (an App or a Stage: CDK never references across them), with the
 * references CDK writes between them: exports and `Fn::ImportValue` (`stack.exportValue` and strong cross-stack
 * references), the parameters a parent passes to a nested stack and the outputs it reads back. Built once per
 * synth (or per CLI run). Each stack's `StackIndex` is linked to it: `referencesTo` of a resource also lists the
 * resources of other stacks that refer to it, and the index's `resolveReference` resolves the value they refer to it
 * by (so a rule that checks "does this alarm's dimension designate my function" works unchanged); from the other
 * side, `referencesFrom` lists the reference, while its value still resolves to nothing in the source's stack. A value that names a stack outside the view (an import of an export nobody in the view makes, an
 * SSM parameter) is not followed: rules treat it as unknown.
 */
export class AppView {
  /** Build the view of a set of stacks and link their indexes. */
  public static fromStacks(stacks: AppStackProps[]): AppView {
    return new AppView(stacks);
  }

  private readonly byName = new Map<string, AppStack>();
  private readonly ordered: AppStack[] = [];
  private readonly stackOfResource = new Map<CheckedResource, AppStack>();
  private readonly exports = new Map<string, { stack: AppStack; value: any }>();
  private readonly exported = new Set<CheckedResource>();
  private crossStackReferences = 0;

  private constructor(stacks: AppStackProps[]) {
    for (const props of stacks) {
      const stack: AppStack = { props, index: StackIndex.fromResources(props.resources), children: new Map() };
      this.byName.set(props.stackName, stack);
      this.ordered.push(stack);
      for (const resource of props.resources) {
        this.stackOfResource.set(resource, stack);
      }
      for (const output of Object.values<any>(isObject(props.outputs) ? props.outputs : {})) {
        const name = output?.Export?.Name;
        if (typeof name === 'string' && !Values.isUnknown(name)) {
          this.exports.set(name, { stack, value: output.Value });
        }
      }
    }
    for (const stack of this.ordered) {
      const { parentStackName, parentLogicalId } = stack.props;
      const parent = parentStackName === undefined ? undefined : this.byName.get(parentStackName);
      const resource = parentLogicalId === undefined ? undefined : parent?.index.byLogicalId(parentLogicalId);
      if (parent && resource) {
        stack.parent = { stack: parent, resource };
        parent.children.set(resource.logicalId, stack);
      }
    }
    for (const { stack, value } of this.exports.values()) {
      const found = this.follow(stack, value, 0);
      if (found) {
        this.exported.add(found.resource);
      }
    }
    for (const stack of this.ordered) {
      if (this.mayReferToAnotherStack(stack)) {
        for (const resource of stack.props.resources) {
          this.linkValue(stack, resource, resource.properties, []);
        }
      }
    }
  }

  /** The index of each stack, in the order given. */
  public get indexes(): StackIndex[] {
    return this.ordered.map((s) => s.index);
  }

  /** The names of the stacks, in the order given. */
  public get stackNames(): string[] {
    return this.ordered.map((s) => s.props.stackName);
  }

  /** How many references between two stacks the view followed. */
  public get crossStackReferenceCount(): number {
    return this.crossStackReferences;
  }

  /** The index of a stack, by its name. */
  public indexOfStack(stackName: string): StackIndex | undefined {
    return this.byName.get(stackName)?.index;
  }

  /** The index of the stack a resource belongs to. */
  public indexOf(resource: CheckedResource): StackIndex | undefined {
    return this.stackOfResource.get(resource)?.index;
  }

  /** The resources of one type in every stack of the view. */
  public ofType(resourceType: string): CheckedResource[] {
    return this.ordered.flatMap((s) => s.index.ofType(resourceType));
  }

  /**
   * The references to a resource from any stack of the view, optionally only from sources of one type. Those from
   * another stack have a `source` whose `stackName` says which.
   */
  public referencesTo(resource: CheckedResource, sourceType?: string): ResourceReference[] {
    return this.indexOf(resource)?.referencesTo(resource.logicalId, sourceType) ?? [];
  }

  /**
   * Whether an output of the resource's stack exports it (`stack.exportValue`, `CfnOutput` with `exportName`):
   * stacks outside the view (another app) may import it, so a partner may exist that the view cannot see.
   */
  public isExported(resource: CheckedResource): boolean {
    return this.exported.has(resource);
  }

  /** Whether stack-crossing values can occur in this stack at all: other stacks export, or it is nested or nests. */
  private mayReferToAnotherStack(stack: AppStack): boolean {
    return this.exports.size > 0 || stack.parent !== undefined || stack.children.size > 0;
  }

  private linkValue(stack: AppStack, source: CheckedResource, value: any, steps: string[]): void {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        steps.push(String(i));
        this.linkValue(stack, source, value[i], steps);
        steps.pop();
      }
      return;
    }
    if (value === null || typeof value !== 'object') {
      return;
    }
    if (Values.isIntrinsic(value)) {
      const found = this.follow(stack, value, 0, true);
      if (found && found.stack !== stack) {
        this.crossStackReferences++;
        const reference: ResourceReference = {
          source,
          target: found.resource,
          propertyPath: steps.join('.'),
          attribute: found.attribute,
        };
        found.stack.index._linkIncoming(reference, value);
        stack.index._linkOutgoing(reference);
        return;
      }
    }
    for (const key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key)) {
        steps.push(key);
        this.linkValue(stack, source, value[key], steps);
        steps.pop();
      }
    }
  }

  /**
   * The resource a value designates, following imports, parameters of a nested stack and outputs of a nested
   * stack. `crossingOnly`: only values that leave the stack (a plain `Ref` to a resource of the stack is left to
   * the stack's own index).
   */
  private follow(
    stack: AppStack,
    value: any,
    hops: number,
    crossingOnly = false,
  ): { stack: AppStack; resource: CheckedResource; attribute?: string } | undefined {
    if (hops > MAX_HOPS || !Values.isIntrinsic(value)) {
      return undefined;
    }
    const imported = value['Fn::ImportValue'];
    if (imported !== undefined) {
      const exported = typeof imported === 'string' ? this.exports.get(imported) : undefined;
      return exported ? this.follow(exported.stack, exported.value, hops + 1) : undefined;
    }
    const getAtt = value['Fn::GetAtt'];
    const [logicalId, attribute] = Array.isArray(getAtt)
      ? [getAtt[0], getAtt[1]]
      : typeof getAtt === 'string'
        ? [getAtt.split('.')[0], getAtt.split('.').slice(1).join('.')]
        : [value.Ref, undefined];
    if (typeof logicalId !== 'string') {
      return undefined;
    }
    const local = stack.index.byLogicalId(logicalId);
    if (
      local &&
      local.resourceType === NESTED_STACK &&
      typeof attribute === 'string' &&
      attribute.startsWith('Outputs.')
    ) {
      const child = stack.children.get(logicalId);
      const output = child?.props.outputs?.[attribute.slice('Outputs.'.length)];
      return child && output ? this.follow(child, output.Value, hops + 1) : undefined;
    }
    if (local) {
      return crossingOnly
        ? undefined
        : { stack, resource: local, attribute: typeof attribute === 'string' ? attribute : undefined };
    }
    if (value.Ref !== undefined && stack.parent) {
      const passed = stack.parent.resource.get('Parameters');
      if (isObject(passed) && !Values.isIntrinsic(passed) && passed[logicalId] !== undefined) {
        return this.follow(stack.parent.stack, passed[logicalId], hops + 1);
      }
    }
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
