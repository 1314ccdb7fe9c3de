/*
 * The Lambda numbers of the library, declared once: the constructs, WellArchitectedDefaults (src/remediation) and the
 * rules read them from here (as aws-solutions-constructs keeps core/lib/lambda-defaults.ts). Plain numbers, no
 * tokens: the rules import this module too. Not part of the public API.
 */

/**
 * Lambda stops a function after 3 seconds when `Timeout` is absent.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
 */
export const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
