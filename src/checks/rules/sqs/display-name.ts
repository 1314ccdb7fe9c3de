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
