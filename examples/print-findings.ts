/**
 * Prints the findings of the last synth, read from the JSON report the checks wrote into the cloud assembly.
 * `cdk synth` already printed each finding at its construct; this is the summary a person reads last.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderText } from '../src/cli/text';

const reportFile = path.join(process.argv[2] ?? 'cdk.out', 'well-architected-report.json');
if (!fs.existsSync(reportFile)) {
  process.stderr.write(`${reportFile} not found: did the synth run with WellArchitectedChecks?\n`);
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(reportFile, 'utf-8'));
process.stdout.write(`\nWell-architected findings (${path.relative(process.cwd(), reportFile)}):\n\n`);
process.stdout.write(`${renderText(report)}\n`);
for (const acknowledged of report.findings.filter((f: { acknowledged: boolean }) => f.acknowledged)) {
  process.stdout.write(
    `ACKNOWLEDGED ${acknowledged.ruleId} ${acknowledged.constructPath}: ${acknowledged.acknowledgedReason}\n`,
  );
}
process.stdout.write(
  `\nReports: ${['json', 'sarif', 'md'].map((ext) => path.join(path.dirname(reportFile), `well-architected-report.${ext}`)).join(', ')}\n`,
);
