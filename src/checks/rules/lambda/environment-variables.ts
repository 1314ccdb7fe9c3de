// Which Lambda environment variables hold credentials. Shared by WA-LambdaEnvironmentSecrets (provable literal
// secrets, error) and WA-LambdaEnvironmentSecretNames (a literal under a secret-like name, warning). Internal.
import { CheckedResource } from '../../engine/resource';
import { RuleResult } from '../../engine/rule';
import { Values } from '../../engine/values';

/**
 * The variables that the AWS Parameters and Secrets Lambda Extension reads for its own configuration (cache,
 * port, timeouts, log level): the extension is the recommended way to read secrets, and these hold none.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-secrets-manager.html and
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-integration-lambda-extensions.html
 */
const EXTENSION_VARIABLES: ReadonlySet<string> = new Set([
  'PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED',
  'PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE',
  'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT',
  'PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL',
  'PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS',
  'SECRETS_MANAGER_TIMEOUT_MILLIS',
  'SECRETS_MANAGER_TTL',
  'SSM_PARAMETER_STORE_TIMEOUT_MILLIS',
  'SSM_PARAMETER_STORE_TTL',
]);

/** The last word of a secret-like name: `DB_PASSWORD`, `clientSecret`, `GITHUB_TOKEN`. */
const SECRET_NOUNS: ReadonlySet<string> = new Set([
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'CREDENTIAL',
  'CREDENTIALS',
  'APIKEY',
  'PRIVATEKEY',
  'ACCESSKEY',
]);
/** `KEY` is a secret only after one of these (`API_KEY`, `SECRET_ACCESS_KEY`), not in `PARTITION_KEY`. */
const SECRET_KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'API',
  'PRIVATE',
  'ACCESS',
  'SECRET',
  'SIGNING',
  'AUTH',
  'CLIENT',
  'ENCRYPTION',
  'MASTER',
  'LICENSE',
]);

/** Values that are credentials whatever the variable is called. */
const SECRET_VALUE: { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/, what: 'a GitHub token' },
  { pattern: /\bxox[abprs]-[0-9A-Za-z-]{10,}/, what: 'a Slack token' },
  { pattern: /\b[sr]k_live_[0-9A-Za-z]{20,}/, what: 'a Stripe live key' },
  { pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, what: 'a JSON Web Token' },
  {
    pattern: /\{\{resolve:(secretsmanager|ssm-secure):/,
    what: 'a dynamic reference that CloudFormation resolves into plain text',
  },
];

/** `scheme://user:password@host`, with a password that is not a placeholder. */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^/\s@]+)@/i;

/** What a variable holds. */
export type VariableVerdict =
  /** Provably a literal credential: a known key format, a URL with a password, or a long random string under a secret-like name. */
  | { readonly kind: 'secret'; readonly what: string }
  /** A literal under a secret-like name that is not provably a credential (it may be a placeholder or a name). */
  | { readonly kind: 'suspect' }
  | { readonly kind: 'clean' };

/** Classify one environment variable. References, parameters and other intrinsics are never credentials here. */
export function classifyVariable(name: string, value: any): VariableVerdict {
  if (typeof value !== 'string' || Values.isUnknown(value) || EXTENSION_VARIABLES.has(name)) {
    return { kind: 'clean' };
  }
  const byValue = SECRET_VALUE.find((s) => s.pattern.test(value));
  if (byValue) {
    return { kind: 'secret', what: byValue.what };
  }
  const url = URL_WITH_CREDENTIALS.exec(value.trim());
  if (url && !isPlaceholder(url[1])) {
    return { kind: 'secret', what: 'a URL with an embedded password' };
  }
  if (!hasSecretName(name) || !isLiteralSecretCandidate(value)) {
    return { kind: 'clean' };
  }
  return isHighEntropy(value.trim()) ? { kind: 'secret', what: 'a long random literal' } : { kind: 'suspect' };
}

/** The verdicts of every variable of a function, or the result to return when they cannot be read. */
export function classifyEnvironment(
  fn: CheckedResource,
): RuleResult | { readonly name: string; readonly verdict: VariableVerdict }[] {
  if (fn.unresolvedReason) {
    return RuleResult.unknown(fn.unresolvedReason);
  }
  const variables = fn.get('Environment.Variables');
  if (variables === undefined) {
    return [];
  }
  if (Values.isUnknown(variables) || typeof variables !== 'object') {
    return RuleResult.unknown('Environment.Variables cannot be resolved at synth time');
  }
  return Object.entries<any>(variables).map(([name, value]) => ({ name, verdict: classifyVariable(name, value) }));
}

/** Split `DB_PASSWORD`, `db-password`, `dbPassword` and `DBPassword` into upper-case words. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * A name is secret-like when its last word is the secret itself (`DB_PASSWORD`, `CLIENT_SECRET`, `API_KEY`);
 * `PASSWORD_POLICY`, `SECRET_ARN`, `TOKEN_TTL_SECONDS` or `IDEMPOTENCY_TOKEN_TABLE` name something else.
 */
function hasSecretName(name: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (last === undefined) {
    return false;
  }
  if (SECRET_NOUNS.has(last)) {
    return true;
  }
  return last === 'KEY' && words.length > 1 && SECRET_KEY_QUALIFIERS.has(words[words.length - 2]);
}

/**
 * Flags, numbers, ARNs, parameter paths, SSM references, URLs without credentials and placeholders are
 * configuration or pointers to a secret, not the secret.
 */
function isLiteralSecretCandidate(value: string): boolean {
  const v = value.trim();
  if (v === '' || /^(true|false|yes|no|on|off|none|null|undefined)$/i.test(v) || /^-?\d+(\.\d+)?$/.test(v)) {
    return false;
  }
  if (v.startsWith('arn:') || v.startsWith('/') || v.startsWith('{{resolve:ssm:')) {
    return false;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    return false;
  }
  return !isPlaceholder(v);
}

function isPlaceholder(value: string): boolean {
  return /^\$\{[^}]*\}$|^<[^>]*>$|^\*+$|^x+$/i.test(value);
}

/**
 * A long string with no spaces, several character classes and high Shannon entropy: what generated keys and
 * passwords look like, and what words and names (`correct-horse`, `prod-db`) do not.
 */
function isHighEntropy(value: string): boolean {
  if (/\s/.test(value)) {
    return false;
  }
  if (/^[0-9a-f]{32,}$/i.test(value)) {
    return true;
  }
  if (value.length < 20) {
    return false;
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(value)).length;
  return classes >= 3 && entropyBitsPerChar(value) >= 3.5;
}

function entropyBitsPerChar(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
