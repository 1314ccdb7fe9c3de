import { CfnResource, Stack } from 'aws-cdk-lib';
import { CheckedResource } from './resource';
import { stackResources } from './runner';
import { stackDisplayName } from './stack-names';

/** Called with each template aws-cdk-lib renders for a stack, before it is written and its annotations collected. */
export type TemplateListener = (stack: Stack, template: any) => void;

/** Shared by every copy of this library, so a stack's render method is wrapped once however many copies listen. */
const LISTENERS = Symbol.for('cdk-well-architected.templateListeners');
/** The render method the wrapper calls, kept so a template can be rendered ahead of aws-cdk-lib (`renderAhead`). */
const ORIGINAL_RENDER = Symbol.for('cdk-well-architected.originalRender');
/** A template rendered ahead, which the next render of the stack returns instead of rendering it again. */
const RENDERED_AHEAD = Symbol.for('cdk-well-architected.renderedAhead');

/**
 * Listen to the templates aws-cdk-lib renders for a stack (or nested stack) when it synthesizes it: every stack
 * synthesizer renders through `Stack._toCloudFormation()`, which resolves every token once. Reading that result
 * means the checks never resolve a resource themselves. The listener runs after the template is rendered and
 * before it is written and before the stack's annotations are collected, so findings added then still reach
 * `cdk synth` output. Not a public API of aws-cdk-lib: returns false, and the caller falls back to resolving the
 * resources itself, if the method is missing.
 */
export function listenToRenderedTemplates(stack: Stack, listener: TemplateListener): boolean {
  const host = stack as any;
  let listeners: TemplateListener[] | undefined = host[LISTENERS];
  if (!listeners) {
    const render = host._toCloudFormation;
    if (typeof render !== 'function') {
      return false;
    }
    const installed: TemplateListener[] = [];
    listeners = installed;
    Object.defineProperty(host, LISTENERS, { value: installed });
    Object.defineProperty(host, ORIGINAL_RENDER, { value: render });
    Object.defineProperty(host, '_toCloudFormation', {
      configurable: true,
      writable: true,
      value: function renderAndNotify(this: Stack, ...args: unknown[]) {
        const ahead = (this as any)[RENDERED_AHEAD];
        (this as any)[RENDERED_AHEAD] = undefined;
        const template = ahead ?? render.apply(this, args);
        for (const notify of [...installed]) {
          notify(this, template);
        }
        return template;
      },
    });
  }
  if (!listeners.includes(listener)) {
    listeners.push(listener);
  }
  return true;
}

/**
 * Render a stack's template now, before aws-cdk-lib writes it, so the checks can see every stack of the app before
 * they annotate the first one. Rendering has no effect on the tree once validation has run; the template of a stack
 * that holds no nested stack is kept and given to aws-cdk-lib when it renders the stack, so it is rendered once. A
 * stack that holds nested stacks is rendered again then: the URL of each nested template is known only once
 * aws-cdk-lib has written it. Undefined when the stack's render method could not be wrapped.
 */
export function renderAhead(stack: Stack): any {
  const host = stack as any;
  const render = host[ORIGINAL_RENDER];
  if (typeof render !== 'function') {
    return undefined;
  }
  const template = render.apply(stack, []);
  const holdsNestedStacks = stack.node
    .findAll()
    .some((c) => c !== stack && Stack.isStack(c) && (c as Stack).nestedStackParent === stack);
  host[RENDERED_AHEAD] = holdsNestedStacks ? undefined : template;
  return template;
}

/** Forget a template rendered ahead that aws-cdk-lib did not ask for (a synth that stopped early). */
export function forgetRenderedAhead(stack: Stack): void {
  if ((stack as any)[RENDERED_AHEAD] !== undefined) {
    (stack as any)[RENDERED_AHEAD] = undefined;
  }
}

/** JavaScript moves integer-like keys to the front of an object, so their order says nothing about the tree. */
const INTEGER_LIKE = /^(0|[1-9][0-9]*)$/;

/**
 * The resources of a template aws-cdk-lib rendered for `stack`, each with its L1 construct. Properties are copied,
 * so a rule cannot change the template that is deployed. The template lists resources in construct order, so the
 * n-th entry belongs to the n-th L1 resource that renders; when anything makes that uncertain (a count or type
 * that differs, an integer-like logical id), each L1's logical id is resolved instead. A resource no L1 rendered is
 * kept without a construct, under `<stack path>/<logical id>`.
 */
export function renderedResources(stack: Stack, template: any): CheckedResource[] {
  const entries = Object.entries<any>(template?.Resources ?? {});
  const elements = stackResources(stack);
  const constructs = byTemplateOrder(entries, elements) ?? byLogicalId(stack, elements);
  const stackName = stackDisplayName(stack);
  const copy: Record<string, any> = copyJson(template?.Resources ?? {});
  return entries.map(([logicalId]) => {
    const body = copy[logicalId] ?? {};
    const construct = constructs.get(logicalId);
    return new CheckedResource({
      logicalId,
      resourceType: String(body.Type),
      properties: body.Properties ?? {},
      metadata: body.Metadata ?? {},
      condition: body.Condition,
      constructPath: construct?.node.path ?? `${stack.node.path}/${logicalId}`,
      stackName,
      cfnResource: construct,
    });
  });
}

function byTemplateOrder(entries: [string, any][], elements: CfnResource[]): Map<string, CfnResource> | undefined {
  const rendering = elements.filter((element) => (element as any).shouldSynthesize?.() !== false);
  if (rendering.length !== entries.length) {
    return undefined;
  }
  const constructs = new Map<string, CfnResource>();
  for (let i = 0; i < entries.length; i++) {
    const [logicalId, body] = entries[i];
    if (INTEGER_LIKE.test(logicalId) || body?.Type !== rendering[i].cfnResourceType) {
      return undefined;
    }
    constructs.set(logicalId, rendering[i]);
  }
  return constructs;
}

function byLogicalId(stack: Stack, elements: CfnResource[]): Map<string, CfnResource> {
  const constructs = new Map<string, CfnResource>();
  for (const element of elements) {
    try {
      constructs.set(stack.resolve(element.logicalId), element);
    } catch {
      // Not in the template under a resolvable id: the template entry stays without a construct.
    }
  }
  return constructs;
}

/**
 * A deep copy of a JSON value (a rendered template holds nothing else). Faster than a JSON round trip or
 * `structuredClone`, and it allocates no intermediate string.
 */
function copyJson(value: any): any {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      copy[i] = copyJson(value[i]);
    }
    return copy;
  }
  const copy: Record<string, any> = {};
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      copy[key] = copyJson(value[key]);
    }
  }
  return copy;
}
