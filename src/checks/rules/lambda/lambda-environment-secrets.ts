import { classifyEnvironment } from './environment-variables';
import { FUNCTION, describeFunction } from './lambda-resources';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';

/**
 * Lambda environment variables hold no value that is provably a literal credential. A literal under a
 * secret-like name that is not provably one is WA-LambdaEnvironmentSecretNames (a warning).
 */
export class LambdaEnvironmentSecretsRule extends Rule {
  constructor() {
    super({
      id: 'WA-LambdaEnvironmentSecrets',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 3',
      severity: Severity.ERROR,
      description:
        'Lambda environment variables hold no literal credential: a known key or token format (AWS access key id, private key, GitHub, Slack, Stripe, JWT), a URL with an embedded password, a Secrets Manager dynamic reference (resolved into plain text), or a long random literal under a secret-like name. The template, the console and anyone with lambda:GetFunctionConfiguration can read them.',
      remediation:
        'Keep the secret in AWS Secrets Manager (`secretsmanager.Secret`), pass its ARN or name in the environment, call `secret.grantRead(fn)`, and read it at run time (e.g. with the Parameters and Secrets Lambda extension, `paramsAndSecrets`, or Powertools).',
      resourceTypes: [FUNCTION],
      equivalents: { checkov: ['CKV_AWS_45'] },
    });
  }

  public evaluate(resource: CheckedResource, _context: RuleContext): RuleResult {
    const variables = classifyEnvironment(resource);
    if (variables instanceof RuleResult) {
      return variables;
    }
    const problems = variables.flatMap(({ name, verdict }) =>
      verdict.kind === 'secret' ? [`${name} holds ${verdict.what}`] : [],
    );
    if (problems.length === 0) {
      return RuleResult.compliant();
    }
    return RuleResult.nonCompliant(
      `Function ${describeFunction(resource)} has credentials in its environment (${problems.join('; ')}). Store them in Secrets Manager, pass the secret's ARN instead and call \`secret.grantRead(fn)\`.`,
    );
  }
}
