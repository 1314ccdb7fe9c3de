import { FUNCTION, describeFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** Variable names that say the value is a credential. */
const SECRET_NAME = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH_?KEY/i;
/** Names that hold a pointer to a secret (its ARN, name or parameter path), not the secret itself. */
const POINTER_NAME =
  /(_|^)(ARN|NAME|ID|PARAM|PARAMETER|PATH|URL|URI|HEADER|FIELD|TTL|TYPE|REGION|ENDPOINT|EXPIRY|LENGTH|SIZE|COUNT|LIMIT|SECONDS|MINUTES|HOURS|DAYS|ENABLED|MODE|FORMAT|VERSION|PREFIX|TABLE|BUCKET|QUEUE|TOPIC|STREAM|FILE|LOCATION|ALGORITHM|ISSUER|AUDIENCE|SCOPES?)$/i;
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

/** Lambda environment variables hold no literal credentials. */
export class LambdaEnvironmentSecretsRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaEnvironmentSecrets',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 3',
      severity: Severity.ERROR,
      description:
        'Lambda environment variables hold no literal credentials (passwords, tokens, API keys, private keys): the template, the console and anyone with lambda:GetFunctionConfiguration can read them.',
      remediation:
        'Keep the secret in AWS Secrets Manager (`secretsmanager.Secret`), pass its ARN or name in the environment, call `secret.grantRead(fn)`, and read it at run time (e.g. with the Parameters and Secrets Lambda extension or Powertools).',
      resourceTypes: [FUNCTION],
      equivalents: { checkov: ['CKV_AWS_45'] },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    if (resource.unresolvedReason) {
      return RuleResult.unknown(resource.unresolvedReason);
    }
    const variables = resource.get('Environment.Variables');
    if (variables === undefined) {
      return RuleResult.compliant();
    }
    if (Values.isUnknown(variables) || typeof variables !== 'object') {
      return RuleResult.unknown('Environment.Variables cannot be resolved at synth time');
    }
    const problems: string[] = [];
    for (const [name, value] of Object.entries<any>(variables)) {
      // A reference (Ref, GetAtt, Join with a token) is never a literal credential.
      if (typeof value !== 'string' || Values.isUnknown(value)) {
        continue;
      }
      const byValue = SECRET_VALUE.find((s) => s.pattern.test(value));
      if (byValue) {
        problems.push(`${name} holds ${byValue.what}`);
      } else if (SECRET_NAME.test(name) && !POINTER_NAME.test(name) && looksLikeSecretValue(value)) {
        problems.push(`${name} holds a literal value`);
      }
    }
    if (problems.length === 0) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Function ${describeFunction(resource)} has credentials in its environment (${problems.join('; ')}). Store them in Secrets Manager, pass the secret's ARN instead and call \`secret.grantRead(fn)\`.`,
    );
  }
}

/** Flags, numbers, ARNs and parameter paths are configuration, not credentials. */
function looksLikeSecretValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || /^(true|false|yes|no|on|off|none|null)$/i.test(v) || /^\d+$/.test(v)) {
    return false;
  }
  if (v.startsWith('arn:') || v.startsWith('/') || v.startsWith('{{resolve:ssm:')) {
    return false;
  }
  return true;
}
