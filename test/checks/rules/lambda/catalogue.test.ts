import { CheckedResource, Compliance, StackIndex } from '../../../../src';
import { lambdaRules } from '../../../../src/checks/rules/lambda';
import * as ruleClasses from '../../../../src/checks/rules/lambda/rules';

// The rule ids and the metadata of every rule are pinned for the whole catalogue in ../all-rules.test.ts.

test('rules.ts exports a class for every rule of the catalogue', () => {
  const exported = Object.values(ruleClasses).filter((value) => typeof value === 'function');
  const catalogued = lambdaRules().map((r) => r.constructor);
  expect(new Set(catalogued)).toEqual(new Set(exported));
});

test.each(lambdaRules().map((r) => [r.id, r]))(
  '%s answers unknown for a resource that could not be resolved',
  (_id, rule) => {
    const resource = new CheckedResource({
      logicalId: 'Broken',
      resourceType: rule.resourceTypes[0],
      constructPath: 'TestStack/Broken',
      stackName: 'TestStack',
      unresolvedReason: 'its properties could not be resolved at synth time',
    });
    const result = rule.evaluate(resource, { index: StackIndex.fromResources([resource]) });
    expect(result.compliance).toBe(Compliance.UNKNOWN);
  },
);

/** Property shapes a hand-written template may hold where a rule expects something else. */
const ODD_VALUES: any[] = [
  null,
  'text',
  42,
  true,
  [],
  [null],
  {},
  { Ref: 'Missing' },
  { 'Fn::GetAtt': ['Missing', 'Arn'] },
];

test.each(lambdaRules().map((r) => [r.id, r]))('%s never throws on odd property values', (_id, rule) => {
  const properties = [
    'FunctionName',
    'Role',
    'Runtime',
    'PackageType',
    'MemorySize',
    'Timeout',
    'TracingConfig',
    'LoggingConfig',
    'Environment',
    'Architectures',
    'ReservedConcurrentExecutions',
    'DeadLetterConfig',
    'Principal',
    'SourceArn',
    'AuthType',
    'Cors',
    'EventSourceArn',
    'BatchSize',
    'FunctionResponseTypes',
    'ScalingConfig',
    'MaximumBatchingWindowInSeconds',
    'DestinationConfig',
    'MaximumRetryAttempts',
    'ProvisionedConcurrencyConfig',
  ];
  for (const odd of ODD_VALUES) {
    for (const type of rule.resourceTypes) {
      const props: any = {};
      for (const p of properties) {
        props[p] = odd;
      }
      const resource = new CheckedResource({
        logicalId: 'Odd',
        resourceType: type,
        constructPath: 'S/Odd',
        stackName: 'S',
        properties: props,
      });
      const role = new CheckedResource({
        logicalId: 'Role',
        resourceType: 'AWS::IAM::Role',
        constructPath: 'S/Role',
        stackName: 'S',
        properties: {
          Policies: [
            odd,
            { PolicyDocument: { Statement: odd } },
            { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: odd, Resource: odd }] } },
          ],
        },
      });
      const withRole = new CheckedResource({
        logicalId: 'Fn',
        resourceType: type,
        constructPath: 'S/Fn',
        stackName: 'S',
        properties: { ...props, Role: { 'Fn::GetAtt': ['Role', 'Arn'] } },
      });
      const index = StackIndex.fromResources([resource, role, withRole]);
      expect(() => rule.evaluate(resource, { index })).not.toThrow();
      expect(() => rule.evaluate(withRole, { index })).not.toThrow();
    }
  }
});
