import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { alarmDescriptions, renderText } from './alarm-text';
import { AlarmDescriptionProps, WellArchitectedMonitoring, WellArchitectedQueue } from '../../src';

function describeIn(stack: Stack, overrides: Partial<AlarmDescriptionProps> = {}): string {
  const monitoring = WellArchitectedMonitoring.of(stack);
  return monitoring.alarmDescription({
    summary: 'Something failed',
    resource: stack,
    resourceKind: 'thing',
    threshold: 'Failures (sum) > 0',
    period: Duration.minutes(1),
    evaluationPeriods: 1,
    likelyCauses: ['a cause'],
    firstSteps: ['a step'],
    ...overrides,
  });
}

/** What CloudFormation makes of a description once deployed: tokens resolved in the given region and partition. */
function deployed(stack: Stack, text: string, region: string): string {
  return renderText(stack.resolve(text)).replace(/\$\{AWS::Region\}/g, region);
}

describe('the dashboard link follows the partition', () => {
  test.each([
    [
      'us-east-1',
      'https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/Orders-WellArchitectedMonitoring-us-east-1',
    ],
    [
      'cn-north-1',
      'https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#dashboards/dashboard/Orders-WellArchitectedMonitoring-cn-north-1',
    ],
    [
      'us-gov-west-1',
      'https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#dashboards/dashboard/Orders-WellArchitectedMonitoring-us-gov-west-1',
    ],
  ])('a stack in %s links a literal console URL', (region, url) => {
    const stack = new Stack(new App(), 'Orders', { env: { region } });
    const description = describeIn(stack);
    expect(stack.resolve(description)).toBe(
      `Something failed. Resource: thing Orders. Fires when Failures (sum) > 0 in any 1-minute period. ` +
        `Likely causes: a cause. First steps: 1) a step. Dashboard: ${url}`,
    );
    expect(Template.fromStack(stack).toJSON().Conditions).toBeUndefined();
  });

  test('an environment-agnostic stack chooses the host with conditions on AWS::Partition', () => {
    const stack = new Stack(new App(), 'Orders');
    const resolved = stack.resolve(describeIn(stack));
    const join = resolved['Fn::Join'][1];
    expect(join).toContainEqual({
      'Fn::If': [
        'WellArchitectedPartitionIsChina',
        'console.amazonaws.cn',
        { 'Fn::If': ['WellArchitectedPartitionIsGovCloud', 'console.amazonaws-us-gov.com', 'console.aws.amazon.com'] },
      ],
    });
    expect(Template.fromStack(stack).toJSON().Conditions).toEqual({
      WellArchitectedPartitionIsChina: { 'Fn::Equals': [{ Ref: 'AWS::Partition' }, 'aws-cn'] },
      WellArchitectedPartitionIsGovCloud: { 'Fn::Equals': [{ Ref: 'AWS::Partition' }, 'aws-us-gov'] },
    });
  });

  test('a dashboard name of your own is linked as given', () => {
    const stack = new Stack(new App(), 'Orders', { env: { region: 'eu-west-1' } });
    new WellArchitectedMonitoring(stack, 'WellArchitectedMonitoring', { dashboardName: 'orders-prod' });
    expect(describeIn(stack)).toMatch(/#dashboards\/dashboard\/orders-prod$/);
  });
});

describe('the 1024-character limit', () => {
  test('a very long construct path and many steps: the text is shortened, the link kept whole', () => {
    const stack = new Stack(new App(), 'Orders');
    let scope: Construct = stack;
    for (let i = 0; i < 12; i++) {
      scope = new Construct(scope, `AQuiteLongConstructIdAtLevel${i}`);
    }
    const description = describeIn(stack, {
      resource: scope,
      likelyCauses: Array.from({ length: 10 }, (_, i) => `a plausible cause number ${i} described at length`),
      firstSteps: Array.from({ length: 10 }, (_, i) => `a first step number ${i} described at length`),
    });
    // The longest region CloudFormation could put in the link.
    const text = deployed(stack, description, 'ap-southeast-5');
    expect(text.length).toBeLessThanOrEqual(1024);
    expect(text).toMatch(
      /Dashboard: https:\/\/console\.aws\.amazon\.com\/cloudwatch\/home\?region=ap-southeast-5#dashboards\/dashboard\/Orders-WellArchitectedMonitoring-ap-southeast-5$/,
    );
  });

  test('causes and steps are dropped from the end before the text is cut', () => {
    const stack = new Stack(new App(), 'Orders', { env: { region: 'us-east-1' } });
    // The text is worked out at synth time (the monitoring that covers the resource is known then): resolve it.
    const description = stack.resolve(
      describeIn(stack, {
        likelyCauses: Array.from({ length: 8 }, (_, i) => `cause ${i} ${'x'.repeat(40)}`),
        firstSteps: Array.from({ length: 8 }, (_, i) => `step ${i} ${'y'.repeat(40)}`),
      }),
    ) as string;
    expect(description.length).toBeLessThanOrEqual(1024);
    expect(description).toContain('cause 0');
    expect(description).toContain('1) step 0');
    expect(description).not.toContain('cause 7');
    expect(description).not.toContain('...');
  });

  test('the description of every alarm of a well-architected queue fits once deployed', () => {
    const stack = new Stack(new App(), 'AStackWithARatherLongNameForTheOrdersServiceInProduction');
    let scope: Construct = stack;
    for (let i = 0; i < 6; i++) {
      scope = new Construct(scope, `NestedLevel${i}WithSomeLength`);
    }
    new WellArchitectedQueue(scope, 'Queue');
    const descriptions = alarmDescriptions(stack);
    expect(Object.keys(descriptions)).toHaveLength(4);
    for (const text of Object.values(descriptions)) {
      expect(text.replace(/\$\{AWS::Region\}/g, 'ap-southeast-5').length).toBeLessThanOrEqual(1024);
    }
  });
});
