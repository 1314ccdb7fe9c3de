// Values that are literal but for pseudo parameters: `{ Fn::Sub: 'logs.${AWS::Region}.amazonaws.com' }`, the
// `Fn::Join` of strings and `{ Ref: 'AWS::Partition' }` that aws-cdk-lib renders for ARNs and principals.
// Internal: not part of the public API.
import { Values } from '../../engine/values';

/**
 * The pseudo parameters whose value is fixed for a stack's deployment
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html). `AWS::StackName`
 * and `AWS::StackId` are fixed too but name nothing that principals and ARNs read.
 */
const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::Partition', 'AWS::Region', 'AWS::URLSuffix']);

/**
 * The text of a value that is a string, an `Fn::Sub` whose variables are only pseudo parameters (string form, or
 * with an empty variable map), or an `Fn::Join` of strings and `Ref`s to pseudo parameters (nested joins and subs
 * included). Pseudo parameters are written `${AWS::Region}`, as `Fn::Sub` writes them. Undefined for anything
 * else (a parameter, an attribute, a condition, a token): synth cannot tell its text. With `referenceAs`, a `Ref` or
 * `Fn::GetAtt` (or `Fn::Sub` variable) that is not a pseudo parameter is written as that text instead: enough to
 * tell that an ARN names a particular resource.
 */
export function literalWithPseudoParameters(value: any, referenceAs?: string): string | undefined {
  if (typeof value === 'string') {
    return Values.isUnknown(value) ? undefined : value;
  }
  if (!Values.isIntrinsic(value)) {
    return undefined;
  }
  if (typeof value.Ref === 'string' && PSEUDO_PARAMETERS.has(value.Ref)) {
    return `\${${value.Ref}}`;
  }
  if (Values.referencedLogicalId(value) !== undefined) {
    return referenceAs;
  }
  const sub = value['Fn::Sub'];
  if (sub !== undefined) {
    const [template, variables] = Array.isArray(sub) ? sub : [sub, undefined];
    if (typeof template !== 'string' || Values.isUnknown(template)) {
      return undefined;
    }
    if (variables !== undefined && (typeof variables !== 'object' || Object.keys(variables).length > 0)) {
      return undefined;
    }
    // `${!Literal}` is a literal `${Literal}`; any other variable must be a pseudo parameter.
    let text = template;
    for (const match of template.matchAll(/\$\{([^}]*)\}/g)) {
      if (!match[1].startsWith('!') && !PSEUDO_PARAMETERS.has(match[1].trim())) {
        if (referenceAs === undefined) {
          return undefined;
        }
        text = text.replace(match[0], referenceAs);
      }
    }
    return text;
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts: string[] = [];
    for (const part of join[1]) {
      const text = literalWithPseudoParameters(part, referenceAs);
      if (text === undefined) {
        return undefined;
      }
      parts.push(text);
    }
    return parts.join(join[0]);
  }
  return undefined;
}

/**
 * The text of an ARN-like value (literalWithPseudoParameters) with pseudo parameters written without colons
 * (`arn:${Partition}:iam::${AccountId}:root`), so the ARN splits on `:` into its parts.
 */
export function arnWithPseudoParameters(value: any, referenceAs?: string): string | undefined {
  return literalWithPseudoParameters(value, referenceAs)?.replace(/\$\{AWS::([A-Za-z]+)\}/g, '${$1}');
}

/**
 * The service a principal names, without region or partition suffix: `s3.amazonaws.com` -> `s3`,
 * `logs.eu-west-1.amazonaws.com` and `logs.${AWS::Region}.amazonaws.com` -> `logs`,
 * `states.${AWS::Region}.${AWS::URLSuffix}` -> `states`. Undefined for accounts, ARNs, `*` and unknown values.
 */
export function servicePrincipalName(principal: any): string | undefined {
  const text = literalWithPseudoParameters(principal);
  if (text === undefined) {
    return undefined;
  }
  const normalized = text.replace(/\$\{AWS::URLSuffix\}$/, 'amazonaws.com');
  const match = /^([a-z0-9-]+(?:\.(?:[a-z0-9-]+|\$\{AWS::Region\}))*?)\.amazonaws\.com(?:\.cn)?$/.exec(normalized);
  if (!match) {
    return undefined;
  }
  const labels = match[1].split('.');
  // Drop a trailing region label (logs.us-east-1.amazonaws.com, logs.${AWS::Region}.amazonaws.com).
  const last = labels[labels.length - 1];
  if (labels.length > 1 && (last === '${AWS::Region}' || /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(last))) {
    labels.pop();
  }
  return labels.some((l) => l.includes('$')) ? undefined : labels.join('.');
}
