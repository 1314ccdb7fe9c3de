import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AlarmSeverity, WellArchitectedMonitoring } from '../../src';

const WEBHOOK = 'https://events.example.com/integration/abc/enqueue';

function monitoringWithWebhook(): { stack: Stack; monitoring: WellArchitectedMonitoring } {
  const stack = new Stack(new App(), 'Orders');
  const monitoring = new WellArchitectedMonitoring(stack, 'WellArchitectedMonitoring', {
    serviceName: 'orders',
    webhookUrls: [WEBHOOK],
  });
  return { stack, monitoring };
}

/**
 * The time SNS spends retrying one delivery under an HTTP/S delivery policy, by AWS's phases
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html): immediate retries without delay,
 * pre-backoff retries `minDelayTarget` apart, backoff retries whose delay grows from `minDelayTarget` to
 * `maxDelayTarget`, post-backoff retries `maxDelayTarget` apart. A backoff delay lies between the two targets, so
 * the span is a range.
 */
function retrySpanSeconds(policy: any): { min: number; max: number; backoffRetries: number } {
  const noDelay = policy.numNoDelayRetries ?? 0;
  const preBackoff = policy.numMinDelayRetries ?? 0;
  const postBackoff = policy.numMaxDelayRetries ?? 0;
  const backoffRetries = policy.numRetries - noDelay - preBackoff - postBackoff;
  const fixed = preBackoff * policy.minDelayTarget + postBackoff * policy.maxDelayTarget;
  return {
    min: fixed + backoffRetries * policy.minDelayTarget,
    max: fixed + backoffRetries * policy.maxDelayTarget,
    backoffRetries,
  };
}

test("a webhook's delivery policy retries for about an hour, within SNS's limits", () => {
  const { stack } = monitoringWithWebhook();
  const subscription = Object.values(Template.fromStack(stack).findResources('AWS::SNS::Subscription')).find(
    (resource) => resource.Properties.Protocol === 'https',
  )!;
  const policy = subscription.Properties.DeliveryPolicy.healthyRetryPolicy;
  // SNS limits: at most 100 retries, delays in whole seconds from 1 s, maxDelayTarget at most 3,600 s.
  expect(policy.numRetries).toBeLessThanOrEqual(100);
  expect(policy.minDelayTarget).toBeGreaterThanOrEqual(1);
  expect(policy.maxDelayTarget).toBeLessThanOrEqual(3600);
  expect(Number.isInteger(policy.minDelayTarget) && Number.isInteger(policy.maxDelayTarget)).toBe(true);
  const span = retrySpanSeconds(policy);
  expect(span.backoffRetries).toBeGreaterThanOrEqual(0);
  // The total retry time of an HTTP/S policy cannot exceed 3,600 s; "about an hour" is at least 50 minutes.
  expect(span.max).toBeLessThanOrEqual(3600);
  expect(span.min).toBeGreaterThanOrEqual(50 * 60);
  // The first retry is immediate: a blip at the on-call tool costs no time.
  expect(policy.numNoDelayRetries).toBeGreaterThanOrEqual(1);
});

test("SNS's default policy (3 retries, 20 s apart) spans a minute: the reason for ours", () => {
  expect(retrySpanSeconds({ numRetries: 3, minDelayTarget: 20, maxDelayTarget: 20 }).max).toBe(60);
});

test('a new undelivered page pages; the depth of the webhook dead-letter queue only warns', () => {
  const { stack, monitoring } = monitoringWithWebhook();
  const template = Template.fromStack(stack);
  const queueId = Object.keys(template.findResources('AWS::SQS::Queue'))[0];
  const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm'));
  const newPages = alarms.find(([id]) => id.includes('NewUndeliveredPages'))![1].Properties;
  // The service name, then the stack's, so two deployments of the service never share an alarm name.
  expect(newPages.AlarmName).toBe('orders-Orders-WellArchitectedMonitoring/WebhookDeadLetterQueue-NewUndeliveredPages');
  expect(newPages.Threshold).toBe(0);
  expect(newPages.ComparisonOperator).toBe('GreaterThanThreshold');
  expect(newPages.TreatMissingData).toBe('notBreaching');
  const [expression, visible] = newPages.Metrics;
  expect(expression).toMatchObject({ Expression: 'DIFF(FILL(visible, 0))', ReturnData: true });
  expect(visible).toMatchObject({
    Id: 'visible',
    ReturnData: false,
    MetricStat: {
      Metric: {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      },
      Period: 60,
      Stat: 'Maximum',
    },
  });

  const critical = monitoring.criticalAlarms.map((alarm) => alarm.node.id);
  expect(critical).toEqual(['NewUndeliveredPagesAlarm']);
  expect(monitoring.severityOf(monitoring.alarms.find((a) => a.node.id === 'UndeliveredPagesAlarm')!)).toBe(
    AlarmSeverity.WARNING,
  );
  // Critical means: part of the service health alarm, which notifies the paging topic.
  const composite = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm'))[0].Properties;
  expect(JSON.stringify(composite.AlarmRule)).toContain(
    stack.getLogicalId(monitoring.criticalAlarms[0].node.defaultChild as any),
  );
  expect(composite.AlarmActions).toEqual([
    { Ref: stack.getLogicalId(monitoring.pagingTopic!.node.defaultChild as any) },
  ]);
});
