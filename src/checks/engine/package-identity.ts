import * as fs from 'fs';
import * as path from 'path';

let identity: string | undefined;

/** `<name>@<version>` of this package, read from its package.json once. */
export function packageIdentity(): string {
  if (identity === undefined) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf-8'));
      identity = `${manifest.name}@${manifest.version}`;
    } catch {
      identity = 'cdk-well-architected';
    }
  }
  return identity;
}
