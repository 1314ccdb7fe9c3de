// The encoding of iam-actions.generated.ts, shared by the script that writes it (scripts/generate-iam-data.ts)
// and the module that reads it (iam-actions.ts). Internal: not part of the public API.

/** The access levels of the Service Authorization Reference (Tagging and Permissions management are also Write). */
export type IamAccessLevel = 'Read' | 'List' | 'Write' | 'Tagging' | 'Permissions management';

/** The flag of an action that supports resource-level permissions (lists a resource type), by access level. */
export const ACCESS_LEVEL_FLAGS: Readonly<Record<IamAccessLevel, string>> = {
  Read: '.',
  List: ',',
  Write: ';',
  Tagging: ':',
  'Permissions management': '!',
};

/** The flag of an action that lists no resource type, so it only supports `Resource: "*"`, by access level. */
export const WILDCARD_ONLY_FLAGS: Readonly<Record<IamAccessLevel, string>> = {
  Read: '~',
  List: '^',
  Write: '=',
  Tagging: '+',
  'Permissions management': '%',
};

/** The digits of the shared-prefix length: 0-9, a-z, A-Z. */
export const SHARED_DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
