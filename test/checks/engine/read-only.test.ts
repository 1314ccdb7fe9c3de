import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * Adding the checks must not change what an app deploys. aws-cdk-lib derives some ids from token strings (a Lambda
 * permission from `grantInvoke` with a conditioned principal), and a token string holds the global token counter:
 * a library that created a token when it is loaded or when the aspect is added would shift every such id, and the
 * first deploy after adding the checks would replace those resources. Each case runs in its own process, so in the
 * `bare` case the library is truly never loaded.
 */
const FIXTURE = path.join(__dirname, 'fixtures', 'token-derived-ids.ts');

function templates(mode: 'bare' | 'with-checks' | 'extra-token'): Record<string, any> {
  const output = execFileSync(process.execPath, ['-r', 'ts-node/register', FIXTURE, mode], {
    cwd: path.join(__dirname, '..', '..', '..'),
    encoding: 'utf-8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: 'tsconfig.dev.json' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output);
}

describe('read-only: the checks create no token', () => {
  jest.setTimeout(180_000);

  let bare: Record<string, any>;
  beforeAll(() => {
    bare = templates('bare');
  });

  test('the fixture is sensitive: one token more before the app changes the permission id', () => {
    const shifted = templates('extra-token');
    const permissionIds = (t: Record<string, any>) =>
      Object.entries<any>(t.Service.Resources)
        .filter(([, r]) => r.Type === 'AWS::Lambda::Permission')
        .map(([id]) => id);
    expect(permissionIds(bare)).toHaveLength(1);
    expect(permissionIds(shifted)).not.toEqual(permissionIds(bare));
  });

  test('importing the library and applying the checks leaves every template byte-identical', () => {
    const checked = templates('with-checks');
    expect(Object.keys(checked)).toEqual(Object.keys(bare));
    for (const name of Object.keys(bare)) {
      expect(JSON.stringify(checked[name])).toEqual(JSON.stringify(bare[name]));
    }
  });
});
