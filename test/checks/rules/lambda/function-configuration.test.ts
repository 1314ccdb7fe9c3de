import { App, CfnParameter, Duration, Fn, Stack, Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { l1Function, l2Function, newStack } from './fixtures';
import { Compliance } from '../../../../src';
import { LambdaArm64Rule } from '../../../../src/checks/rules/lambda/lambda-arm64';
import { LambdaLargeMemoryRule } from '../../../../src/checks/rules/lambda/lambda-large-memory';
import { LambdaMemorySizeRule } from '../../../../src/checks/rules/lambda/lambda-memory-size';
import { LambdaReservedConcurrencyZeroRule } from '../../../../src/checks/rules/lambda/lambda-reserved-concurrency';
import { LambdaRuntimeSupportRule } from '../../../../src/checks/rules/lambda/lambda-runtime-support';
import { LambdaStructuredLoggingRule } from '../../../../src/checks/rules/lambda/lambda-structured-logging';
import { LambdaTimeoutRule } from '../../../../src/checks/rules/lambda/lambda-timeout';
import { LambdaTracingRule } from '../../../../src/checks/rules/lambda/lambda-tracing';
import { complianceOf, evaluateRule, findings } from '../../rule-harness';

describe('WA-LambdaTracing', () => {
  const rule = new LambdaTracingRule();

  test('L2 function with Tracing.ACTIVE is compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', { tracing: lambda.Tracing.ACTIVE });
    expect(complianceOf(rule, stack, 'Fn')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function without tracing is non-compliant, and the message names the prop', () => {
    const stack = newStack();
    l2Function(stack, 'Fn');
    const found = findings(rule, stack);
    expect(found).toHaveLength(1);
    expect(found[0].result.message).toMatch(/TracingConfig.Mode is not set.*tracing: lambda.Tracing.ACTIVE/);
  });

  test('L2 function with Tracing.PASS_THROUGH is non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', { tracing: lambda.Tracing.PASS_THROUGH });
    expect(findings(rule, stack)[0].result.message).toMatch(/'PassThrough'/);
  });

  test('L1 functions: Active compliant, absent non-compliant', () => {
    const stack = newStack();
    l1Function(stack, 'Traced', { tracingConfig: { mode: 'Active' } });
    l1Function(stack, 'Untraced');
    expect(complianceOf(rule, stack, 'Traced')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Untraced')).toBe(Compliance.NON_COMPLIANT);
  });

  test('a parameter or Fn::If for the mode is unknown', () => {
    const stack = newStack();
    const mode = new CfnParameter(stack, 'Mode');
    l1Function(stack, 'Param', { tracingConfig: { mode: mode.valueAsString } });
    l1Function(stack, 'Cond', {
      tracingConfig: { mode: Fn.conditionIf('IsProd', 'Active', 'PassThrough').toString() },
    });
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaStructuredLogging', () => {
  const rule = new LambdaStructuredLoggingRule();

  test('L2 function with JSON format and an application log level is compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', {
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    });
    expect(complianceOf(rule, stack, 'Fn')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function with the default text format is non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn');
    expect(findings(rule, stack)[0].result.message).toMatch(
      /plain-text logs.*loggingFormat: lambda.LoggingFormat.JSON/,
    );
  });

  test('L2 function with JSON but no level is non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', { loggingFormat: lambda.LoggingFormat.JSON });
    expect(findings(rule, stack)[0].result.message).toMatch(
      /application log level to the service default.*applicationLogLevelV2/,
    );
  });

  test('L1 functions', () => {
    const stack = newStack();
    l1Function(stack, 'Json', { loggingConfig: { logFormat: 'JSON', applicationLogLevel: 'WARN' } });
    l1Function(stack, 'Text', { loggingConfig: { logFormat: 'Text' } });
    expect(complianceOf(rule, stack, 'Json')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Text')).toBe(Compliance.NON_COMPLIANT);
  });

  test('a parameter for the format is unknown', () => {
    const stack = newStack();
    const format = new CfnParameter(stack, 'Format');
    l1Function(stack, 'Param', { loggingConfig: { logFormat: format.valueAsString, applicationLogLevel: 'INFO' } });
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaMemorySize and WA-LambdaTimeout', () => {
  const memory = new LambdaMemorySizeRule();
  const timeout = new LambdaTimeoutRule();

  test('L2 function with memorySize and timeout is compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', { memorySize: 512, timeout: Duration.seconds(10) });
    expect(complianceOf(memory, stack, 'Fn')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(timeout, stack, 'Fn')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function on the defaults is non-compliant for both', () => {
    const stack = newStack();
    l2Function(stack, 'Fn');
    expect(findings(memory, stack)[0].result.message).toMatch(/default 128 MB.*memorySize/);
    expect(findings(timeout, stack)[0].result.message).toMatch(/default 3-second timeout.*timeout/);
  });

  test('L1 functions', () => {
    const stack = newStack();
    l1Function(stack, 'Set', { memorySize: 1024, timeout: 30 });
    l1Function(stack, 'Unset');
    expect(complianceOf(memory, stack, 'Set')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(timeout, stack, 'Set')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(memory, stack, 'Unset')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(timeout, stack, 'Unset')).toBe(Compliance.NON_COMPLIANT);
  });

  test('parameters are unknown', () => {
    const stack = newStack();
    const size = new CfnParameter(stack, 'Size', { type: 'Number' });
    l1Function(stack, 'Param', { memorySize: size.valueAsNumber, timeout: size.valueAsNumber });
    expect(complianceOf(memory, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(timeout, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaArm64', () => {
  const rule = new LambdaArm64Rule();

  test('L2 function on ARM_64 is compliant, on the default x86_64 non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Arm', { architecture: lambda.Architecture.ARM_64 });
    l2Function(stack, 'X86');
    expect(complianceOf(rule, stack, 'Arm')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'X86')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/x86_64 \(the default\).*Architecture.ARM_64/);
  });

  test('L1 functions', () => {
    const stack = newStack();
    l1Function(stack, 'Arm', { architectures: ['arm64'] });
    l1Function(stack, 'X86', { architectures: ['x86_64'] });
    expect(complianceOf(rule, stack, 'Arm')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'X86')).toBe(Compliance.NON_COMPLIANT);
  });

  test('Fn::If for the architecture is unknown', () => {
    const stack = newStack();
    l1Function(stack, 'Cond', { architectures: [Fn.conditionIf('Graviton', 'arm64', 'x86_64').toString()] });
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaArm64 and Lambda@Edge (x86_64 only)', () => {
  const rule = new LambdaArm64Rule();
  const origin = () => new origins.HttpOrigin('example.com');

  test('a function whose version a Distribution associates (edgeLambdas) is not told to move to arm64', () => {
    const stack = newStack();
    const edge = l2Function(stack, 'Edge');
    l2Function(stack, 'Regional');
    new cloudfront.Distribution(stack, 'Cdn', {
      defaultBehavior: {
        origin: origin(),
        edgeLambdas: [
          { functionVersion: edge.currentVersion, eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST },
        ],
      },
    });
    expect(complianceOf(rule, stack, 'Edge/Resource')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Regional/Resource')).toBe(Compliance.NON_COMPLIANT);
  });

  test('experimental.EdgeFunction, in us-east-1 or replicated from another region, is not told to move to arm64', () => {
    const app = new App();
    const east = new Stack(app, 'East', { env: { account: '123456789012', region: 'us-east-1' } });
    new cloudfront.experimental.EdgeFunction(east, 'InRegion', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    const west = new Stack(app, 'West', { env: { account: '123456789012', region: 'eu-west-1' } });
    new cloudfront.experimental.EdgeFunction(west, 'CrossRegion', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    const edgeStack = app.node.children.find((c) => c.node.id.startsWith('edge-lambda-stack')) as Stack;
    expect(complianceOf(rule, east, 'InRegion')).toBe(Compliance.NOT_APPLICABLE);
    const replicated = evaluateRule(rule, edgeStack).filter((o) => o.constructPath.includes('CrossRegion'));
    expect(replicated.map((o) => o.result.compliance)).toEqual([Compliance.NOT_APPLICABLE]);
    expect(replicated[0].result.message).toMatch(/Lambda@Edge supports x86_64 only/);
  });

  test('L1 distribution naming a function by literal ARN in a cache behavior', () => {
    const stack = newStack();
    l1Function(stack, 'Named', { functionName: 'edge-auth' });
    new cloudfront.CfnDistribution(stack, 'Cdn', {
      distributionConfig: {
        enabled: true,
        defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'allow-all' },
        cacheBehaviors: [
          {
            pathPattern: '/api/*',
            targetOriginId: 'o',
            viewerProtocolPolicy: 'https-only',
            lambdaFunctionAssociations: [
              {
                eventType: 'viewer-request',
                lambdaFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:edge-auth:3',
              },
            ],
          },
        ],
      },
    });
    expect(complianceOf(rule, stack, 'Named')).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('WA-LambdaLargeMemory', () => {
  const rule = new LambdaLargeMemoryRule();

  test('L2: 3008 MB is compliant, 4096 MB non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Small', { memorySize: 3008 });
    l2Function(stack, 'Large', { memorySize: 4096 });
    expect(complianceOf(rule, stack, 'Small')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Large')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/4096 MB.*Power Tuning/);
  });

  test('L1: unset compliant, 10240 MB non-compliant, parameter unknown', () => {
    const stack = newStack();
    const size = new CfnParameter(stack, 'Size', { type: 'Number' });
    l1Function(stack, 'Unset');
    l1Function(stack, 'Max', { memorySize: 10240 });
    l1Function(stack, 'Param', { memorySize: size.valueAsNumber });
    expect(complianceOf(rule, stack, 'Unset')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Max')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaReservedConcurrencyZero', () => {
  const rule = new LambdaReservedConcurrencyZeroRule();

  test('L2: reserved 10 or none is compliant, 0 non-compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Ten', { reservedConcurrentExecutions: 10 });
    l2Function(stack, 'None');
    l2Function(stack, 'Zero', { reservedConcurrentExecutions: 0 });
    expect(complianceOf(rule, stack, 'Ten')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'None')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Zero')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/reservedConcurrentExecutions 0/);
  });

  test('L1: 0 non-compliant, parameter unknown', () => {
    const stack = newStack();
    const reserved = new CfnParameter(stack, 'Reserved', { type: 'Number' });
    l1Function(stack, 'Zero', { reservedConcurrentExecutions: 0 });
    l1Function(stack, 'Param', { reservedConcurrentExecutions: reserved.valueAsNumber });
    expect(complianceOf(rule, stack, 'Zero')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LambdaRuntimeSupport', () => {
  const at = (date: string) => new LambdaRuntimeSupportRule({ evaluationDate: new Date(`${date}T12:00:00Z`) });

  test('L2 function on a supported runtime far from deprecation is compliant', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X });
    expect(complianceOf(at('2026-01-01'), stack, 'Fn')).toBe(Compliance.COMPLIANT);
  });

  test('L2 function on a deprecated runtime is non-compliant and names the successor', () => {
    const stack = newStack();
    l2Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_18_X });
    const found = findings(at('2026-01-01'), stack);
    expect(found).toHaveLength(1);
    expect(found[0].result.message).toMatch(/nodejs18.x, deprecated on 2025-09-01.*nodejs24.x/);
  });

  test('a runtime within the warning window is non-compliant, outside it compliant', () => {
    const stack = newStack();
    l1Function(stack, 'Fn', { runtime: 'python3.12' });
    // python3.12 is deprecated on 2028-10-31.
    expect(complianceOf(at('2028-06-01'), stack, 'Fn')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(at('2028-06-01'), stack)[0].result.message).toMatch(/deprecates on 2028-10-31 \(in 152 days\)/);
    expect(complianceOf(at('2027-06-01'), stack, 'Fn')).toBe(Compliance.COMPLIANT);
    const shortWindow = new LambdaRuntimeSupportRule({ evaluationDate: new Date('2028-06-01'), warningDays: 30 });
    expect(complianceOf(shortWindow, stack, 'Fn')).toBe(Compliance.COMPLIANT);
  });

  test('L1 runtimes missing from the table (newer) are compliant; container images are not applicable', () => {
    const stack = newStack();
    l1Function(stack, 'New', { runtime: 'python3.14' });
    new lambda.CfnFunction(stack, 'Image', {
      packageType: 'Image',
      role: 'arn:aws:iam::123456789012:role/r',
      code: { imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:latest' },
    });
    expect(complianceOf(at('2026-01-01'), stack, 'New')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(at('2026-01-01'), stack, 'Image')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('a parameter or token for the runtime is unknown', () => {
    const stack = newStack();
    const runtime = new CfnParameter(stack, 'Runtime');
    l1Function(stack, 'Param', { runtime: runtime.valueAsString });
    l1Function(stack, 'Token', { runtime: Token.asString({ 'Fn::ImportValue': 'RuntimeExport' }) });
    expect(complianceOf(at('2026-01-01'), stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(at('2026-01-01'), stack, 'Token')).toBe(Compliance.UNKNOWN);
  });

  test('a negative warning window is rejected at construction with the value and the fix', () => {
    expect(() => new LambdaRuntimeSupportRule({ warningDays: -1 })).toThrow(
      /warningDays is -1; use a number of days of 0 or more/,
    );
  });
});
