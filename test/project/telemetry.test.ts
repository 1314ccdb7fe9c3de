import * as fs from 'fs';
import * as path from 'path';

// The CDK CLI sends telemetry to a public AWS endpoint on every command unless it is disabled, either by the
// environment variable CDK_DISABLE_CLI_TELEMETRY=true or by "cli-telemetry": false in the app's cdk.json.
// Everything this project runs with the real CLI must disable it.
const repoRoot = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf-8');

describe('CDK CLI telemetry is disabled everywhere the project runs the CLI', () => {
  test("the example app's cdk.json keeps cli-telemetry false", () => {
    expect(JSON.parse(read('examples/cdk.json'))['cli-telemetry']).toBe(false);
  });

  test('the example task sets CDK_DISABLE_CLI_TELEMETRY', () => {
    const tasks = JSON.parse(read('.projen/tasks.json')).tasks;
    expect(tasks.example.env).toMatchObject({ CDK_DISABLE_CLI_TELEMETRY: 'true' });
  });

  test('CI exports CDK_DISABLE_CLI_TELEMETRY before any step', () => {
    const ci = read('.ci/run');
    const exportLine = ci.indexOf('export CDK_DISABLE_CLI_TELEMETRY=true');
    expect(exportLine).toBeGreaterThan(-1);
    expect(exportLine).toBeLessThan(ci.indexOf('step "install"'));
  });

  test('every test that starts the real CLI disables telemetry in its environment and its cdk.json', () => {
    const testRoot = path.join(repoRoot, 'test');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) files.push(full);
      }
    };
    walk(testRoot);
    const startingTheCli = files.filter((file) => /'aws-cdk', 'bin', 'cdk'/.test(fs.readFileSync(file, 'utf-8')));
    expect(startingTheCli.length).toBeGreaterThan(0);
    for (const file of startingTheCli) {
      const source = fs.readFileSync(file, 'utf-8');
      expect({ file, env: /CDK_DISABLE_CLI_TELEMETRY: 'true'/.test(source) }).toEqual({ file, env: true });
      expect({ file, cdkJson: /'cli-telemetry': false/.test(source) }).toEqual({ file, cdkJson: true });
    }
  });
});
