import { FUNCTION, describeFunction, edgeFunctionReason, skipFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * Lambda functions run on arm64 (AWS Graviton): lower price per GB-second and less energy per invocation.
 * Lambda@Edge functions are not asked to: Lambda@Edge does not support the arm64 architecture
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html#lambda-at-edge-restrictions-features).
 */
export class LambdaArm64Rule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaArm64',
      pillar: Pillar.COST_OPTIMIZATION,
      lensQuestion: 'COST 1',
      severity: Severity.INFO,
      description:
        'Lambda functions run on the arm64 architecture (AWS Graviton), which costs about 20% less per GB-second than x86_64 and uses less energy, for most interpreted and portable code. Lambda@Edge functions (associated with a CloudFront distribution, or created by `experimental.EdgeFunction`) are skipped: Lambda@Edge supports x86_64 only.',
      remediation:
        'Set `architecture: lambda.Architecture.ARM_64` on the Function (or use `WellArchitectedFunction`) once native dependencies are built for arm64; acknowledge the finding where a dependency is x86-only.',
      resourceTypes: [FUNCTION],
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const skip = skipFunction(resource);
    if (skip) {
      return skip;
    }
    const edge = edgeFunctionReason(resource, context.index);
    if (edge !== undefined) {
      return RuleResult.notApplicable(`a Lambda@Edge function (${edge}): Lambda@Edge supports x86_64 only`);
    }
    const architectures = resource.get('Architectures');
    if (Values.containsUnknown(architectures)) {
      return RuleResult.unknown('Architectures cannot be resolved at synth time');
    }
    const list = Values.asList(architectures) ?? [];
    if (list.includes('arm64')) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Function ${describeFunction(resource)} runs on x86_64${architectures === undefined ? ' (the default)' : ''}. Set \`architecture: lambda.Architecture.ARM_64\` for Graviton price-performance.`,
    );
  }
}
