import { LambdaArm64Rule } from './lambda-arm64';
import { LambdaAsyncFailureDestinationRule } from './lambda-async-failure-destination';
import { LambdaAsyncInvokeConfigRule } from './lambda-async-invoke-config';
import { LambdaDurationAlarmRule } from './lambda-duration-alarm';
import { LambdaEnvironmentSecretNamesRule } from './lambda-environment-secret-names';
import { LambdaEnvironmentSecretsRule } from './lambda-environment-secrets';
import { LambdaErrorsAlarmRule } from './lambda-errors-alarm';
import { LambdaLargeMemoryRule } from './lambda-large-memory';
import { LambdaLogRetentionRule } from './lambda-log-retention';
import { LambdaMemorySizeRule } from './lambda-memory-size';
import { LambdaPermissionPublicRule } from './lambda-permission-public';
import { LambdaPermissionSourceScopeRule } from './lambda-permission-source-scope';
import { LambdaProvisionedConcurrencyScalingRule } from './lambda-provisioned-concurrency-scaling';
import { LambdaReservedConcurrencyZeroRule } from './lambda-reserved-concurrency';
import { LambdaRoleWildcardActionsRule } from './lambda-role-wildcard-actions';
import { LambdaRoleWildcardResourcesRule } from './lambda-role-wildcard-resources';
import { LambdaRuntimeSupportRule } from './lambda-runtime-support';
import { LambdaSingleInvokingServiceRule } from './lambda-single-invoking-service';
import { LambdaSqsBatchingWindowRule } from './lambda-sqs-batching-window';
import { LambdaSqsMaxConcurrencyRule } from './lambda-sqs-max-concurrency';
import { LambdaSqsReportBatchItemFailuresRule } from './lambda-sqs-report-batch-item-failures';
import { LambdaSqsVisibilityBelowTimeoutRule } from './lambda-sqs-visibility-below-timeout';
import { LambdaSqsVisibilityTimeoutRule } from './lambda-sqs-visibility-timeout';
import { LambdaStreamFailureDestinationRule } from './lambda-stream-failure-destination';
import { LambdaStreamRetryLimitsRule } from './lambda-stream-retry-limits';
import { LambdaStructuredLoggingRule } from './lambda-structured-logging';
import { LambdaThrottlesAlarmRule } from './lambda-throttles-alarm';
import { LambdaTimeoutRule } from './lambda-timeout';
import { LambdaTracingRule } from './lambda-tracing';
import { LambdaUrlAuthRule } from './lambda-url-auth';
import { LambdaUrlCorsRule } from './lambda-url-cors';
import { Rule } from '../../engine/rule';

/** The lambda rules, one a file in this folder. */
export function lambdaRules(): Rule[] {
  return [
    // Operational excellence
    new LambdaTracingRule(),
    new LambdaStructuredLoggingRule(),
    new LambdaErrorsAlarmRule(),
    new LambdaThrottlesAlarmRule(),
    new LambdaDurationAlarmRule(),
    new LambdaRuntimeSupportRule(),
    // Security
    new LambdaRoleWildcardActionsRule(),
    new LambdaRoleWildcardResourcesRule(),
    new LambdaPermissionSourceScopeRule(),
    new LambdaPermissionPublicRule(),
    new LambdaSingleInvokingServiceRule(),
    new LambdaEnvironmentSecretsRule(),
    new LambdaEnvironmentSecretNamesRule(),
    new LambdaUrlAuthRule(),
    new LambdaUrlCorsRule(),
    // Reliability
    new LambdaAsyncFailureDestinationRule(),
    new LambdaAsyncInvokeConfigRule(),
    new LambdaStreamFailureDestinationRule(),
    new LambdaStreamRetryLimitsRule(),
    new LambdaSqsReportBatchItemFailuresRule(),
    new LambdaSqsMaxConcurrencyRule(),
    new LambdaSqsVisibilityTimeoutRule(),
    new LambdaSqsVisibilityBelowTimeoutRule(),
    new LambdaReservedConcurrencyZeroRule(),
    // Performance efficiency
    new LambdaMemorySizeRule(),
    new LambdaTimeoutRule(),
    new LambdaSqsBatchingWindowRule(),
    // Cost optimization
    new LambdaLogRetentionRule(),
    new LambdaArm64Rule(),
    new LambdaLargeMemoryRule(),
    new LambdaProvisionedConcurrencyScalingRule(),
  ];
}
