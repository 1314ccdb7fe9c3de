import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Compliance, Severity } from '../../../src';
import { cloudWatchRules } from '../../../src/checks/rules/cloudwatch';
import { AlarmActionsEnabledRule } from '../../../src/checks/rules/cloudwatch/actions-enabled';
import { AlarmActionRule } from '../../../src/checks/rules/cloudwatch/alarm-action';
import { AlarmTopicSubscribedRule } from '../../../src/checks/rules/cloudwatch/alarm-topic-subscribed';
import { PagingCompositeRecoversRule } from '../../../src/checks/rules/cloudwatch/paging-composite-recovers';
import { complianceOf, evaluateRule, findings } from '../rule-harness';

let stack: Stack;
beforeEach(() => {
  stack = new Stack(new App(), 'Stack');
});

const errors = () => new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Errors' });

function alarm(id: string, props: Partial<cloudwatch.AlarmProps> = {}): cloudwatch.Alarm {
  return new cloudwatch.Alarm(stack, id, { metric: errors(), threshold: 1, evaluationPeriods: 1, ...props });
}

function cfnAlarm(id: string, props: Partial<cloudwatch.CfnAlarmProps> = {}): cloudwatch.CfnAlarm {
  return new cloudwatch.CfnAlarm(stack, id, {
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    threshold: 1,
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    ...props,
  });
}

test('the CloudWatch catalogue has stable ids', () => {
  expect(cloudWatchRules().map((r) => r.id)).toEqual([
    'WA-AlarmAction',
    'WA-AlarmActionsEnabled',
    'WA-AlarmTopicSubscribed',
    'WA-PagingCompositeRecovers',
  ]);
});

describe('WA-AlarmAction', () => {
  const rule = new AlarmActionRule();

  test('L2: an alarm with an SNS action is compliant; one without is non-compliant', () => {
    alarm('Heard').addAlarmAction(new actions.SnsAction(new sns.Topic(stack, 'Topic')));
    alarm('Silent', { actionsEnabled: true }).addOkAction(new actions.SnsAction(new sns.Topic(stack, 'OkTopic')));
    expect(complianceOf(rule, stack, 'Heard')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Silent')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(/Alarm 'Silent' has no alarm action, so nobody hears it/);
  });

  test('L2: an alarm consumed by a composite alarm is exempt; the composite itself needs an action', () => {
    const child = alarm('Child');
    new cloudwatch.CompositeAlarm(stack, 'Composite', {
      alarmRule: cloudwatch.AlarmRule.fromAlarm(child, cloudwatch.AlarmState.ALARM),
    });
    expect(complianceOf(rule, stack, 'Child')).toBe(Compliance.NOT_APPLICABLE);
    expect(complianceOf(rule, stack, 'Composite')).toBe(Compliance.NON_COMPLIANT);
  });

  test('L1: a literal action ARN is compliant; none is non-compliant; a dashboard does not count as a consumer', () => {
    cfnAlarm('Literal', { alarmActions: ['arn:aws:sns:us-east-1:123456789012:ops'] });
    const bare = cfnAlarm('Bare', { alarmName: 'bare' });
    new cloudwatch.CfnDashboard(stack, 'Dashboard', {
      dashboardBody: Fn.join('', ['{"widgets":[{"properties":{"alarms":["', bare.attrArn, '"]}}]}']),
    });
    expect(complianceOf(rule, stack, 'Literal')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Bare')).toBe(Compliance.NON_COMPLIANT);
  });

  test('actions from Fn::If or a parameter list are unknown', () => {
    cfnAlarm('Cond', {
      alarmActions: [Fn.conditionIf('C', 'arn:aws:sns:us-east-1:1:t', Fn.ref('AWS::NoValue')).toString()],
    });
    const list = new CfnParameter(stack, 'Actions', { type: 'CommaDelimitedList' });
    cfnAlarm('Param', { alarmActions: list.valueAsList });
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-AlarmActionsEnabled', () => {
  const rule = new AlarmActionsEnabledRule();

  test('L2: actionsEnabled false is non-compliant; the default compliant', () => {
    alarm('Off', { actionsEnabled: false });
    alarm('On');
    expect(complianceOf(rule, stack, 'Off')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'On')).toBe(Compliance.COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Alarm 'Off' has its actions disabled.*actionsEnabled: false/,
    );
  });

  test('L1: "false" as a string is non-compliant; a parameter or Fn::If is unknown', () => {
    cfnAlarm('Str').addPropertyOverride('ActionsEnabled', 'false');
    const enabled = new CfnParameter(stack, 'Enabled', { type: 'String' });
    cfnAlarm('Param', { actionsEnabled: enabled.valueAsString as any });
    cfnAlarm('Cond', { actionsEnabled: Fn.conditionIf('C', true, false) as any });
    expect(complianceOf(rule, stack, 'Str')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Param')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Cond')).toBe(Compliance.UNKNOWN);
  });
});

describe('WA-AlarmTopicSubscribed', () => {
  test('is a warning: alarms that notify nobody are not monitoring', () => {
    expect(new AlarmTopicSubscribedRule().severity).toBe(Severity.WARNING);
  });

  const rule = new AlarmTopicSubscribedRule();

  test('L2: an alarm topic with an email subscription is compliant; without any, non-compliant', () => {
    const subscribed = new sns.Topic(stack, 'Subscribed');
    subscribed.addSubscription(new subscriptions.EmailSubscription('oncall@example.com'));
    alarm('Good').addAlarmAction(new actions.SnsAction(subscribed));
    const lonely = new sns.Topic(stack, 'Lonely');
    alarm('Bad').addAlarmAction(new actions.SnsAction(lonely));
    alarm('AlsoBad').addAlarmAction(new actions.SnsAction(lonely));
    new sns.Topic(stack, 'NoAlarm');
    expect(complianceOf(rule, stack, 'Subscribed')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Lonely')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'NoAlarm')).toBe(Compliance.NOT_APPLICABLE);
    const all = findings(rule, stack);
    expect(all).toHaveLength(1);
    expect(all[0].result.message).toMatch(/Topic 'Lonely' is notified by alarm 'Bad' but has no subscriber/);
  });

  test('L1: an inline subscription counts; Fn::If subscriptions are unknown', () => {
    const inline = new sns.CfnTopic(stack, 'Inline', {
      subscription: [{ protocol: 'email', endpoint: 'a@example.com' }],
    });
    cfnAlarm('ToInline', { alarmActions: [inline.ref] });
    const cond = new sns.CfnTopic(stack, 'CondTopic', {
      subscription: Fn.conditionIf(
        'C',
        [{ protocol: 'email', endpoint: 'a@example.com' }],
        Fn.ref('AWS::NoValue'),
      ) as any,
    });
    cfnAlarm('ToCond', { okActions: [cond.ref] });
    expect(complianceOf(rule, stack, 'Inline')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'CondTopic')).toBe(Compliance.UNKNOWN);
  });

  test('an imported topic is not evaluated', () => {
    const imported = sns.Topic.fromTopicArn(stack, 'Imported', 'arn:aws:sns:us-east-1:123456789012:ops');
    alarm('ToImported').addAlarmAction(new actions.SnsAction(imported));
    expect(evaluateRule(rule, stack)).toEqual([]);
  });
});

describe('L1 counterparts', () => {
  test('WA-AlarmActionsEnabled: a CfnAlarm with ActionsEnabled true is compliant', () => {
    cfnAlarm('On', { actionsEnabled: true });
    expect(complianceOf(new AlarmActionsEnabledRule(), stack, 'On')).toBe(Compliance.COMPLIANT);
  });

  test('WA-AlarmTopicSubscribed: a CfnAlarm notifying a CfnTopic without subscriptions is non-compliant; a CfnSubscription fixes it', () => {
    const silent = new sns.CfnTopic(stack, 'Silent');
    cfnAlarm('ToSilent', { alarmActions: [silent.ref] });
    const heard = new sns.CfnTopic(stack, 'Heard');
    new sns.CfnSubscription(stack, 'Sub', { topicArn: heard.ref, protocol: 'email', endpoint: 'ops@example.com' });
    cfnAlarm('ToHeard', { alarmActions: [heard.ref] });
    const rule = new AlarmTopicSubscribedRule();
    expect(complianceOf(rule, stack, 'Silent')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Heard')).toBe(Compliance.COMPLIANT);
  });
});

describe('WA-PagingCompositeRecovers', () => {
  const rule = new PagingCompositeRecoversRule();

  function paging(id: string, alarmRule: cloudwatch.IAlarmRule): cloudwatch.CompositeAlarm {
    const composite = new cloudwatch.CompositeAlarm(stack, id, { alarmRule });
    composite.addAlarmAction(new actions.SnsAction(new sns.Topic(stack, `${id}Topic`)));
    return composite;
  }

  function deadLetterQueue(): sqs.Queue {
    const dlq = new sqs.Queue(stack, 'Dlq');
    new sqs.Queue(stack, 'Source', { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    return dlq;
  }

  test('L2: a depth alarm on a dead-letter queue in a paging composite is non-compliant', () => {
    const dlq = deadLetterQueue();
    const depth = new cloudwatch.Alarm(stack, 'DlqDepth', {
      metric: dlq.metricApproximateNumberOfMessagesVisible(),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    paging(
      'Health',
      cloudwatch.AlarmRule.anyOf(
        cloudwatch.AlarmRule.fromAlarm(alarm('Errors'), cloudwatch.AlarmState.ALARM),
        cloudwatch.AlarmRule.fromAlarm(depth, cloudwatch.AlarmState.ALARM),
      ),
    );
    expect(complianceOf(rule, stack, 'Health')).toBe(Compliance.NON_COMPLIANT);
    expect(findings(rule, stack)[0].result.message).toMatch(
      /Composite alarm 'Health' pages, but its child alarm 'DlqDepth' watches ApproximateNumberOfMessagesVisible of queue 'Dlq', which is the dead-letter queue of queue Source.*stays in ALARM/,
    );
  });

  test('L2: a depth alarm on a queue that is no dead-letter queue recovers: compliant', () => {
    const queue = new sqs.Queue(stack, 'Work');
    const depth = new cloudwatch.Alarm(stack, 'Backlog', {
      metric: queue.metricApproximateNumberOfMessagesVisible(),
      threshold: 100,
      evaluationPeriods: 1,
    });
    paging('Health', cloudwatch.AlarmRule.fromAlarm(depth, cloudwatch.AlarmState.ALARM));
    expect(complianceOf(rule, stack, 'Health')).toBe(Compliance.COMPLIANT);
  });

  test('L2: new dead letters by metric math RATE over the visible messages recover: compliant', () => {
    const dlq = deadLetterQueue();
    const arrivals = new cloudwatch.Alarm(stack, 'NewDeadLetters', {
      metric: new cloudwatch.MathExpression({
        expression: 'RATE(visible)',
        usingMetrics: { visible: dlq.metricApproximateNumberOfMessagesVisible() },
      }),
      threshold: 0,
      evaluationPeriods: 1,
    });
    paging('Health', cloudwatch.AlarmRule.fromAlarm(arrivals, cloudwatch.AlarmState.ALARM));
    expect(complianceOf(rule, stack, 'Health')).toBe(Compliance.COMPLIANT);
  });

  test('L2: missing data treated as breaching is non-compliant; a composite without actions is not applicable', () => {
    const breaching = alarm('Breaching', { treatMissingData: cloudwatch.TreatMissingData.BREACHING });
    paging('Health', cloudwatch.AlarmRule.fromAlarm(breaching, cloudwatch.AlarmState.ALARM));
    new cloudwatch.CompositeAlarm(stack, 'Quiet', {
      alarmRule: cloudwatch.AlarmRule.fromAlarm(breaching, cloudwatch.AlarmState.ALARM),
    });
    expect(complianceOf(rule, stack, 'Health')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Quiet')).toBe(Compliance.NOT_APPLICABLE);
    expect(findings(rule, stack)[0].result.message).toMatch(/'Breaching' treats missing data as breaching/);
  });

  test('L2: an alarm on too little of something good recovers when its data returns, missing data or not', () => {
    const noOrders = new cloudwatch.Alarm(stack, 'NoOrders', {
      metric: new cloudwatch.Metric({ namespace: 'orders', metricName: 'OrdersPlaced' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    paging('Health', cloudwatch.AlarmRule.fromAlarm(noOrders, cloudwatch.AlarmState.ALARM));
    expect(complianceOf(rule, stack, 'Health')).toBe(Compliance.COMPLIANT);
  });

  test('L2: a stuck alarm inside a child composite is found', () => {
    const inner = new cloudwatch.CompositeAlarm(stack, 'Inner', {
      alarmRule: cloudwatch.AlarmRule.fromAlarm(
        alarm('Breaching', { treatMissingData: cloudwatch.TreatMissingData.BREACHING }),
        cloudwatch.AlarmState.ALARM,
      ),
    });
    paging('Outer', cloudwatch.AlarmRule.fromAlarm(inner, cloudwatch.AlarmState.ALARM));
    expect(complianceOf(rule, stack, 'Outer')).toBe(Compliance.NON_COMPLIANT);
  });

  test('L1: children named by literal alarm name or ARN; an unknown name or a parameter rule is unknown', () => {
    new sqs.CfnQueue(stack, 'CfnSource', {
      redrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['CfnDlq', 'Arn'] }, maxReceiveCount: 5 },
    });
    const dlq = new sqs.CfnQueue(stack, 'CfnDlq', {});
    dlq.overrideLogicalId('CfnDlq');
    cfnAlarm('CfnDepth', {
      alarmName: 'dlq-depth',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: [{ name: 'QueueName', value: dlq.attrQueueName }],
      threshold: 0,
    });
    cfnAlarm('CfnErrors', { alarmName: 'errors' });
    const topic = 'arn:aws:sns:eu-west-1:123456789012:pager';
    new cloudwatch.CfnCompositeAlarm(stack, 'ByName', {
      alarmName: 'by-name',
      alarmRule: 'ALARM(errors) OR ALARM("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:dlq-depth")',
      alarmActions: [topic],
    });
    new cloudwatch.CfnCompositeAlarm(stack, 'Recovering', {
      alarmName: 'recovering',
      alarmRule: 'ALARM(errors)',
      alarmActions: [topic],
    });
    new cloudwatch.CfnCompositeAlarm(stack, 'Elsewhere', {
      alarmName: 'elsewhere',
      alarmRule: 'ALARM(errors) OR ALARM(alarm-of-another-stack)',
      alarmActions: [topic],
    });
    new cloudwatch.CfnCompositeAlarm(stack, 'Parameter', {
      alarmName: 'parameter',
      alarmRule: new CfnParameter(stack, 'Rule').valueAsString,
      alarmActions: [topic],
    });
    expect(complianceOf(rule, stack, 'ByName')).toBe(Compliance.NON_COMPLIANT);
    expect(complianceOf(rule, stack, 'Recovering')).toBe(Compliance.COMPLIANT);
    expect(complianceOf(rule, stack, 'Elsewhere')).toBe(Compliance.UNKNOWN);
    expect(complianceOf(rule, stack, 'Parameter')).toBe(Compliance.UNKNOWN);
  });

  test('alarm actions from a parameter are unknown', () => {
    new cloudwatch.CfnCompositeAlarm(stack, 'Actions', {
      alarmRule: 'ALARM(errors)',
      alarmActions: new CfnParameter(stack, 'Topics', { type: 'CommaDelimitedList' }).valueAsList,
    });
    expect(complianceOf(rule, stack, 'Actions')).toBe(Compliance.UNKNOWN);
  });
});
