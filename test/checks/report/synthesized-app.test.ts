import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sarif from 'sarif';
import { sarifSchemaValidator } from './sarif-validator';
import { ReportFormat, WellArchitectedChecks } from '../../../src/checks/engine';
import { writeReports } from '../../../src/checks/report';

/**
 * The reports of a real synth: the engine's CheckReport, the templates CDK actually wrote (not hand-made JSON),
 * and stacks whose template file name differs from the stack name.
 */
describe('reports of a synthesized app', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-synth-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('SARIF results point at the line of each resource in the written template', () => {
    const outdir = path.join(dir, 'cdk.out');
    const app = new App({ outdir });
    const orders = new Stack(app, 'Orders');
    new sqs.Queue(orders, 'Queue');
    // The template file is named after the construct id (`Billing.template.json`), not the stack name.
    const billing = new Stack(app, 'Billing', { stackName: 'billing-prod' });
    new sqs.Queue(billing, 'Queue');
    const checks = WellArchitectedChecks.applyTo(app, { reportFormats: [], failOnError: false });
    app.synth();
    const report = checks.report!;
    expect(report.findings.length).toBeGreaterThan(0);

    const templateFiles = Object.fromEntries(
      [orders, billing].map((stack) => [stack.stackName, path.join(outdir, stack.templateFile)]),
    );
    const [sarifFile, jsonFile] = writeReports(
      report,
      path.join(dir, 'reports'),
      [ReportFormat.SARIF, ReportFormat.JSON],
      {
        templateFiles,
        sourceRoot: dir,
      },
    );
    const log: sarif.Log = JSON.parse(fs.readFileSync(sarifFile, 'utf-8'));
    expect(sarifSchemaValidator()(log)).toBe(true);
    expect(JSON.parse(fs.readFileSync(jsonFile, 'utf-8')).findings).toHaveLength(report.findings.length);

    const results = log.runs[0].results!;
    expect(results).toHaveLength(report.findings.length);
    for (const result of results) {
      const physical = result.locations![0].physicalLocation!;
      const logicalId = result.locations![0].logicalLocations![0].name!;
      const stackName = result.properties!.stackName as string;
      expect(physical.artifactLocation!.uri).toBe(
        stackName === 'billing-prod' ? 'cdk.out/Billing.template.json' : 'cdk.out/Orders.template.json',
      );
      const lines = fs.readFileSync(path.join(dir, physical.artifactLocation!.uri!), 'utf-8').split('\n');
      expect(lines[physical.region!.startLine! - 1].trim()).toBe(`"${logicalId}": {`);
    }
  });
});
