import * as fs from 'fs';
import * as path from 'path';

/** `<name>@<version>` of this package, read from its package.json. */
export function packageIdentity(): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf-8'));
    return `${manifest.name}@${manifest.version}`;
  } catch {
    return 'cdk-well-architected';
  }
}
