import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as sarif from 'sarif';
import { sampleReport } from './fixtures';
import { sarifSchemaValidator } from './sarif-validator';
import { ReportFormat } from '../../../src/checks/engine';
import { renderJson, renderMarkdown, REPORT_FILE_NAMES, writeReports } from '../../../src/checks/report';

describe('writeReports', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-reports-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('writes the three files and returns their paths in the order asked', () => {
    const out = path.join(dir, 'nested', 'reports');
    const written = writeReports(sampleReport(), out, [ReportFormat.MARKDOWN, ReportFormat.JSON, ReportFormat.SARIF]);
    expect(written).toEqual([
      path.join(out, 'well-architected-report.md'),
      path.join(out, 'well-architected-report.json'),
      path.join(out, 'well-architected-report.sarif'),
    ]);
    expect(fs.readFileSync(written[0], 'utf-8')).toBe(renderMarkdown(sampleReport()));
    expect(fs.readFileSync(written[1], 'utf-8')).toBe(renderJson(sampleReport()));
    const log = JSON.parse(fs.readFileSync(written[2], 'utf-8'));
    expect(sarifSchemaValidator()(log)).toBe(true);
  });

  test('writes only the formats asked for, each once', () => {
    const written = writeReports(sampleReport(), dir, [ReportFormat.JSON, ReportFormat.JSON]);
    expect(written).toEqual([path.join(dir, REPORT_FILE_NAMES[ReportFormat.JSON])]);
    expect(fs.readdirSync(dir)).toEqual(['well-architected-report.json']);
  });

  test('writes nothing for no formats', () => {
    expect(writeReports(sampleReport(), dir, [])).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('an unknown format fails before any file is written, naming the valid ones', () => {
    expect(() => writeReports(sampleReport(), dir, [ReportFormat.JSON, 'html' as ReportFormat])).toThrow(
      "Unknown report format 'html': use one of 'json', 'sarif', 'markdown'.",
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('points SARIF results at template files relative to the source root, with the resource line', () => {
    const assembly = path.join(dir, 'cdk.out');
    fs.mkdirSync(assembly);
    const template = {
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders' } },
        Handler: { Type: 'AWS::Lambda::Function', Properties: {} },
      },
    };
    // CDK writes templates with one-space indentation.
    fs.writeFileSync(path.join(assembly, 'Orders.template.json'), JSON.stringify(template, undefined, 1));
    const [file] = writeReports(sampleReport(), path.join(dir, 'reports'), [ReportFormat.SARIF], {
      templateFiles: {
        Orders: path.join(assembly, 'Orders.template.json'),
        Billing: path.join(assembly, 'assembly-Prod', 'Billing.template.json'),
      },
      sourceRoot: dir,
    });
    const log: sarif.Log = JSON.parse(fs.readFileSync(file, 'utf-8'));
    const results = log.runs[0].results!;
    const queue = results.find(
      (r) => r.locations![0].logicalLocations![0].fullyQualifiedName === 'Orders/Queue/Resource',
    )!;
    expect(queue.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'cdk.out/Orders.template.json' },
      region: { startLine: 3 },
    });
    const handler = results.find(
      (r) => r.locations![0].logicalLocations![0].fullyQualifiedName === 'Orders/Handler/Resource',
    )!;
    expect(handler.locations![0].physicalLocation!.region).toEqual({ startLine: 9 });
    // A template that cannot be read (not written yet) still gives the file; the line falls back to 1.
    const billing = results.find((r) => r.properties!.stackName === 'Billing')!;
    expect(billing.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'cdk.out/assembly-Prod/Billing.template.json' },
      region: { startLine: 1 },
    });
    expect(sarifSchemaValidator()(log)).toBe(true);
  });
});
