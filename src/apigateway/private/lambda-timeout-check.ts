import { Annotations, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { functionOutlivesIntegration, invokesAsynchronously } from '../../service-defaults/apigateway';
import { LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../../service-defaults/lambda';

/** How many alias/version hops to follow from an integration to its function. */
const MAX_REFERENCE_DEPTH = 4;

/** What the check needs to know about the API type it watches. */
export interface LambdaTimeoutCheckOptions {
  /** The annotation id, e.g. `cdk-well-architected:WellArchitectedRestApi.lambdaTimeout`. */
  readonly warningId: string;
  /** The CloudFormation type whose integration is checked. */
  readonly integrationResourceType: 'AWS::ApiGateway::Method' | 'AWS::ApiGatewayV2::Integration';
  /** API Gateway's integration timeout when the template gives none: 29 s for REST, 30 s for HTTP APIs. */
  readonly defaultIntegrationTimeoutSeconds: number;
  /** A sentence on whether and how the integration can wait longer, in CDK terms. */
  readonly integrationTimeoutHint: string;
}

interface IntegrationTarget {
  readonly uri: unknown;
  readonly timeoutInMillis: unknown;
  /** The integration's request parameters (REST), where an asynchronous invocation is declared. */
  readonly requestParameters?: unknown;
}

/**
 * Warns on each synchronous Lambda integration whose function can run as long as the integration waits or longer: API Gateway then
 * answers 504 while the function keeps running (and billing), and a retrying client doubles the work.
 *
 * An aspect, not a constructor check, because methods and routes are added after the API is constructed.
 * Functions it cannot read (imported, in another stack, a token timeout) are skipped.
 */
export class LambdaTimeoutCheck implements IAspect {
  private readonly resourcesByLogicalId = new WeakMap<Stack, Map<string, CfnResource>>();

  constructor(private readonly options: LambdaTimeoutCheckOptions) {}

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType !== this.options.integrationResourceType) {
      return;
    }
    const stack = Stack.of(node);
    const target = this.integrationTarget(node, stack);
    if (!target || invokesAsynchronously(target.requestParameters) !== false) {
      return;
    }
    const integrationTimeoutMillis = target.timeoutInMillis ?? this.options.defaultIntegrationTimeoutSeconds * 1000;
    if (typeof integrationTimeoutMillis !== 'number') {
      return;
    }
    const lambdaFunction = this.findFunction(stack, target.uri, 0);
    if (!lambdaFunction) {
      return;
    }
    const functionTimeout = stack.resolve((lambdaFunction as any).timeout) ?? LAMBDA_DEFAULT_TIMEOUT_SECONDS;
    if (
      typeof functionTimeout !== 'number' ||
      !functionOutlivesIntegration(functionTimeout, integrationTimeoutMillis)
    ) {
      return;
    }
    const integrationSeconds = integrationTimeoutMillis / 1000;
    const integrationOrigin = target.timeoutInMillis === undefined ? ' (the API Gateway default)' : ' (its `timeout`)';
    // Name the function construct the user created (the L2), not its CfnFunction child.
    const functionConstruct =
      lambdaFunction.node.id === 'Resource' && lambdaFunction.node.scope ? lambdaFunction.node.scope : lambdaFunction;
    Annotations.of(node.node.scope ?? node).addWarningV2(
      this.options.warningId,
      `The Lambda function ${functionConstruct.node.path} times out after ${functionTimeout} s, but this integration ` +
        `times out after ${integrationSeconds} s${integrationOrigin}: clients get a 504 while the function keeps ` +
        `running and billing. Set the function's timeout below ${integrationSeconds} s (the integration's clock includes ` +
        `the invoke and any cold start). ` +
        this.options.integrationTimeoutHint,
    );
  }

  private integrationTarget(node: CfnResource, stack: Stack): IntegrationTarget | undefined {
    if (this.options.integrationResourceType === 'AWS::ApiGateway::Method') {
      const integration = stack.resolve((node as any).integration);
      if (!integration || !isLambdaIntegrationType(integration.type)) {
        return undefined;
      }
      return {
        uri: integration.uri,
        timeoutInMillis: integration.timeoutInMillis,
        requestParameters: integration.requestParameters,
      };
    }
    if (!isLambdaIntegrationType(stack.resolve((node as any).integrationType))) {
      return undefined;
    }
    return {
      uri: stack.resolve((node as any).integrationUri),
      timeoutInMillis: stack.resolve((node as any).timeoutInMillis),
    };
  }

  /** The `AWS::Lambda::Function` of this stack that `value` refers to, through aliases and versions. */
  private findFunction(stack: Stack, value: unknown, depth: number): CfnResource | undefined {
    if (depth > MAX_REFERENCE_DEPTH) {
      return undefined;
    }
    const resources = this.resourcesOf(stack);
    for (const logicalId of referencedLogicalIds(value)) {
      const resource = resources.get(logicalId);
      if (!resource) {
        continue;
      }
      if (resource.cfnResourceType === 'AWS::Lambda::Function') {
        return resource;
      }
      if (resource.cfnResourceType === 'AWS::Lambda::Alias' || resource.cfnResourceType === 'AWS::Lambda::Version') {
        const found = this.findFunction(stack, stack.resolve((resource as any).functionName), depth + 1);
        if (found) {
          return found;
        }
      }
    }
    return undefined;
  }

  private resourcesOf(stack: Stack): Map<string, CfnResource> {
    let resources = this.resourcesByLogicalId.get(stack);
    if (!resources) {
      resources = new Map();
      for (const construct of stack.node.findAll()) {
        if (CfnResource.isCfnResource(construct) && Stack.of(construct) === stack) {
          const logicalId = stack.resolve(construct.logicalId);
          if (typeof logicalId === 'string') {
            resources.set(logicalId, construct);
          }
        }
      }
      this.resourcesByLogicalId.set(stack, resources);
    }
    return resources;
  }
}

function isLambdaIntegrationType(integrationType: unknown): boolean {
  return integrationType === 'AWS_PROXY' || integrationType === 'AWS';
}

/** The logical ids a resolved CloudFormation value refers to with `Ref` or `Fn::GetAtt`. */
function referencedLogicalIds(value: unknown): string[] {
  const ids: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v !== null && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      if (typeof obj.Ref === 'string') {
        ids.push(obj.Ref);
      }
      const getAtt = obj['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
        ids.push(getAtt[0]);
      }
      Object.values(obj).forEach(visit);
    }
  };
  visit(value);
  return ids;
}
