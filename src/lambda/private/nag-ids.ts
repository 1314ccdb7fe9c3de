import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The finding id cdk-nag's IAM5 rule gives a wildcard resource: `AwsSolutions-IAM5[Resource::<flat ARN>]`, where
 * intrinsic functions are flattened as cdk-nag does (`Ref` and `Fn::GetAtt` become `<Name>` and `<Name.Attr>`,
 * `Fn::Join` is joined). Undefined when the resource has no wildcard, so there is nothing to acknowledge.
 */
export function iam5WildcardResourceId(scope: IConstruct, resource: string): string | undefined {
  const flat = flatten(Stack.of(scope).resolve(resource));
  return flat.includes('*') ? `AwsSolutions-IAM5[Resource::${flat}]` : undefined;
}

function flatten(node: unknown): string {
  if (node === undefined) {
    return '';
  }
  if (typeof node === 'string') {
    return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  }
  if (typeof node === 'object' && node !== null) {
    const intrinsic = node as Record<string, any>;
    if (Array.isArray(intrinsic['Fn::Join'])) {
      const [delimiter, items] = intrinsic['Fn::Join'];
      return (items as unknown[]).map(flatten).join(delimiter);
    }
    if ('Fn::Sub' in intrinsic) {
      return flatten(intrinsic['Fn::Sub']);
    }
    if (Array.isArray(intrinsic['Fn::GetAtt'])) {
      const [resource, attribute] = intrinsic['Fn::GetAtt'];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if ('Fn::ImportValue' in intrinsic) {
      return flatten(intrinsic['Fn::ImportValue']);
    }
    if ('Ref' in intrinsic) {
      return `<${flatten(intrinsic.Ref)}>`;
    }
  }
  return JSON.stringify(node);
}
