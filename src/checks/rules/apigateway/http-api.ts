import { CheckedResource } from '../../engine/resource';
import { StackIndex } from '../../engine/stack-index';
import { Values } from '../../engine/values';

/** The protocol of the API an `ApiId` property points at: `HTTP`, `WEBSOCKET`, or undefined if it cannot be told. */
export function apiProtocolOf(resource: CheckedResource, index: StackIndex): string | undefined {
  const api = index.resolveReference(resource.get('ApiId'));
  if (!api || api.resourceType !== 'AWS::ApiGatewayV2::Api' || api.unresolvedReason) {
    return undefined;
  }
  const protocol = api.get('ProtocolType');
  return typeof protocol === 'string' && !Values.isUnknown(protocol) ? protocol : undefined;
}

/** A human-readable name for a v2 stage in messages. */
export function httpStageLabel(resource: CheckedResource): string {
  const name = resource.get('StageName');
  return typeof name === 'string' && !Values.isUnknown(name) ? `Stage '${name}'` : 'Stage';
}
