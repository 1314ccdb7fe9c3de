import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Compliance } from '../../../src';
import { logsRules } from '../../../src/checks/rules/logs';
import { LogsEncryptedRule } from '../../../src/checks/rules/logs/encrypted';
import { LogsKmsKeyAccessRule } from '../../../src/checks/rules/logs/kms-key-access';
import { LogsMetricFilterAlarmRule } from '../../../src/checks/rules/logs/metric-filter-alarm';
import { LogsRetentionRule } from '../../../src/checks/rules/logs/retention';
import { complianceOf, evaluateRule, findings } from '../rule-harness';

let stack: Stack;
beforeEach(() => {
  stack = new Stack(new App(), 'Stack');
});

test('the logs catalogue has stable ids', () => {
  expect(logsRules().map((r) => r.id)).toEqual([
    'WA-LogsRetention',
    'WA-LogsEncrypted',
    'WA-LogsKmsKeyAccess',
    'WA-LogsMetricFilterAlarm',
  ]);
});

describe('WA-LogsRetention', () => {
  const rule = new LogsRetentionRule();

  test('L2: the default (two years) is compliant; INFINITE is non-compliant', () => {
    new logs.LogGroup(stack, 'Default');
    new logs.LogGroup(stack, 'Forever', { retention: logs.RetentionDays.INFINITE });
    expect(complianceOf(rule, stack, 'Default')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Forever')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Log group 'Forever' keeps its logs forever.*RetentionDays.ONE_MONTH/,
    );
  });

  test('L1: a CfnLogGroup without retention is non-compliant, with one compliant; a parameter or Fn::If is unknown', () => {
    new logs.CfnLogGroup(stack, 'Bare');
    new logs.CfnLogGroup(stack, 'Week', { retentionInDays: 7 });
    const days = new CfnParameter(stack, 'Days', { type: 'Number' });
    new logs.CfnLogGroup(stack, 'Param', { retentionInDays: days.valueAsNumber });
    new logs.CfnLogGroup(stack, 'Cond', { retentionInDays: Fn.conditionIf('C', 7, 30) as any });
    expect(complianceOf(rule, stack, 'Bare')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Week')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LogsEncrypted', () => {
  const rule = new LogsEncryptedRule();

  test('L2: a log group with an encryption key is compliant; without, non-compliant (info)', () => {
    new logs.LogGroup(stack, 'Keyed', { encryptionKey: new kms.Key(stack, 'Key') });
    new logs.LogGroup(stack, 'Plain');
    expect(complianceOf(rule, stack, 'Keyed')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Plain')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/Log group 'Plain' .*encryptionKey/);
  });

  test('L1: a literal key ARN is compliant; a parameter is unknown', () => {
    new logs.CfnLogGroup(stack, 'Literal', { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc' });
    const key = new CfnParameter(stack, 'Key', { type: 'String' });
    new logs.CfnLogGroup(stack, 'Param', { kmsKeyId: key.valueAsString });
    expect(complianceOf(rule, stack, 'Literal')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LogsKmsKeyAccess', () => {
  const rule = new LogsKmsKeyAccessRule();

  test('L2: a key without the logs grant is non-compliant (LogGroup does not add it)', () => {
    new logs.LogGroup(stack, 'Group', { encryptionKey: new kms.Key(stack, 'Key') });
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Log group 'Group' is encrypted with key 'Key', whose policy does not let the regional CloudWatch Logs service principal \(logs.<region>.amazonaws.com\) use it/,
    );
  });

  test('L2: a key granting the regional logs principal is compliant; no key is not applicable', () => {
    const key = new kms.Key(stack, 'Key');
    key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`));
    new logs.LogGroup(stack, 'Group', { encryptionKey: key });
    new logs.LogGroup(stack, 'Plain');
    expect(complianceOf(rule, stack, 'Group')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Plain')).toBe(Compliance.NOT_APPLICABLE);
  });

  test('L1: a CfnKey whose policy grants logs.eu-west-1.amazonaws.com kms:* is compliant in a stack of that region; granting only Decrypt is not', () => {
    const regional = new Stack(new App(), 'Regional', { env: { region: 'eu-west-1' } });
    const policy = (actions: string[]) => ({
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'logs.eu-west-1.amazonaws.com' }, Action: actions, Resource: '*' },
      ],
    });
    const full = new kms.CfnKey(regional, 'Full', { keyPolicy: policy(['kms:*']) });
    const partial = new kms.CfnKey(regional, 'Partial', { keyPolicy: policy(['kms:Decrypt*']) });
    new logs.CfnLogGroup(regional, 'WithFull', { kmsKeyId: full.attrArn });
    new logs.CfnLogGroup(regional, 'WithPartial', { kmsKeyId: partial.attrArn });
    expect(complianceOf(rule, regional, 'WithFull')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, regional, 'WithPartial')).toBe(Compliance.NON_COMPLIANT);

    // In an environment-agnostic stack the region is decided at deploy time: a literal region may not be it.
    const agnostic = new kms.CfnKey(stack, 'Full', { keyPolicy: policy(['kms:*']) });
    new logs.CfnLogGroup(stack, 'Agnostic', { kmsKeyId: agnostic.attrArn });
    expect(complianceOf(rule, stack, 'Agnostic')).toBe(Compliance.UNKNOWN);
  });

  test('the encryption context condition AWS documents is decided: this log group is compliant, another one is not', () => {
    const keyFor = (id: string, logGroupName: any) =>
      new kms.CfnKey(stack, id, {
        keyPolicy: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
              Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
              Resource: '*',
              Condition: {
                ArnLike: {
                  'kms:EncryptionContext:aws:logs:arn': Fn.sub(
                    'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:' + logGroupName,
                  ),
                },
              },
            },
          ],
        },
      });
    new logs.CfnLogGroup(stack, 'Mine', { logGroupName: '/app/orders', kmsKeyId: keyFor('MineKey', '/app/*').attrArn });
    new logs.CfnLogGroup(stack, 'Theirs', { logGroupName: '/other/x', kmsKeyId: keyFor('TheirKey', '/app/*').attrArn });
    expect(complianceOf(rule, stack, 'Mine')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Theirs')).toBe(Compliance.NON_COMPLIANT);
  });

  test('an imported key or a key policy behind Fn::If is unknown', () => {
    new logs.LogGroup(stack, 'Imported', {
      encryptionKey: kms.Key.fromKeyArn(stack, 'ImportedKey', 'arn:aws:kms:us-east-1:123456789012:key/abc'),
    });
    const cond = new kms.CfnKey(stack, 'CondKey', {
      keyPolicy: Fn.conditionIf('C', { Statement: [] }, { Statement: [] }),
    });
    new logs.CfnLogGroup(stack, 'Cond', { kmsKeyId: cond.attrArn });
    expect(complianceOf(rule, stack, 'Imported/')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Stack/Cond')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-LogsEncrypted and WA-LogsKmsKeyAccess agree on the regional logs principal', () => {
  const access = new LogsKmsKeyAccessRule();

  test('a key granting the global logs.amazonaws.com is non-compliant: the key policy needs logs.<region>.amazonaws.com', () => {
    const key = new kms.Key(stack, 'Key');
    key.grantEncryptDecrypt(new iam.ServicePrincipal('logs.amazonaws.com'));
    new logs.LogGroup(stack, 'Group', { encryptionKey: key });
    expect(findings(access, stack)[0].result.message).toMatch(
      /regional CloudWatch Logs service principal \(logs.<region>/,
    );
  });

  test('the regional principal built with Fn::Sub or Fn::Join over AWS::Region is compliant', () => {
    const policy = (service: any) => ({
      Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'kms:*', Resource: '*' }],
    });
    const sub = new kms.CfnKey(stack, 'SubKey', { keyPolicy: policy(Fn.sub('logs.${AWS::Region}.amazonaws.com')) });
    const join = new kms.CfnKey(stack, 'JoinKey', {
      keyPolicy: policy(Fn.join('', ['logs.', Fn.ref('AWS::Region'), '.amazonaws.com'])),
    });
    new logs.CfnLogGroup(stack, 'WithSub', { kmsKeyId: sub.attrArn });
    new logs.CfnLogGroup(stack, 'WithJoin', { kmsKeyId: join.attrArn });
    expect(complianceOf(access, stack, 'WithSub')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(access, stack, 'WithJoin')).toBe(Compliance.COMPLIANT);
  });

  test("WA-LogsEncrypted's advice names the regional principal that WA-LogsKmsKeyAccess accepts", () => {
    const remediation = new LogsEncryptedRule().remediation;
    expect(remediation).toContain("new iam.ServicePrincipal('logs.' + this.region + '.amazonaws.com')");
    expect(remediation).not.toContain("'logs.amazonaws.com'");
    // Following the advice in a stack whose region is known (the literal it resolves to) satisfies the access rule.
    const regional = new Stack(new App(), 'InRegion', { env: { region: 'eu-west-1' } });
    const key = new kms.Key(regional, 'Key');
    key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${regional.region}.amazonaws.com`));
    new logs.LogGroup(regional, 'Group', { encryptionKey: key });
    expect(complianceOf(access, regional, 'Group')).toBe(Compliance.COMPLIANT);
  });
});

describe('WA-LogsMetricFilterAlarm', () => {
  const rule = new LogsMetricFilterAlarmRule();

  test('L2: a metric filter with an alarm on its metric is compliant; without, non-compliant', () => {
    const group = new logs.LogGroup(stack, 'Group');
    const watched = group.addMetricFilter('Watched', {
      filterPattern: logs.FilterPattern.literal('ERROR'),
      metricNamespace: 'App',
      metricName: 'Errors',
    });
    watched.metric().createAlarm(stack, 'Alarm', { threshold: 1, evaluationPeriods: 1 });
    group.addMetricFilter('Unwatched', {
      filterPattern: logs.FilterPattern.literal('WARN'),
      metricNamespace: 'App',
      metricName: 'Warnings',
    });
    expect(complianceOf(rule, stack, 'Watched')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Unwatched')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Metric filter 'Unwatched' publishes App\/Warnings, which no alarm/,
    );
  });

  test('L1: a CfnMetricFilter watched by a CfnAlarm is compliant; a parameter metric name is unknown', () => {
    new logs.CfnMetricFilter(stack, 'Filter', {
      logGroupName: 'g',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricNamespace: 'App', metricName: 'Errors', metricValue: '1' }],
    });
    new cloudwatch.CfnAlarm(stack, 'Alarm', {
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      namespace: 'App',
      metricName: 'Errors',
    });
    const name = new CfnParameter(stack, 'Name', { type: 'String' });
    new logs.CfnMetricFilter(stack, 'ParamFilter', {
      logGroupName: 'g',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricNamespace: 'App', metricName: name.valueAsString, metricValue: '1' }],
    });
    expect(complianceOf(rule, stack, 'Stack/Filter')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'ParamFilter')).toBe(Compliance.UNKNOWN);
    expect(evaluateRule(rule, stack)).toHaveLength(2);
  });
});

describe('L1 counterparts', () => {
  test('WA-LogsEncrypted: a CfnLogGroup without KmsKeyId is non-compliant', () => {
    new logs.CfnLogGroup(stack, 'Group', { retentionInDays: 7 });
    expect(complianceOf(new LogsEncryptedRule(), stack, 'Group')).toBe(Compliance.NON_COMPLIANT);
  });

  test('WA-LogsMetricFilterAlarm: a CfnMetricFilter nobody alarms on is non-compliant', () => {
    new logs.CfnMetricFilter(stack, 'Filter', {
      logGroupName: 'g',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricNamespace: 'App', metricName: 'Errors', metricValue: '1' }],
    });
    expect(complianceOf(new LogsMetricFilterAlarmRule(), stack, 'Filter')).toBe(Compliance.NON_COMPLIANT);
  });

  test('WA-LogsKmsKeyAccess: a key policy granting logs through Fn::Join with the region is compliant', () => {
    const key = new kms.CfnKey(stack, 'Key', {
      keyPolicy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: Fn.join('', ['logs.', Stack.of(stack).region, '.amazonaws.com']) },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
          },
        ],
      },
    });
    new logs.CfnLogGroup(stack, 'Group', { kmsKeyId: key.attrArn });
    expect(complianceOf(new LogsKmsKeyAccessRule(), stack, 'Group')).toBe(Compliance.COMPLIANT);
  });
});
