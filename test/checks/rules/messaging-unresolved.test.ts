import { CheckedResource, Compliance, StackIndex } from '../../../src';
import { cloudWatchRules } from '../../../src/checks/rules/cloudwatch';
import { logsRules } from '../../../src/checks/rules/logs';
import { snsRules } from '../../../src/checks/rules/sns';
import { sqsRules } from '../../../src/checks/rules/sqs';

const rules = [...sqsRules(), ...snsRules(), ...cloudWatchRules(), ...logsRules()];

test.each(rules.map((rule) => [rule.id, rule] as const))(
  '%s answers unknown for a resource whose properties could not be resolved',
  (_id, rule) => {
    for (const resourceType of rule.resourceTypes) {
      const resource = new CheckedResource({
        logicalId: 'Broken',
        resourceType,
        constructPath: 'Stack/Broken',
        stackName: 'Stack',
        unresolvedReason: 'its properties could not be resolved at synth time (test)',
      });
      const result = rule.evaluate(resource, { index: StackIndex.fromResources([resource]) });
      expect(result.compliance).toBe(Compliance.UNKNOWN);
      expect(result.message).toMatch(/could not be resolved/);
    }
  },
);

test.each(rules.map((rule) => [rule.id, rule] as const))('%s never throws on odd property shapes', (_id, rule) => {
  const odd = [null, 'text', 42, [], { Statement: 'x' }, { 'Fn::If': ['C', 1, 2] }];
  for (const resourceType of rule.resourceTypes) {
    for (const value of odd) {
      const properties: any = {};
      for (const key of [
        'RedrivePolicy',
        'KmsMasterKeyId',
        'SqsManagedSseEnabled',
        'PolicyDocument',
        'AlarmActions',
        'ActionsEnabled',
        'Subscription',
        'Protocol',
        'RetentionInDays',
        'KmsKeyId',
        'MetricTransformations',
        'Metrics',
        'Dimensions',
        'QueueName',
        'FifoQueue',
        'MessageRetentionPeriod',
        'RedriveAllowPolicy',
      ]) {
        properties[key] = value;
      }
      const resource = new CheckedResource({
        logicalId: 'Odd',
        resourceType,
        constructPath: 'Stack/Odd',
        stackName: 'Stack',
        properties,
      });
      expect(() => rule.evaluate(resource, { index: StackIndex.fromResources([resource]) })).not.toThrow();
    }
  }
});
