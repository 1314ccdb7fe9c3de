import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** The AWS account that publishes the public Powertools for AWS Lambda (TypeScript) layers. */
const POWERTOOLS_PUBLISHER_ACCOUNT = '094274105915';
const POWERTOOLS_TYPESCRIPT_V2_LAYER = 'AWSLambdaPowertoolsTypeScriptV2';

/**
 * The public Lambda layer of Powertools for AWS Lambda (TypeScript) v2, pinned to one layer version.
 *
 * The layer ARN is built from the stack's partition and region (tokens when the stack is
 * environment-agnostic), so one construct works in every commercial region.
 *
 * @see https://docs.aws.amazon.com/powertools/typescript/latest/getting-started/lambda-layers/
 */
export class PowertoolsLayer {
  /**
   * The layer version this release of the library was built and tested against: the newest
   * `AWSLambdaPowertoolsTypeScriptV2` version listed in the Powertools documentation at release time.
   * It is pinned, not "latest", so that a deployment never changes the code in your function by itself.
   */
  public static readonly DEFAULT_VERSION = 44;

  /** The layer at `DEFAULT_VERSION`. */
  public static defaultVersion(): PowertoolsLayer {
    return PowertoolsLayer.fromVersion(PowertoolsLayer.DEFAULT_VERSION);
  }

  /**
   * The public `AWSLambdaPowertoolsTypeScriptV2` layer at a version of your choice.
   * @param version the layer version number, as listed in the Powertools documentation (a positive integer)
   */
  public static fromVersion(version: number): PowertoolsLayer {
    if (!Token.isUnresolved(version) && (!Number.isInteger(version) || version < 1)) {
      throw new Error(
        `PowertoolsLayer.fromVersion: ${version} is not a layer version; give a positive integer such as ${PowertoolsLayer.DEFAULT_VERSION}.`,
      );
    }
    return new PowertoolsLayer((scope) =>
      Stack.of(scope).formatArn({
        service: 'lambda',
        account: POWERTOOLS_PUBLISHER_ACCOUNT,
        resource: 'layer',
        resourceName: `${POWERTOOLS_TYPESCRIPT_V2_LAYER}:${version}`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
  }

  /**
   * A Powertools layer by its full layer version ARN: for partitions or regions where the layer is
   * published by another account (for example AWS GovCloud), or for a copy you publish yourself.
   */
  public static fromLayerVersionArn(layerVersionArn: string): PowertoolsLayer {
    return new PowertoolsLayer(() => layerVersionArn);
  }

  private constructor(private readonly arnIn: (scope: Construct) => string) {}

  /** The layer version ARN as seen from `scope` (its stack's partition and region). */
  public layerVersionArn(scope: Construct): string {
    return this.arnIn(scope);
  }

  /** Reference this layer in `scope`, for a function's `layers`. */
  public bind(scope: Construct, id: string): lambda.ILayerVersion {
    return lambda.LayerVersion.fromLayerVersionArn(scope, id, this.layerVersionArn(scope));
  }
}
