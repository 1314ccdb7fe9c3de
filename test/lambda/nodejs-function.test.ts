import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { defineConventionalFunction, defineFunctionWithoutHandlerFile } from './fixtures/entry-discovery';
import { PowertoolsLayer, WellArchitectedNodejsFunction, WellArchitectedNodejsFunctionProps } from '../../src/lambda';

const FIXTURES = path.join(__dirname, 'fixtures');
const HANDLER = path.join(FIXTURES, 'handler.ts');

function build(props: WellArchitectedNodejsFunctionProps = {}): {
  app: App;
  stack: Stack;
  fn: WellArchitectedNodejsFunction;
} {
  const app = new App();
  const stack = new Stack(app, 'Orders');
  const fn = new WellArchitectedNodejsFunction(stack, 'Handler', { entry: HANDLER, ...props });
  return { app, stack, fn };
}

function functionProps(stack: Stack): Record<string, any> {
  const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  const key = Object.keys(functions).find((id) => id.startsWith('Handler'))!;
  return functions[key].Properties;
}

/** The directory of the one function asset in the synthesized app. */
function bundleDirectory(app: App): string {
  const assembly = app.synth();
  const assets = fs
    .readdirSync(assembly.directory)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => path.join(assembly.directory, name))
    .filter((dir) => fs.existsSync(path.join(dir, 'index.js')));
  expect(assets).toHaveLength(1);
  return assets[0];
}

describe('WellArchitectedNodejsFunction', () => {
  test('bundles the TypeScript handler locally with esbuild: minified, with a source map', () => {
    const { app } = build();
    const dir = bundleDirectory(app);
    const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(code).toContain('processed orders');
    // Minified: no indentation, and local names are shortened (the source's `orders` variable is gone).
    expect(code).not.toMatch(/\n\s+/);
    expect(code).not.toContain('const orders');
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
    const sourceMap = JSON.parse(fs.readFileSync(path.join(dir, 'index.js.map'), 'utf8'));
    expect(sourceMap.sources.some((source: string) => source.endsWith('fixtures/handler.ts'))).toBe(true);
  });

  test('defaults: newest Node.js runtime, arm64, source maps enabled at run time, plus the WellArchitectedFunction defaults', () => {
    const { stack } = build();
    const props = functionProps(stack);
    expect(props).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      RecursiveLoop: 'Terminate',
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'WARN' },
      Handler: 'index.handler',
    });
    expect(props.Environment.Variables).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'Orders',
      POWERTOOLS_METRICS_NAMESPACE: 'Orders',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    expect(props.Layers).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Alarm', 3);
    expect(JSON.stringify(Template.fromStack(stack).findResources('AWS::IAM::Role'))).not.toContain(
      'ManagedPolicyArns',
    );
  });

  test('the AWS SDK v3 is left out of the bundle', () => {
    const { app } = build({ entry: path.join(FIXTURES, 'sdk-handler.js') });
    const code = fs.readFileSync(path.join(bundleDirectory(app), 'index.js'), 'utf8');
    expect(code).toContain('require("@aws-sdk/client-sqs")');
  });

  test('powertoolsLayer: the pinned public layer for the stack region, and Powertools left out of the bundle', () => {
    const { app, stack } = build({
      entry: path.join(FIXTURES, 'powertools-handler.js'),
      powertoolsLayer: PowertoolsLayer.defaultVersion(),
    });
    expect(functionProps(stack).Layers).toEqual([
      {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':lambda:',
            { Ref: 'AWS::Region' },
            ':094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:44',
          ],
        ],
      },
    ]);
    const code = fs.readFileSync(path.join(bundleDirectory(app), 'index.js'), 'utf8');
    expect(code).toContain('require("@aws-lambda-powertools/logger")');
  });

  test('powertoolsLayer in a stack with a region uses that region; other versions and ARNs can be chosen', () => {
    const app = new App();
    const stack = new Stack(app, 'Orders', { env: { account: '111111111111', region: 'eu-west-1' } });
    new WellArchitectedNodejsFunction(stack, 'Handler', {
      entry: HANDLER,
      powertoolsLayer: PowertoolsLayer.fromVersion(40),
    });
    new WellArchitectedNodejsFunction(stack, 'Gov', {
      entry: HANDLER,
      powertoolsLayer: PowertoolsLayer.fromLayerVersionArn(
        'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:layer:Powertools:3',
      ),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Layers: [
        {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':lambda:eu-west-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:40',
            ],
          ],
        },
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Layers: ['arn:aws-us-gov:lambda:us-gov-west-1:123456789012:layer:Powertools:3'],
    });
  });

  test.each([0, -1, 1.5])('PowertoolsLayer.fromVersion(%s) is rejected', (version) => {
    expect(() => PowertoolsLayer.fromVersion(version)).toThrow(
      /is not a layer version; give a positive integer such as 44/,
    );
  });

  test('bundling and environment keys you set win; Powertools stays external with the layer', () => {
    const { app, stack, fn } = build({
      entry: path.join(FIXTURES, 'powertools-handler.js'),
      bundling: { minify: false, sourceMap: false, externalModules: ['pg-native'] },
      powertoolsLayer: PowertoolsLayer.defaultVersion(),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.X86_64,
    });
    const props = functionProps(stack);
    expect(props.Runtime).toBe('nodejs22.x');
    expect(props.Architectures).toEqual(['x86_64']);
    expect(props.Environment.Variables.NODE_OPTIONS).toBeUndefined();
    expect(fn).toBeInstanceOf(nodejs.NodejsFunction);
    const dir = bundleDirectory(app);
    const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(code).toMatch(/\n\s+/);
    expect(code).toContain('require("@aws-lambda-powertools/logger")');
    expect(fs.existsSync(path.join(dir, 'index.js.map'))).toBe(false);
  });

  test('a NODE_OPTIONS you set wins', () => {
    const { stack } = build({ environment: { NODE_OPTIONS: '--max-old-space-size=512' } });
    expect(functionProps(stack).Environment.Variables.NODE_OPTIONS).toBe('--max-old-space-size=512');
  });

  test('finds <file>.<id>.ts next to the file that defines the function, as NodejsFunction does', () => {
    const app = new App();
    const stack = new Stack(app, 'Orders');
    defineConventionalFunction(stack);
    const code = fs.readFileSync(path.join(bundleDirectory(app), 'index.js'), 'utf8');
    expect(code).toContain('discovered');
  });

  test('a missing conventional handler file is reported with the paths looked at', () => {
    const stack = new Stack(new App(), 'Orders');
    expect(() => defineFunctionWithoutHandlerFile(stack)).toThrow(
      /Cannot find the handler of Missing: none of .*fixtures\/entry-discovery\.Missing\.ts, .* exists\. Create one of them, or set entry/,
    );
  });

  test('code and handler instead of an entry: no bundling and no source map option', () => {
    const { stack } = build({
      entry: undefined,
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      handler: 'index.handler',
    });
    const props = functionProps(stack);
    expect(props.Code).toEqual({ ZipFile: 'exports.handler = async () => 1;' });
    expect(props.Environment.Variables.NODE_OPTIONS).toBeUndefined();
  });

  test('an S3 event source gives it the on-failure queue', () => {
    const { stack, fn } = build();
    fn.addEventSource(
      new sources.S3EventSource(new s3.Bucket(stack, 'Uploads'), { events: [s3.EventType.OBJECT_CREATED] }),
    );
    expect(fn.onFailureQueue).toBeDefined();
    expect(fn.alarms).toHaveLength(5);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  test('validation errors name this construct', () => {
    expect(() => build({ durationAlarmThreshold: 0 })).toThrow(
      /^Invalid WellArchitectedNodejsFunction props at Orders\/Handler:/,
    );
  });
});
