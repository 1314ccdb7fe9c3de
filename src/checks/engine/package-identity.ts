import * as fs from 'fs';
import * as path from 'path';
import { CheckReport, ReportFormat } from './report-model';

/**
 * Interim writer until `src/checks/report` exports `writeReports`: the JSON report only.
 * Same signature and file name, so the switch is a one-line import change.
 */
export function writeReports(report: CheckReport, directory: string, formats: ReportFormat[]): string[] {
  if (!formats.includes(ReportFormat.JSON)) {
    return [];
  }
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, 'well-architected-report.json');
  fs.writeFileSync(file, JSON.stringify(report, undefined, 2) + '\n', 'utf-8');
  return [file];
}

/** `<name>@<version>` of this package, read from its package.json. */
export function packageIdentity(): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf-8'));
    return `${manifest.name}@${manifest.version}`;
  } catch {
    return 'cdk-well-architected';
  }
}
