/**
 * Regenerates RULES.md from the rule catalogue, so the documentation cannot drift from the code.
 *
 *   npx ts-node --project tsconfig.dev.json scripts/generate-rules-md.ts          # write RULES.md
 *   npx ts-node --project tsconfig.dev.json scripts/generate-rules-md.ts --check  # exit 1 if RULES.md is stale
 *
 * The output depends only on the rules' metadata (no dates, no versions), so rebuilding an unchanged
 * catalogue leaves the file byte-identical and CI can fail on `git diff --exit-code RULES.md`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderRulesMarkdown } from '../src/checks/report/rules-markdown';
import { WellArchitectedRules } from '../src/checks/rules';

const target = path.join(__dirname, '..', 'RULES.md');
const expected = renderRulesMarkdown(WellArchitectedRules.all());

if (process.argv.includes('--check')) {
  const actual = fs.existsSync(target) ? fs.readFileSync(target, 'utf-8') : '';
  if (actual !== expected) {
    console.error(`${path.relative(process.cwd(), target)} is stale: run scripts/generate-rules-md.ts and commit it.`);
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, expected, 'utf-8');
  console.log(`Wrote ${path.relative(process.cwd(), target)} (${WellArchitectedRules.all().length} rules).`);
}
