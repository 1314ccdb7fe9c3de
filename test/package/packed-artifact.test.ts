/**
 * The published artifact works, not only the source tree: pack the library with `npm pack`, install the
 * tarball into a throwaway CDK app outside the repository, and synthesize that app with the real CDK CLI.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const repoRoot = path.resolve(__dirname, '..', '..');
const cdkCli = path.join(repoRoot, 'node_modules', 'aws-cdk', 'bin', 'cdk');

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf-8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true' },
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function installedVersion(packageName: string): string {
  const manifest = path.join(repoRoot, 'node_modules', packageName, 'package.json');
  return JSON.parse(fs.readFileSync(manifest, 'utf-8')).version;
}

/** Compile with jsii when lib/ is missing or older than src/ (a fresh clone has no lib/). */
function ensureCompiled(): void {
  const jsiiAssembly = path.join(repoRoot, '.jsii');
  const fresh =
    fs.existsSync(jsiiAssembly) && fs.statSync(jsiiAssembly).mtimeMs >= newestMtime(path.join(repoRoot, 'src'));
  if (!fresh) {
    run('npx', ['jsii', '--silence-warnings=reserved-word'], repoRoot);
  }
}

describe('the npm tarball', () => {
  let workDir: string;

  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-wa-packed-'));
  });

  afterAll(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  test('installs into a fresh CDK app and synthesizes with the real CLI', () => {
    ensureCompiled();
    const packOutput = run('npm', ['pack', '--json', '--pack-destination', workDir], repoRoot);
    const [{ filename, files }] = JSON.parse(packOutput.slice(packOutput.indexOf('[')));
    const packedPaths: string[] = files.map((f: { path: string }) => f.path);

    // What users get: compiled code, typings and the jsii assembly; not our sources of development.
    expect(packedPaths).toEqual(
      expect.arrayContaining(['lib/index.js', 'lib/index.d.ts', '.jsii', 'README.md', 'LICENSE']),
    );
    expect(
      packedPaths.filter((p) => p.startsWith('test/') || p.startsWith('examples/') || p.startsWith('.ci/')),
    ).toEqual([]);

    const appDir = path.join(workDir, 'app');
    fs.mkdirSync(appDir);
    const cdkLibVersion = installedVersion('aws-cdk-lib');
    const constructsVersion = installedVersion('constructs');
    fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true }));
    run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        path.join(workDir, filename),
        `aws-cdk-lib@${cdkLibVersion}`,
        `constructs@${constructsVersion}`,
      ],
      appDir,
    );
    fs.copyFileSync(path.join(__dirname, 'consumer-app.js'), path.join(appDir, 'app.js'));
    fs.writeFileSync(path.join(appDir, 'cdk.json'), JSON.stringify({ app: 'node app.js', 'cli-telemetry': false }));

    run(process.execPath, [cdkCli, 'synth', '--quiet', '--output', 'cdk.out'], appDir);

    const template = JSON.parse(fs.readFileSync(path.join(appDir, 'cdk.out', 'ConsumerStack.template.json'), 'utf-8'));
    const types = Object.values<{ Type: string }>(template.Resources).map((r) => r.Type);
    expect(types).toEqual(expect.arrayContaining(['AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::CloudWatch::Alarm']));
    // The checks ran inside the consumer's synth and wrote their report into its cloud assembly.
    const report = JSON.parse(fs.readFileSync(path.join(appDir, 'cdk.out', 'well-architected-report.json'), 'utf-8'));
    expect(
      report.findings.some((f: { constructPath: string }) => f.constructPath === 'ConsumerStack/Plain/Resource'),
    ).toBe(true);
    expect(
      report.findings.filter(
        (f: { constructPath: string; severity: string }) =>
          f.constructPath.startsWith('ConsumerStack/Orders/') && f.severity !== 'info',
      ),
    ).toEqual([]);

    // The package's bin checks the same assembly from the command line.
    const cli = path.join(appDir, 'node_modules', '.bin', 'cdk-well-architected');
    const text = run(cli, ['check', 'cdk.out'], appDir);
    expect(text).toMatch(/1 template\(s\), \d+ resources, \d+ rules/);
    // The consumer resolved the library from its own node_modules, not from this repository.
    const resolved = run(process.execPath, ['-p', "require.resolve('cdk-well-architected')"], appDir).trim();
    expect(resolved.startsWith(appDir)).toBe(true);
  });
});
