import { App, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Compliance } from '../../../src';
import { eventsRules } from '../../../src/checks/rules/events';
import { EventBridgeDlqPermissionRule } from '../../../src/checks/rules/events/dlq-permission';
import { EventBridgeTargetDlqRule } from '../../../src/checks/rules/events/target-dlq';
import { EventBridgeTargetRetryPolicyRule } from '../../../src/checks/rules/events/target-retry-policy';
import { complianceOf, findings } from '../rule-harness';
import { describeRobustness } from '../rule-robustness';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function fn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
}

function schedule(stack: Stack, id: string, target?: events.IRuleTarget): events.Rule {
  return new events.Rule(stack, id, {
    schedule: events.Schedule.rate(Duration.minutes(5)),
    targets: target ? [target] : [],
  });
}

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:111122223333:dlq';
const FN_ARN = 'arn:aws:lambda:us-east-1:111122223333:function:f';

test('the EventBridge catalogue ids', () => {
  expect(eventsRules().map((r) => r.id)).toEqual([
    'WA-EventBridgeTargetDlq',
    'WA-EventBridgeTargetRetryPolicy',
    'WA-EventBridgeDlqPermission',
  ]);
});

describe('WA-EventBridgeTargetDlq', () => {
  const rule = new EventBridgeTargetDlqRule();

  test('L2 target with deadLetterQueue is compliant; without is non-compliant; no targets not applicable', () => {
    const stack = newStack();
    const handler = fn(stack);
    schedule(stack, 'WithDlq', new targets.LambdaFunction(handler, { deadLetterQueue: new sqs.Queue(stack, 'Dlq') }));
    schedule(stack, 'NoDlq', new targets.LambdaFunction(handler));
    schedule(stack, 'Empty');
    expect(complianceOf(rule, stack, 'WithDlq')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Empty')).toBe(Compliance.NOT_APPLICABLE);
    expect(findings(rule, stack).map((f) => f.result.message)).toEqual([
      expect.stringMatching(/^Target 'Target0' of this rule has no dead-letter queue.*deadLetterQueue/),
    ]);
  });

  test('L1 rule: one of two targets without a DLQ is non-compliant', () => {
    const stack = newStack();
    new events.CfnRule(stack, 'Raw', {
      scheduleExpression: 'rate(5 minutes)',
      targets: [
        { id: 'a', arn: FN_ARN, deadLetterConfig: { arn: QUEUE_ARN } },
        { id: 'b', arn: FN_ARN },
      ],
    });
    expect(findings(rule, stack)[0].result.message).toMatch(/Target 'b'/);
  });

  test('a parameter DLQ ARN, or Fn::If targets, is unknown', () => {
    const stack = newStack();
    new events.CfnRule(stack, 'Param', {
      scheduleExpression: 'rate(5 minutes)',
      targets: [{ id: 'a', arn: FN_ARN, deadLetterConfig: { arn: new CfnParameter(stack, 'Dlq').valueAsString } }],
    });
    new events.CfnRule(stack, 'If', {
      scheduleExpression: 'rate(5 minutes)',
      targets: Fn.conditionIf('C', [{ Id: 'a', Arn: FN_ARN }], []) as any,
    });
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'If')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-EventBridgeTargetDlq: a conditional dead-letter config', () => {
  const rule = new EventBridgeTargetDlqRule();

  test('a DeadLetterConfig chosen by Fn::If is unknown, not a missing DLQ', () => {
    const stack = newStack();
    new events.CfnRule(stack, 'Conditional', {
      scheduleExpression: 'rate(5 minutes)',
      targets: [
        {
          id: 'a',
          arn: FN_ARN,
          deadLetterConfig: Fn.conditionIf('HasDlq', { Arn: QUEUE_ARN }, Fn.ref('AWS::NoValue')) as any,
        },
      ],
    });
    expect(complianceOf(rule, stack, 'Conditional')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-EventBridgeTargetRetryPolicy', () => {
  const rule = new EventBridgeTargetRetryPolicyRule();

  test('L2 retryAttempts is compliant; the default is non-compliant', () => {
    const stack = newStack();
    const handler = fn(stack);
    schedule(stack, 'Tuned', new targets.LambdaFunction(handler, { retryAttempts: 2, maxEventAge: Duration.hours(1) }));
    schedule(stack, 'Default', new targets.LambdaFunction(handler));
    expect(complianceOf(rule, stack, 'Tuned')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Default')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/retryAttempts.*maxEventAge/);
  });

  test('L1 RetryPolicy', () => {
    const stack = newStack();
    new events.CfnRule(stack, 'Raw', {
      scheduleExpression: 'rate(5 minutes)',
      targets: [{ id: 'a', arn: FN_ARN, retryPolicy: { maximumRetryAttempts: 0 } }],
    });
    expect(complianceOf(rule, stack, 'Raw')).toBe(Compliance.COMPLIANT);
  });

  test('Fn::If retry policy is unknown', () => {
    const stack = newStack();
    new events.CfnRule(stack, 'If', {
      scheduleExpression: 'rate(5 minutes)',
      targets: [{ id: 'a', arn: FN_ARN, retryPolicy: Fn.conditionIf('C', { MaximumRetryAttempts: 1 }, {}) as any }],
    });
    expect(complianceOf(rule, stack, 'If')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-EventBridgeDlqPermission', () => {
  const rule = new EventBridgeDlqPermissionRule();

  test('L2 aws-events-targets adds the queue policy: compliant', () => {
    const stack = newStack();
    schedule(stack, 'Rule', new targets.LambdaFunction(fn(stack), { deadLetterQueue: new sqs.Queue(stack, 'Dlq') }));
    expect(complianceOf(rule, stack, 'Rule')).toBe(Compliance.COMPLIANT);
  });

  test('L1 rule with an in-stack DLQ and no queue policy is non-compliant', () => {
    const stack = newStack();
    const dlq = new sqs.CfnQueue(stack, 'Dlq');
    new events.CfnRule(stack, 'Raw', {
      scheduleExpression: 'rate(5 minutes)',
      targets: [{ id: 'a', arn: FN_ARN, deadLetterConfig: { arn: dlq.attrArn } }],
    });
    expect(findings(rule, stack)[0].result.message).toMatch(
      /target 'a' has no queue policy letting events\.amazonaws\.com/,
    );
  });

  test('L1 DLQ policy scoped to another rule (aws:SourceArn) is non-compliant; to the rule itself, compliant', () => {
    const stack = newStack();
    const dlqFor = (id: string, sourceArn: any) => {
      const dlq = new sqs.CfnQueue(stack, id);
      new sqs.CfnQueuePolicy(stack, `${id}Policy`, {
        queues: [dlq.ref],
        policyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: dlq.attrArn,
              Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
            },
          ],
        },
      });
      return dlq;
    };
    const other = new events.CfnRule(stack, 'Other', { scheduleExpression: 'rate(1 hour)' });
    const wrong = dlqFor('WrongDlq', other.attrArn);
    new events.CfnRule(stack, 'Scoped', {
      scheduleExpression: 'rate(5 minutes)',
      targets: [{ id: 'a', arn: FN_ARN, deadLetterConfig: { arn: wrong.attrArn } }],
    });
    const right = dlqFor('RightDlq', { 'Fn::GetAtt': ['Mine', 'Arn'] });
    new events.CfnRule(stack, 'Mine', {
      scheduleExpression: 'rate(5 minutes)',
      targets: [{ id: 'b', arn: FN_ARN, deadLetterConfig: { arn: right.attrArn } }],
    }).overrideLogicalId('Mine');
    expect(complianceOf(rule, stack, 'Scoped')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Mine')).toBe(Compliance.COMPLIANT);
  });

  test('L2 queue whose policy allows another service only is non-compliant; one allowing EventBridge is compliant', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    dlq.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [dlq.queueArn],
      }),
    );
    new events.CfnRule(stack, 'Raw', {
      scheduleExpression: 'rate(5 minutes)',
      targets: [{ id: 'a', arn: FN_ARN, deadLetterConfig: { arn: dlq.queueArn } }],
    });
    expect(complianceOf(rule, stack, 'Raw')).toBe(Compliance.NON_COMPLIANT);
    dlq.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [dlq.queueArn],
      }),
    );
    expect(complianceOf(rule, stack, 'Raw')).toBe(Compliance.COMPLIANT);
  });

  test('an L1 queue policy naming EventBridge with Fn::Sub over AWS::URLSuffix is compliant, not unknown', () => {
    const stack = newStack();
    const dlq = new sqs.CfnQueue(stack, 'Dlq');
    new sqs.CfnQueuePolicy(stack, 'DlqPolicy', {
      queues: [dlq.ref],
      policyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: Fn.sub('events.${AWS::URLSuffix}') },
            Action: 'sqs:SendMessage',
            Resource: dlq.attrArn,
          },
        ],
      },
    });
    new events.CfnRule(stack, 'Raw', {
      scheduleExpression: 'rate(5 minutes)',
      targets: [{ id: 'a', arn: FN_ARN, deadLetterConfig: { arn: dlq.attrArn } }],
    });
    expect(complianceOf(rule, stack, 'Raw')).toBe(Compliance.COMPLIANT);
  });

  test('an imported DLQ is unknown; targets without a DLQ are not applicable', () => {
    const stack = newStack();
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', QUEUE_ARN);
    schedule(stack, 'ImportedDlq', new targets.LambdaFunction(fn(stack), { deadLetterQueue: imported }));
    new events.CfnRule(stack, 'NoDlq', { scheduleExpression: 'rate(5 minutes)', targets: [{ id: 'a', arn: FN_ARN }] });
    expect(complianceOf(rule, stack, 'ImportedDlq')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'NoDlq')).toBe(Compliance.NOT_APPLICABLE);
  });
});

describeRobustness(eventsRules());
