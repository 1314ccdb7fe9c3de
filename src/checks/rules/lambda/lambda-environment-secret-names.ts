import { classifyEnvironment } from './environment-variables';
import { FUNCTION, describeFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * A Lambda environment variable with a secret-like name (`DB_PASSWORD`, `API_KEY`, `CLIENT_SECRET`) holds a
 * reference to the secret, not a literal. A warning: the literal may be a placeholder or a name; a value that is
 * provably a credential is WA-LambdaEnvironmentSecrets (an error).
 */
export class LambdaEnvironmentSecretNamesRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaEnvironmentSecretNames',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 3',
      severity: Severity.WARNING,
      description:
        'A Lambda environment variable whose name ends in a secret (PASSWORD, SECRET, TOKEN, API_KEY, ...) holds a pointer to the secret (an ARN, a parameter path, a reference), not a literal that may be the secret itself. Variables of the AWS Parameters and Secrets extension, flags, numbers, ARNs, paths and URLs without credentials are not flagged.',
      remediation:
        "Keep the secret in AWS Secrets Manager or SSM Parameter Store, pass the secret's ARN or the parameter name (e.g. `DB_PASSWORD_SECRET_ARN: secret.secretArn`), call `secret.grantRead(fn)` and read it at run time.",
      resourceTypes: [FUNCTION],
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    const variables = classifyEnvironment(resource);
    if (variables instanceof RuleResult) {
      return variables;
    }
    const suspects = variables.filter(({ verdict }) => verdict.kind === 'suspect').map(({ name }) => name);
    if (suspects.length === 0) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Function ${describeFunction(resource)} has literal values under secret-like names (${suspects.join(', ')}). If they are secrets, store them in Secrets Manager, pass the secret's ARN instead and call \`secret.grantRead(fn)\`; otherwise rename the variables.`,
    );
  }
}
