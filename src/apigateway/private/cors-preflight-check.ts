import { Annotations, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

const ROUTE_TYPE = 'AWS::ApiGatewayV2::Route';

/**
 * Warns on each authorized `ANY` or `$default` route of an HTTP API with CORS: API Gateway answers preflight
 * requests itself only when no route matches `OPTIONS`, and an `ANY` route does, so the browser's preflight
 * (which carries no credentials) is refused and the real request is never sent.
 */
export class CorsPreflightCheck implements IAspect {
  private optionsRouteKeys?: Set<string>;

  constructor(
    private readonly api: IConstruct,
    private readonly warningId: string,
  ) {}

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType !== ROUTE_TYPE) {
      return;
    }
    const stack = Stack.of(node);
    const routeKey = stack.resolve((node as any).routeKey);
    const authorizationType = stack.resolve((node as any).authorizationType);
    if (typeof routeKey !== 'string' || typeof authorizationType !== 'string' || authorizationType === 'NONE') {
      return;
    }
    const path = routeKey === '$default' ? '/{proxy+}' : routeKey.startsWith('ANY ') ? routeKey.slice(4) : undefined;
    if (path === undefined || this.openOptionsRoutes(stack).has(`OPTIONS ${path}`)) {
      return;
    }
    Annotations.of(node.node.scope ?? node).addWarningV2(
      this.warningId,
      `Route '${routeKey}' requires ${authorizationType} authorization and also matches CORS preflight (OPTIONS) ` +
        'requests, which browsers send without credentials, so preflight fails. List the methods you serve instead ' +
        `of ANY (addRoutes({ methods: [...] })), or add an 'OPTIONS ${path}' route with authorizer: new HttpNoneAuthorizer().`,
    );
  }

  /** The `OPTIONS` routes of the API that need no authorization. */
  private openOptionsRoutes(stack: Stack): Set<string> {
    if (!this.optionsRouteKeys) {
      this.optionsRouteKeys = new Set();
      for (const construct of this.api.node.findAll()) {
        if (CfnResource.isCfnResource(construct) && construct.cfnResourceType === ROUTE_TYPE) {
          const routeKey = stack.resolve((construct as any).routeKey);
          const authorizationType = stack.resolve((construct as any).authorizationType);
          if (typeof routeKey === 'string' && routeKey.startsWith('OPTIONS ') && authorizationType === 'NONE') {
            this.optionsRouteKeys.add(routeKey);
          }
        }
      }
    }
    return this.optionsRouteKeys;
  }
}
