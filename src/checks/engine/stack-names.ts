import { Stack } from 'aws-cdk-lib';

/**
 * A stack's name as people read it. A nested stack's `stackName` is a deploy-time token, so it is named after
 * its parent and its path in the parent instead, e.g. `MyStack/Database`.
 */
export function stackDisplayName(stack: Stack): string {
  const parent = stack.nestedStackParent;
  if (!parent) {
    return stack.stackName;
  }
  const relative = stack.node.scopes
    .slice(parent.node.scopes.length)
    .map((scope) => scope.node.id)
    .join('/');
  return `${stackDisplayName(parent)}/${relative}`;
}
