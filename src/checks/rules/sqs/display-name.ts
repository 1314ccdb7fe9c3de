import { CheckedResource } from '../../engine/resource';

/**
 * The name a finding message uses for a resource: the construct id users wrote (`Orders` for
 * `Stack/Orders/Resource`), or the logical id for plain templates.
 */
export function displayName(resource: CheckedResource): string {
  const parts = resource.constructPath.split('/').filter((p) => p !== '');
  if (parts.length > 1 && parts[parts.length - 1] === 'Resource') {
    parts.pop();
  }
  return `'${parts[parts.length - 1] ?? resource.logicalId}'`;
}

/**
 * ` in stack <name>` when a partner found through the app-wide view lives in another stack than the resource a
 * finding is about, so the message says where to look; empty when both are in the same stack.
 */
export function partnerStack(partner: CheckedResource, resource: CheckedResource): string {
  return partner.stackName !== resource.stackName ? ` in stack ${partner.stackName}` : '';
}
