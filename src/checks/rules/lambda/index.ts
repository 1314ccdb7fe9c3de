import { LambdaArm64Rule } from './lambda-arm64';
import { LambdaEnvironmentSecretsRule } from './lambda-environment-secrets';
import { LambdaLargeMemoryRule } from './lambda-large-memory';
import { LambdaMemorySizeRule } from './lambda-memory-size';
import { LambdaPermissionPublicRule } from './lambda-permission-public';
import { LambdaPermissionSourceScopeRule } from './lambda-permission-source-scope';
import { LambdaReservedConcurrencyZeroRule } from './lambda-reserved-concurrency';
import { LambdaRuntimeSupportRule } from './lambda-runtime-support';
import { LambdaStructuredLoggingRule } from './lambda-structured-logging';
import { LambdaTimeoutRule } from './lambda-timeout';
import { LambdaTracingRule } from './lambda-tracing';
import { LambdaUrlAuthRule } from './lambda-url-auth';
import { LambdaUrlCorsRule } from './lambda-url-cors';
import { Rule } from '../../engine/rule';

/** The lambda rules, one a file in this folder. */
export function lambdaRules(): Rule[] {
  return [
    new LambdaTracingRule(),
    new LambdaStructuredLoggingRule(),
    new LambdaMemorySizeRule(),
    new LambdaTimeoutRule(),
    new LambdaArm64Rule(),
    new LambdaLargeMemoryRule(),
    new LambdaReservedConcurrencyZeroRule(),
    new LambdaRuntimeSupportRule(),
    new LambdaEnvironmentSecretsRule(),
    new LambdaUrlAuthRule(),
    new LambdaUrlCorsRule(),
    new LambdaPermissionSourceScopeRule(),
    new LambdaPermissionPublicRule(),
  ];
}
