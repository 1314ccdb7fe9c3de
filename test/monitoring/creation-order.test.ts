import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { renderText } from './alarm-text';
import { AlarmSeverity, WellArchitectedFunction, WellArchitectedMonitoring, WellArchitectedQueue } from '../../src';

function refTo(stack: Stack, construct: Construct): { Ref: string } {
  return { Ref: stack.getLogicalId(construct.node.defaultChild as any) };
}

function alarmsOf(template: Template): any[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((resource) => resource.Properties);
}

describe('constructs created before their WellArchitectedMonitoring', () => {
  test("with the README's id: the queue's alarms notify the monitoring created after it; no other topic remains", () => {
    const stack = new Stack(new App(), 'Orders');
    const queue = new WellArchitectedQueue(stack, 'Queue');
    const monitoring = new WellArchitectedMonitoring(stack, 'WellArchitectedMonitoring', {
      serviceName: 'orders',
      emailSubscriptions: ['oncall@example.com'],
    });
    const template = Template.fromStack(stack);

    // The alarm topic and the paging topic of the service health alarm, one key: nothing left of a default.
    template.resourceCountIs('AWS::SNS::Topic', 2);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const alarms = alarmsOf(template);
    expect(alarms).toHaveLength(queue.alarms.length);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([refTo(stack, monitoring.alarmTopic)]);
      expect(alarm.OKActions).toEqual([refTo(stack, monitoring.alarmTopic)]);
      expect(alarm.AlarmName).toMatch(/^orders-Orders-Queue/);
    }
    expect(monitoring.alarms).toEqual(queue.alarms);
    expect(monitoring.criticalAlarms).toEqual([queue.newDeadLettersAlarm]);
    expect(monitoring.severityOf(queue.newDeadLettersAlarm)).toBe(AlarmSeverity.CRITICAL);
    expect(monitoring.severityOf(queue.deadLetterQueueAlarm)).toBe(AlarmSeverity.WARNING);
    const composite = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm'));
    expect(composite).toHaveLength(1);
    expect(composite[0].Properties.AlarmName).toBe('orders-Orders-ServiceHealth');
    expect(JSON.stringify(composite[0].Properties.AlarmRule)).toContain(
      stack.getLogicalId(queue.newDeadLettersAlarm.node.defaultChild as any),
    );
    expect(renderText(composite[0].Properties.AlarmDescription)).toContain(
      'Critical alarms: orders-Orders-Queue-NewDeadLetters.',
    );
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  test('with another id at the stack: the default one is removed, the new one gets the dashboard section', () => {
    const stack = new Stack(new App(), 'Orders');
    new WellArchitectedQueue(stack, 'Queue');
    const monitoring = new WellArchitectedMonitoring(stack, 'Alerts', { serviceName: 'orders' });
    expect(stack.node.tryFindChild('WellArchitectedMonitoring')).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SNS::Topic', 2);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0];
    expect(JSON.stringify(dashboard.Properties.DashboardBody)).toContain('SQS queue Orders/Queue');
    expect(monitoring.dashboard).toBeDefined();
    // The alarm descriptions link the dashboard of the monitoring the queue reports to.
    for (const alarm of alarmsOf(template)) {
      expect(renderText(alarm.AlarmDescription)).toContain('#dashboards/dashboard/Orders-Alerts-${AWS::Region}');
    }
  });

  test('a monitoring created later in a subtree takes over that subtree only; the default keeps the rest', () => {
    const stack = new Stack(new App(), 'Orders');
    const team = new Construct(stack, 'Team');
    const inside = new WellArchitectedQueue(team, 'Inside');
    const outside = new WellArchitectedQueue(stack, 'Outside');
    const teamMonitoring = new WellArchitectedMonitoring(team, 'Monitoring', { serviceName: 'team' });
    const fallback = WellArchitectedMonitoring.of(stack);
    expect(fallback).not.toBe(teamMonitoring);

    const template = Template.fromStack(stack);
    const actionsOf = (queue: WellArchitectedQueue) =>
      alarmsOf(template)
        .filter((alarm) => alarm.AlarmName.includes(`-${queue.node.id}-`))
        .map((alarm) => alarm.AlarmActions);
    for (const actions of actionsOf(inside)) {
      expect(actions).toEqual([refTo(stack, teamMonitoring.alarmTopic)]);
    }
    for (const actions of actionsOf(outside)) {
      expect(actions).toEqual([refTo(stack, fallback.alarmTopic)]);
    }
    expect(teamMonitoring.alarms).toEqual(inside.alarms);
    expect(fallback.alarms).toEqual(outside.alarms);
    expect(WellArchitectedMonitoring.of(inside)).toBe(teamMonitoring);
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 2);
  });

  test("a function's Powertools service name is the service name of the monitoring created after it", () => {
    const stack = new Stack(new App(), 'Orders');
    new WellArchitectedFunction(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    new WellArchitectedMonitoring(stack, 'WellArchitectedMonitoring', { serviceName: 'orders' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'orders' }) },
    });
    template.resourceCountIs('AWS::SNS::Topic', 2);
  });

  test('created first, a monitoring is used directly, as before', () => {
    const stack = new Stack(new App(), 'Orders');
    const monitoring = new WellArchitectedMonitoring(stack, 'WellArchitectedMonitoring', { serviceName: 'orders' });
    const queue = new WellArchitectedQueue(stack, 'Queue');
    expect(queue.monitoring).toBe(monitoring);
    expect(stack.resolve(monitoring.alarmName(queue, 'X'))).toBe('orders-Orders-Queue-X');
  });
});

describe('a monitoring from another stack', () => {
  test('is refused at construction, naming the prop, both stacks and the fix', () => {
    const app = new App();
    const shared = new WellArchitectedMonitoring(new Stack(app, 'Shared'), 'Monitoring');
    const stack = new Stack(app, 'Orders');
    expect(() => new WellArchitectedQueue(stack, 'Queue', { monitoring: shared })).toThrow(
      /monitoring: the WellArchitectedMonitoring 'Shared\/Monitoring' is in stack 'Shared', but the alarm 'Orders\/Queue\/.*' is in stack 'Orders'.*cyclic reference.*Give stack 'Orders' its own monitoring/s,
    );
  });
});
