import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { Finding, WellArchitectedChecks } from '../../../src';

/**
 * The app is the unit: a partner (an alarm, a consumer, a subscription, a web ACL association) one stack away is
 * found, and its absence is still a finding. Each case builds the app with the partner and without it.
 */

const RULES = [
  'WA-LambdaErrorsAlarm',
  'WA-SqsUnusedQueue',
  'WA-AlarmTopicSubscribed',
  'WA-ApiGwRestWaf',
  'WA-SqsDeadLetterAlarm',
  'WA-SqsAgeOfOldestMessageAlarm',
  'WA-ApiGwRestServerErrorAlarm',
];

function newApp(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'wa-app-')) });
}

function findingsOf(app: App): Finding[] {
  const checks = WellArchitectedChecks.applyTo(app, { reportFormats: [] });
  app.synth();
  return checks.report!.findings.filter((f) => RULES.includes(f.ruleId));
}

function ids(findings: Finding[], ruleId: string): string[] {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => f.constructPath);
}

function handler(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
}

describe('a monitoring stack', () => {
  function build(withAlarm: boolean) {
    const app = newApp();
    const service = new Stack(app, 'Service');
    const fn = handler(service, 'Handler');
    const monitoring = new Stack(app, 'Monitoring');
    if (withAlarm) {
      fn.metricErrors().createAlarm(monitoring, 'HandlerErrors', { threshold: 1, evaluationPeriods: 1 });
    }
    return app;
  }

  test('an alarm on the function in another stack: no finding', () => {
    expect(ids(findingsOf(build(true)), 'WA-LambdaErrorsAlarm')).toEqual([]);
  });

  test('no alarm anywhere: the finding stays on the function', () => {
    expect(ids(findingsOf(build(false)), 'WA-LambdaErrorsAlarm')).toEqual(['Service/Handler/Resource']);
  });
});

describe('queue and API alarms in a monitoring stack', () => {
  function build(withAlarms: boolean) {
    const app = newApp();
    const service = new Stack(app, 'Service');
    const queue = new sqs.Queue(service, 'Orders');
    const rest = new apigw.RestApi(service, 'Rest', { cloudWatchRole: false });
    rest.root.addMethod('GET', new apigw.MockIntegration());
    handler(service, 'Worker').addEventSource(new SqsEventSource(queue));
    const monitoring = new Stack(app, 'Monitoring');
    if (withAlarms) {
      queue
        .metricApproximateAgeOfOldestMessage()
        .createAlarm(monitoring, 'Age', { threshold: 60, evaluationPeriods: 1 });
      rest.metricServerError().createAlarm(monitoring, 'ServerErrors', { threshold: 1, evaluationPeriods: 1 });
    } else {
      new sns.Topic(monitoring, 'Unrelated');
    }
    return app;
  }

  test('alarms in the monitoring stack: no finding on the queue or the API', () => {
    const findings = findingsOf(build(true));
    expect(ids(findings, 'WA-SqsAgeOfOldestMessageAlarm')).toEqual([]);
    expect(ids(findings, 'WA-ApiGwRestServerErrorAlarm')).toEqual([]);
  });

  test('no alarms anywhere: both findings stay in the service stack', () => {
    const findings = findingsOf(build(false));
    expect(ids(findings, 'WA-SqsAgeOfOldestMessageAlarm')).toEqual(['Service/Orders/Resource']);
    expect(ids(findings, 'WA-ApiGwRestServerErrorAlarm')).toEqual(['Service/Rest/Resource']);
  });
});

describe('a producer/consumer split', () => {
  function build(withConsumer: boolean) {
    const app = newApp();
    const queues = new Stack(app, 'Queues');
    const queue = new sqs.Queue(queues, 'Orders');
    const workers = new Stack(app, 'Workers');
    const fn = handler(workers, 'Worker');
    if (withConsumer) {
      fn.addEventSource(new SqsEventSource(queue));
    }
    return app;
  }

  test('a consumer in another stack: the queue is used', () => {
    expect(ids(findingsOf(build(true)), 'WA-SqsUnusedQueue')).toEqual([]);
  });

  test('no consumer anywhere: the queue is unused', () => {
    expect(ids(findingsOf(build(false)), 'WA-SqsUnusedQueue')).toEqual(['Queues/Orders/Resource']);
  });
});

test('a queue exported for another app is not called unused: its consumer may exist outside the view', () => {
  const app = newApp();
  const queues = new Stack(app, 'Queues');
  const queue = new sqs.Queue(queues, 'Shared');
  queues.exportValue(queue.queueArn, { name: 'shared-queue-arn' });
  new sqs.Queue(queues, 'Orphan');
  expect(ids(findingsOf(app), 'WA-SqsUnusedQueue')).toEqual(['Queues/Orphan/Resource']);
});

describe('an alarm topic subscribed in another stack (three stacks)', () => {
  function build(withSubscription: boolean) {
    const app = newApp();
    const alerting = new Stack(app, 'Alerting');
    const topic = new sns.Topic(alerting, 'Alarms');
    const service = new Stack(app, 'Service');
    const fn = handler(service, 'Handler');
    const monitoring = new Stack(app, 'Monitoring');
    const alarm = fn.metricErrors().createAlarm(monitoring, 'Errors', { threshold: 1, evaluationPeriods: 1 });
    alarm.addAlarmAction(new actions.SnsAction(topic));
    const oncall = new Stack(app, 'OnCall');
    if (withSubscription) {
      new sns.Subscription(oncall, 'Email', {
        topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: 'oncall@example.com',
      });
    } else {
      new sqs.Queue(oncall, 'Unrelated', { queueName: 'unrelated' });
    }
    return app;
  }

  test('subscribed in another stack: no finding', () => {
    expect(ids(findingsOf(build(true)), 'WA-AlarmTopicSubscribed')).toEqual([]);
  });

  test('notified by an alarm of another stack and subscribed nowhere: the finding names the alarm and its stack', () => {
    const findings = findingsOf(build(false)).filter((f) => f.ruleId === 'WA-AlarmTopicSubscribed');
    expect(findings.map((f) => f.constructPath)).toEqual(['Alerting/Alarms/Resource']);
    expect(findings[0].message).toMatch(/in stack Monitoring/);
  });
});

describe('an edge stack with the WAF association', () => {
  function build(withAssociation: boolean) {
    const app = newApp();
    const api = new Stack(app, 'Api');
    const rest = new apigw.RestApi(api, 'Rest', { cloudWatchRole: false });
    rest.root.addMethod('GET', new apigw.MockIntegration());
    const edge = new Stack(app, 'Edge');
    if (withAssociation) {
      const acl = new wafv2.CfnWebACL(edge, 'Acl', {
        defaultAction: { allow: {} },
        scope: 'REGIONAL',
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
      });
      new wafv2.CfnWebACLAssociation(edge, 'Association', {
        resourceArn: rest.deploymentStage.stageArn,
        webAclArn: acl.attrArn,
      });
    } else {
      new sqs.Queue(edge, 'Unrelated', { queueName: 'edge-unrelated' });
    }
    return app;
  }

  test('associated in the edge stack: no finding', () => {
    expect(ids(findingsOf(build(true)), 'WA-ApiGwRestWaf')).toEqual([]);
  });

  test('associated nowhere: the finding stays on the stage', () => {
    expect(ids(findingsOf(build(false)), 'WA-ApiGwRestWaf')).toEqual(['Api/Rest/DeploymentStage.prod/Resource']);
  });
});

describe('nested stacks', () => {
  test('an alarm in a nested stack on a function of its parent', () => {
    const app = newApp();
    const service = new Stack(app, 'Service');
    const fn = handler(service, 'Handler');
    const nested = new NestedStack(service, 'Alarms');
    fn.metricErrors().createAlarm(nested, 'Errors', { threshold: 1, evaluationPeriods: 1 });
    expect(ids(findingsOf(app), 'WA-LambdaErrorsAlarm')).toEqual([]);
  });

  test('an alarm in the parent on a function of a nested stack', () => {
    const app = newApp();
    const service = new Stack(app, 'Service');
    const nested = new NestedStack(service, 'Functions');
    const fn = handler(nested, 'Handler');
    fn.metricErrors().createAlarm(service, 'Errors', { threshold: 1, evaluationPeriods: 1 });
    expect(ids(findingsOf(app), 'WA-LambdaErrorsAlarm')).toEqual([]);
  });

  test('a function in a nested stack without any alarm is a finding', () => {
    const app = newApp();
    const service = new Stack(app, 'Service');
    const nested = new NestedStack(service, 'Functions');
    handler(nested, 'Handler');
    new cloudwatch.Alarm(service, 'Other', {
      metric: new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Errors' }),
      threshold: 1,
      evaluationPeriods: 1,
    });
    expect(ids(findingsOf(app), 'WA-LambdaErrorsAlarm')).toEqual(['Service/Functions/Handler/Resource']);
  });
});
