import * as fs from 'fs';
import * as path from 'path';
import { renderJson } from './json-report';
import { renderMarkdown } from './markdown-report';
import { renderSarif } from './sarif-report';
import { locateTemplates } from './template-locations';
import { CheckReport, ReportFormat } from '../engine/report-model';

export { renderJson, buildJsonReport, JSON_REPORT_SCHEMA_VERSION } from './json-report';
export { renderSarif, buildSarifLog, SARIF_TOOL_NAME, FINGERPRINT_KEY } from './sarif-report';
export { renderMarkdown } from './markdown-report';
export { renderRulesMarkdown } from './rules-markdown';
export { findResourceLines, locateTemplates } from './template-locations';
export { summarize } from './summary';
export type { SarifOptions } from './sarif-report';
export type { TemplateLocation } from './template-locations';
export type { ReportSummary, PillarCounts } from './summary';

/** The file each format is written to, in the report directory. */
export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  [ReportFormat.JSON]: 'well-architected-report.json',
  [ReportFormat.SARIF]: 'well-architected-report.sarif',
  [ReportFormat.MARKDOWN]: 'well-architected-report.md',
};

/** Options for `writeReports`. */
export interface WriteReportsOptions {
  /**
   * The template file of each stack, by stack name (absolute, or relative to the working directory), e.g.
   * `{ MyStack: 'cdk.out/MyStack.template.json' }`. The SARIF results then point at the template and at the
   * line of the resource, which GitHub code scanning needs to show an alert on a file. Read once, here.
   * @default - SARIF results carry only the construct path
   */
  readonly templateFiles?: Readonly<Record<string, string>>;
  /**
   * The directory SARIF URIs are relative to: where `upload-sarif` runs, the repository root.
   * @default process.cwd()
   */
  readonly sourceRoot?: string;
}

function render(report: CheckReport, format: ReportFormat, options: WriteReportsOptions): string {
  switch (format) {
    case ReportFormat.JSON:
      return renderJson(report);
    case ReportFormat.SARIF:
      return renderSarif(report, {
        templates: options.templateFiles
          ? locateTemplates(options.templateFiles, options.sourceRoot ?? process.cwd())
          : undefined,
      });
    case ReportFormat.MARKDOWN:
      return renderMarkdown(report);
    default:
      throw new Error(
        `Unknown report format '${format}': use one of ${Object.values(ReportFormat)
          .map((f) => `'${f}'`)
          .join(', ')}.`,
      );
  }
}

/**
 * Write the report in each format to `directory` (created if missing), as `well-architected-report.json`,
 * `.sarif` and `.md`. A format listed twice is written once. Returns the paths written, in the order given.
 */
export function writeReports(
  report: CheckReport,
  directory: string,
  formats: ReportFormat[],
  options: WriteReportsOptions = {},
): string[] {
  const unique = [...new Set(formats)];
  // Render everything first: an unknown format fails before any file is touched.
  const contents = unique.map((format) => ({ format, text: render(report, format, options) }));
  fs.mkdirSync(directory, { recursive: true });
  return contents.map(({ format, text }) => {
    const file = path.join(directory, REPORT_FILE_NAMES[format]);
    fs.writeFileSync(file, text, 'utf-8');
    return file;
  });
}
