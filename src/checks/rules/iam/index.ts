import { IamAdministratorAccessRule } from './iam-administrator-access';
import { IamWildcardActionsRule } from './iam-wildcard-actions';
import { IamWildcardResourcesRule } from './iam-wildcard-resources';
import { Rule } from '../../engine/rule';

/** The IAM rules, one a file in this folder. */
export function iamRules(): Rule[] {
  return [new IamAdministratorAccessRule(), new IamWildcardActionsRule(), new IamWildcardResourcesRule()];
}
