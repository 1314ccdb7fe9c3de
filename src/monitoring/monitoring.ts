import { Lazy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IConstruct } from 'constructs';
import { AddAlarmOptions, AlarmDescriptionProps, AlarmSeverity } from './alarm-options';
import { SlackChannelProps, TeamsChannelProps } from './channel-props';
import { failureQueueDepthAlarm, failureQueueNewMessagesAlarm, FailureQueueKind } from './private/alarm-factories';
import { allowAlarmsToPublish, allowAlarmsToUseKey } from './private/alarm-publisher';
import {
  alarmDescription,
  alarmName,
  alarmNamePrefix,
  dashboardLink,
  DashboardLink,
  defaultDashboardName,
  MAX_ALARM_DESCRIPTION_LENGTH,
} from './private/alarm-text';
import { addChatChannels, addWebhooks, pagingChannelProblems } from './private/paging-channels';

const MONITORING_SYMBOL = Symbol.for('cdk-well-architected.WellArchitectedMonitoring');
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** CloudWatch's limit on the alarms one composite alarm rule may name. */
const MAX_COMPOSITE_CHILDREN = 100;
/** The id of the monitoring `of(scope)` creates in a stack. */
const DEFAULT_ID = 'WellArchitectedMonitoring';

/** Properties of a `WellArchitectedMonitoring`. */
export interface WellArchitectedMonitoringProps {
  /**
   * The name of the service these alarms belong to: the dashboard title and the Powertools service name
   * of the functions that use this monitoring.
   * @default - the stack name
   */
  readonly serviceName?: string;

  /**
   * E-mail addresses subscribed to the alarm topic, which every alarm notifies, critical and warning. When no
   * paging channel (`slackChannels`, `teamsChannels`, `webhookUrls`) is configured they are subscribed to
   * `pagingTopic` too, so the service health alarm reaches them. Each address receives a confirmation e-mail from
   * SNS once per topic, after the first deployment.
   * @default - no subscriptions: add them with `alarmTopic.addSubscription(...)`
   */
  readonly emailSubscriptions?: string[];

  /**
   * Slack channels that AWS Chatbot pages when the service health alarm fires and recovers (they subscribe to
   * `pagingTopic`). Authorize the Slack workspace in the AWS Chatbot console once per account before deploying.
   * The channels share a role that can only read CloudWatch alarms and metrics, with the AWS managed
   * `CloudWatchReadOnlyAccess` policy as guardrail.
   * @default - no Slack channel
   */
  readonly slackChannels?: SlackChannelProps[];

  /**
   * Microsoft Teams channels that AWS Chatbot pages when the service health alarm fires and recovers (they
   * subscribe to `pagingTopic`). Authorize the Teams tenant in the AWS Chatbot console once per account before
   * deploying. The channels share a role that can only read CloudWatch alarms and metrics, with the AWS managed
   * `CloudWatchReadOnlyAccess` policy as guardrail.
   * @default - no Microsoft Teams channel
   */
  readonly teamsChannels?: TeamsChannelProps[];

  /**
   * HTTPS endpoints of on-call tools (PagerDuty, Opsgenie, incident.io...) subscribed to `pagingTopic`, so the
   * service health alarm pages them. The endpoint must confirm the SNS subscription. Notifications SNS cannot
   * deliver go to a dead-letter queue with an alarm. The URL is part of the template: if it embeds a secret,
   * keep the template private.
   * @default - no webhook
   */
  readonly webhookUrls?: string[];

  /**
   * The KMS key that encrypts the alarm topic and the paging topic. Its key policy must let
   * `cloudwatch.amazonaws.com` use it (`kms:Decrypt`, `kms:GenerateDataKey*`), or alarms cannot publish: this is
   * why the AWS managed `alias/aws/sns` key must not be used here
   * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
   * @default - a new customer managed key with rotation enabled and a policy that lets CloudWatch use it for the
   * alarms of this stack's account and region only (`aws:SourceAccount` and `aws:SourceArn` conditions)
   */
  readonly alarmTopicKey?: kms.IKey;

  /**
   * Whether to create a CloudWatch dashboard with a section per construct.
   * @default true
   */
  readonly dashboard?: boolean;

  /**
   * The physical name of the dashboard. Dashboard names are unique per account, across regions. Alarm
   * descriptions link to the dashboard by this name.
   * @default - '<stack name>-<path of this construct in the stack>-<region>', e.g. 'Orders-WellArchitectedMonitoring-eu-west-1'
   */
  readonly dashboardName?: string;
}

/**
 * Where the alarms of a service go and where a person looks at its health.
 *
 * - The alarm topic: every alarm, critical and warning, notifies it on alarm and on recovery. E-mail
 *   subscribers get each alarm with its description.
 * - The service health alarm: a composite alarm in ALARM while any critical alarm is, created with the first
 *   critical alarm. It alone notifies the paging topic, to which the Slack and Teams channels and the webhooks
 *   subscribe, so a page means users are affected and one page covers an incident.
 * - One CloudWatch dashboard with a section per construct, which every alarm description links to.
 *
 * There is one per stack by default, created on first use by `WellArchitectedMonitoring.of(scope)`.
 * Create one yourself in any scope to give the constructs below that scope their own topic and dashboard.
 */
export class WellArchitectedMonitoring extends Construct {
  /**
   * The monitoring that constructs in `scope` report to: the nearest one created in `scope` or one of its
   * ancestors (up to its stack), or else the stack's default one, created on first use.
   */
  public static of(scope: IConstruct): WellArchitectedMonitoring {
    const created = nearestCreated(scope);
    if (created) {
      return created;
    }
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(DEFAULT_ID);
    const fallback =
      existing && WellArchitectedMonitoring.isWellArchitectedMonitoring(existing) ? existing : createProvisional(stack);
    fallback.adopt(scope);
    return fallback;
  }

  /** Whether `x` is a `WellArchitectedMonitoring` (works across copies of this library). */
  public static isWellArchitectedMonitoring(x: any): x is WellArchitectedMonitoring {
    return x !== null && typeof x === 'object' && MONITORING_SYMBOL in x;
  }

  /** The SNS topic every alarm notifies, critical and warning, on alarm and on recovery. Encrypted, TLS-only. */
  public readonly alarmTopic: sns.Topic;

  /** The KMS key that encrypts the alarm topic. */
  public readonly alarmTopicKey: kms.IKey;

  /**
   * The service name: the dashboard title and the default Powertools service name. Read from the monitoring
   * `of()` created for a construct with none yet, it stands for the service name of the monitoring that construct
   * reports to when the app is synthesized.
   */
  public get serviceName(): string {
    const adopter = this.lastAdopter;
    if (!this.provisional || !adopter) {
      return this.ownServiceName;
    }
    return Lazy.string({ produce: () => this.routeOf(adopter).ownServiceName });
  }

  /** The physical name of the dashboard; undefined when dashboards are off. */
  public readonly dashboardName?: string;

  private readonly alarmList: cloudwatch.Alarm[] = [];
  private readonly severities = new Map<cloudwatch.Alarm, AlarmSeverity>();
  private readonly ownServiceName: string;
  private readonly dashboardEnabled: boolean;
  /**
   * Created by `of()` for constructs with no monitoring yet: one created later at an ancestor of such a construct
   * takes its alarms, names, descriptions and dashboard section over, when the app is synthesized.
   */
  private readonly provisional: boolean;
  /** For the provisional one: the scopes it served, and the dashboard sections each added. */
  private readonly adopters: IConstruct[] = [];
  private readonly sections: { adopter: IConstruct; title: string; widgets: cloudwatch.IWidget[] }[] = [];
  private lastAdopter?: IConstruct;
  /** Whether this provisional one was taken over entirely and removed from the tree. */
  private removed = false;
  /** The provisional monitoring this one took constructs over from. */
  private predecessor?: WellArchitectedMonitoring;
  private dashboardResource?: cloudwatch.Dashboard;
  private pagingTopicResource?: sns.Topic;
  /** The e-mail addresses that get the pages too: all of them when no paging channel is configured, else none. */
  private readonly pagingEmails: string[];
  private serviceHealthAlarmResource?: cloudwatch.CompositeAlarm;

  constructor(scope: Construct, id: string, props: WellArchitectedMonitoringProps = {}) {
    super(makeRoomFor(scope, id), id);
    Object.defineProperty(this, MONITORING_SYMBOL, { value: true });
    validateProps(props);
    this.provisional = creatingProvisional;
    creatingProvisional = false;

    this.ownServiceName = props.serviceName ?? Stack.of(this).stackName;
    this.dashboardEnabled = props.dashboard ?? true;
    this.dashboardName = this.dashboardEnabled ? (props.dashboardName ?? defaultDashboardName(this)) : undefined;

    if (props.alarmTopicKey) {
      this.alarmTopicKey = props.alarmTopicKey;
    } else {
      const key = new kms.Key(this, 'AlarmTopicKey', {
        description: `Encrypts the alarm topic of ${this.node.path}; CloudWatch may use it to publish alarms`,
        enableKeyRotation: true,
      });
      // Without this, CloudWatch cannot encrypt messages for the topic and alarm notifications are dropped silently.
      allowAlarmsToUseKey(key);
      this.alarmTopicKey = key;
    }

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `${this.ownServiceName} alarms`.slice(0, 100),
      masterKey: this.alarmTopicKey,
      enforceSSL: true,
    });
    allowAlarmsToPublish(this.alarmTopic);
    for (const email of props.emailSubscriptions ?? []) {
      subscribeEmail(this.alarmTopic, email);
    }

    const slackChannels = props.slackChannels ?? [];
    const teamsChannels = props.teamsChannels ?? [];
    const webhookUrls = props.webhookUrls ?? [];
    const hasPagingChannel = slackChannels.length + teamsChannels.length + webhookUrls.length > 0;
    // Without a paging channel the e-mail subscribers are who the service health alarm reaches: a page that notifies
    // an unsubscribed topic reaches no one (WA-AlarmTopicSubscribed).
    this.pagingEmails = hasPagingChannel ? [] : [...(props.emailSubscriptions ?? [])];
    if (hasPagingChannel) {
      const pagingTopic = this.ensurePagingTopic();
      addChatChannels(this, pagingTopic, this.ownServiceName, slackChannels, teamsChannels);
      const webhookDeadLetterQueue = addWebhooks(this, pagingTopic, webhookUrls);
      if (webhookDeadLetterQueue) {
        this.addUndeliveredPagesAlarm(webhookDeadLetterQueue);
      }
    }

    if (!this.provisional) {
      this.takeOverFromProvisional();
    }

    this.node.addValidation({
      validate: () =>
        this.criticalAlarms.length > MAX_COMPOSITE_CHILDREN
          ? [
              `${this.criticalAlarms.length} critical alarms were added to ${this.node.path}, but its service health ` +
                `composite alarm can name at most ${MAX_COMPOSITE_CHILDREN}. Add some with severity AlarmSeverity.WARNING, ` +
                'or give groups of constructs their own WellArchitectedMonitoring (the monitoring prop).',
            ]
          : [],
    });
  }

  /** The alarms that notify the alarm topic, in the order they were added. */
  public get alarms(): cloudwatch.Alarm[] {
    return this.routedHere().map(([alarm]) => alarm);
  }

  /** The alarms added with severity `AlarmSeverity.CRITICAL`: the children of the service health alarm. */
  public get criticalAlarms(): cloudwatch.Alarm[] {
    return this.routedHere()
      .filter(([, severity]) => severity === AlarmSeverity.CRITICAL)
      .map(([alarm]) => alarm);
  }

  /**
   * The SNS topic only the service health alarm notifies, on alarm and on recovery: what pages. The Slack and
   * Teams channels and webhooks subscribe to it. Encrypted with the alarm topic's key, TLS-only. Undefined until
   * a paging channel is configured or a critical alarm is added.
   */
  public get pagingTopic(): sns.Topic | undefined {
    return this.pagingTopicResource;
  }

  /**
   * The composite alarm that is in ALARM while any critical alarm is: page on this one. Its rule is built when
   * the app is synthesized, from the alarms critical at that time. Undefined until a critical alarm is added.
   */
  public get serviceHealthAlarm(): cloudwatch.CompositeAlarm | undefined {
    return this.serviceHealthAlarmResource;
  }

  /** The dashboard, once a construct has added a section to it; undefined when dashboards are off. */
  public get dashboard(): cloudwatch.Dashboard | undefined {
    return this.dashboardResource;
  }

  /**
   * Make the alarm topic the alarm's action on alarm and on recovery (OK), and record its severity: a critical
   * alarm also becomes part of the service health alarm, which pages. Adding an alarm again with a severity
   * changes its severity; without one, it changes nothing.
   */
  public addAlarm(alarm: cloudwatch.Alarm, options: AddAlarmOptions = {}): void {
    if (!this.provisional) {
      checkSameStack(this, alarm);
    } else if (this.removed) {
      // Taken over and removed: whatever it is asked now goes to the monitoring that took over.
      this.routeOf(alarm).addAlarm(alarm, options);
      return;
    }
    if (!this.alarmList.includes(alarm)) {
      const action: cloudwatch.IAlarmAction = this.provisional
        ? { bind: () => ({ alarmActionArn: Lazy.string({ produce: () => this.routeOf(alarm).alarmTopic.topicArn }) }) }
        : new cloudwatchActions.SnsAction(this.alarmTopic);
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarmList.push(alarm);
      this.severities.set(alarm, options.severity ?? AlarmSeverity.WARNING);
    } else if (options.severity !== undefined) {
      this.severities.set(alarm, options.severity);
    }
    if (this.severities.get(alarm) === AlarmSeverity.CRITICAL) {
      this.ensureServiceHealthAlarm();
    }
  }

  /** The severity an alarm was added with; undefined for an alarm that was not added to this monitoring. */
  public severityOf(alarm: cloudwatch.Alarm): AlarmSeverity | undefined {
    return this.severities.get(alarm) ?? this.predecessor?.severities.get(alarm);
  }

  /**
   * A stable, readable alarm name for a condition of a resource, unique in the account and region:
   * `<serviceName>-<path of the resource in its stack>-<condition>`, e.g. `orders-PlaceOrder-Errors`, with the stack
   * name after the service name when the two differ (`orders-OrdersBlue-PlaceOrder-Errors`), so that two
   * deployments of one app in an account never share an alarm name. Names over
   * CloudWatch's 255 characters are shortened with a hash. Changing a name (a new service name, a moved construct)
   * replaces the alarm and starts its history anew.
   *
   * @param resource the construct the alarm watches
   * @param condition what the alarm watches for, in one word or CamelCase, e.g. 'Errors'
   */
  public alarmName(resource: IConstruct, condition: string): string {
    if (this.provisional) {
      return Lazy.string({ produce: () => alarmName(this.routeOf(resource).ownServiceName, resource, condition) });
    }
    return alarmName(this.ownServiceName, resource, condition);
  }

  /**
   * An alarm description a person can act on, at most 1024 characters: what is wrong, the resource and its
   * construct path, the condition and its window, the likely causes, the first steps, and a console link to this
   * monitoring's dashboard (for the console of the stack's partition and region). Creates the dashboard if it does
   * not exist yet, so that the link works.
   */
  public alarmDescription(props: AlarmDescriptionProps): string {
    if (this.provisional) {
      const ownLink = this.dashboardLinkFor(props.resource);
      return Lazy.string({
        produce: () => {
          const owner = this.routeOf(props.resource);
          // The monitoring that took over made its dashboard when it did.
          return alarmDescription(props, owner === this ? ownLink : owner.existingDashboardLinkFor(props.resource));
        },
      });
    }
    return alarmDescription(props, this.dashboardLinkFor(props.resource));
  }

  /**
   * Add a titled section of widgets to the dashboard: a one-line header, then the widgets in rows of
   * up to 24 grid units. Does nothing when dashboards are off.
   */
  public addDashboardSection(title: string, widgets: cloudwatch.IWidget[]): void {
    if (this.provisional && this.lastAdopter) {
      this.sections.push({ adopter: this.lastAdopter, title, widgets });
    }
    const dashboard = this.ensureDashboard();
    if (!dashboard) {
      return;
    }
    dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: `## ${title}`, width: 24, height: 1 }));
    let row: cloudwatch.IWidget[] = [];
    let rowWidth = 0;
    for (const widget of widgets) {
      if (rowWidth + widget.width > 24 && row.length > 0) {
        dashboard.addWidgets(...row);
        row = [];
        rowWidth = 0;
      }
      row.push(widget);
      rowWidth += widget.width;
    }
    if (row.length > 0) {
      dashboard.addWidgets(...row);
    }
  }

  /** The scope whose monitoring is this provisional one, recorded by `of()`. */
  private adopt(scope: IConstruct): void {
    this.adopters.push(scope);
    this.lastAdopter = scope;
  }

  /**
   * The monitoring that `scope` reports to now: the nearest one created at `scope` or an ancestor, else this
   * (provisional) one.
   */
  private routeOf(scope: IConstruct): WellArchitectedMonitoring {
    return (this.provisional ? nearestCreated(scope) : undefined) ?? this;
  }

  /** The alarms that notify this monitoring's topic now, with their severity: its own and those routed to it. */
  private routedHere(): [cloudwatch.Alarm, AlarmSeverity | undefined][] {
    const provisional = this.predecessor;
    const own = this.provisional ? this.alarmList.filter((alarm) => this.routeOf(alarm) === this) : this.alarmList;
    const routed = provisional ? provisional.alarmList.filter((alarm) => provisional.routeOf(alarm) === this) : [];
    return [
      ...own.map((alarm): [cloudwatch.Alarm, AlarmSeverity | undefined] => [alarm, this.severities.get(alarm)]),
      ...routed.map((alarm): [cloudwatch.Alarm, AlarmSeverity | undefined] => [
        alarm,
        provisional!.severities.get(alarm),
      ]),
    ];
  }

  /**
   * Take over from the stack's provisional monitoring the constructs below this one's scope: their alarms notify
   * this topic (through their routed actions), the critical ones join this service health alarm, and their
   * dashboard sections move here. A provisional monitoring left with nothing to serve is removed, so no topic
   * without subscribers stays behind.
   */
  private takeOverFromProvisional(): void {
    const parent = this.node.scope!;
    const provisional = displaced.get(parent) ?? provisionalOf(this);
    displaced.delete(parent);
    if (!provisional) {
      return;
    }
    this.predecessor = provisional;
    const mine = (scope: IConstruct) => provisional.routeOf(scope) === this;
    if (provisional.adopters.some(mine)) {
      this.ensureDashboard();
    }
    if (
      provisional.alarmList.some((alarm) => mine(alarm) && provisional.severities.get(alarm) === AlarmSeverity.CRITICAL)
    ) {
      this.ensureServiceHealthAlarm();
    }
    for (const section of provisional.sections.filter((entry) => mine(entry.adopter))) {
      this.addDashboardSection(section.title, section.widgets);
    }
    const stillServes =
      provisional.adopters.some((scope) => !mine(scope) && provisional.routeOf(scope) === provisional) ||
      provisional.alarmList.some((alarm) => provisional.routeOf(alarm) === provisional);
    if (!stillServes) {
      const holder = provisional.node.scope!;
      if (holder.node.tryFindChild(provisional.node.id) === provisional) {
        holder.node.tryRemoveChild(provisional.node.id);
      }
      provisional.removed = true;
    }
  }

  private existingDashboardLinkFor(scope: IConstruct): DashboardLink | undefined {
    return this.dashboardResource && this.dashboardName ? dashboardLink(scope, this.dashboardName) : undefined;
  }

  private dashboardLinkFor(scope: IConstruct): DashboardLink | undefined {
    return this.ensureDashboard() && this.dashboardName ? dashboardLink(scope, this.dashboardName) : undefined;
  }

  private ensurePagingTopic(): sns.Topic {
    if (!this.pagingTopicResource) {
      this.pagingTopicResource = new sns.Topic(this, 'PagingTopic', {
        displayName: `${this.ownServiceName} pages`.slice(0, 100),
        masterKey: this.alarmTopicKey,
        enforceSSL: true,
      });
      allowAlarmsToPublish(this.pagingTopicResource);
      for (const email of this.pagingEmails) {
        subscribeEmail(this.pagingTopicResource, email);
      }
    }
    return this.pagingTopicResource;
  }

  private ensureServiceHealthAlarm(): void {
    if (this.serviceHealthAlarmResource) {
      return;
    }
    const criticalRule: cloudwatch.IAlarmRule = {
      // With every alarm reclassified as a warning, FALSE keeps the composite valid and never pages.
      renderAlarmRule: () =>
        Lazy.string({
          produce: () => {
            const critical = this.criticalAlarms;
            return critical.length === 0
              ? cloudwatch.AlarmRule.fromBoolean(false).renderAlarmRule()
              : cloudwatch.AlarmRule.anyOf(...critical).renderAlarmRule();
          },
        }),
    };
    // The stack's default monitoring names it after the service alone; any other after its path too, to stay unique.
    const isStackDefault = this.node.scope === Stack.of(this) && this.node.id === DEFAULT_ID;
    const link = this.dashboardLinkFor(this);
    const alarm = new cloudwatch.CompositeAlarm(this, 'ServiceHealthAlarm', {
      compositeAlarmName: isStackDefault
        ? `${alarmNamePrefix(this.ownServiceName, this)}-ServiceHealth`
        : this.alarmName(this, 'ServiceHealth'),
      alarmRule: criticalRule,
      alarmDescription: Lazy.string({ produce: () => this.serviceHealthDescription(link) }),
    });
    const action = new cloudwatchActions.SnsAction(this.ensurePagingTopic());
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.serviceHealthAlarmResource = alarm;
  }

  private serviceHealthDescription(link: DashboardLink | undefined): string {
    // Alarms named by CloudFormation have no name yet: their construct path stands in for it.
    const names = this.criticalAlarms.map((alarm) => {
      const name = (alarm.node.defaultChild as cloudwatch.CfnAlarm).alarmName;
      const resolved = name === undefined ? undefined : Stack.of(this).resolve(name);
      return typeof resolved === 'string' && !Token.isUnresolved(resolved) ? resolved : alarm.node.path;
    });
    const tail = link ? ` Dashboard: ${link.url}` : '';
    const budget = MAX_ALARM_DESCRIPTION_LENGTH - (link ? ' Dashboard: '.length + link.maxLength : 0);
    const head =
      `Service ${this.ownServiceName} is unhealthy: at least one of its critical alarms is in ALARM, so users are likely ` +
      'affected. The notification lists the alarms that fired (TriggeringChildren); the description of each says what ' +
      'is wrong and what to do first. Critical alarms: ';
    let listed = names.length;
    const render = () =>
      `${head}${names.slice(0, listed).join(', ')}${listed < names.length ? ` and ${names.length - listed} more` : ''}.`;
    while (listed > 0 && render().length > budget) {
      listed--;
    }
    return `${render().slice(0, budget)}${tail}`;
  }

  private addUndeliveredPagesAlarm(deadLetterQueue: sqs.Queue): void {
    // Depth is a warning: one undelivered page keeps it in ALARM until someone empties the queue. What pages is a
    // new undelivered page (critical, so it joins the service health alarm and reaches the other channels and the
    // e-mail subscribers); it returns to OK by itself a minute after the last one arrives.
    const placement = (id: string) => ({ monitoring: this, scope: this, id, watched: deadLetterQueue });
    const undelivered = {
      queueName: deadLetterQueue.queueName,
      kind: FailureQueueKind.UNDELIVERED_PAGES,
      owner: 'the paging topic',
    };
    failureQueueDepthAlarm(placement('UndeliveredPagesAlarm'), undelivered, 'UndeliveredPages');
    failureQueueNewMessagesAlarm(placement('NewUndeliveredPagesAlarm'), undelivered);
  }

  private ensureDashboard(): cloudwatch.Dashboard | undefined {
    if (!this.dashboardEnabled) {
      return undefined;
    }
    if (!this.dashboardResource) {
      this.dashboardResource = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: this.dashboardName });
      this.dashboardResource.addWidgets(
        new cloudwatch.TextWidget({
          markdown: `# ${this.ownServiceName}\nEvery alarm below notifies the SNS topic \`${this.alarmTopic.topicName}\` on alarm and on recovery; the critical ones also page through the service health alarm.`,
          width: 18,
          height: 2,
        }),
        new LiveAlarmStatusWidget(() => this.alarms),
      );
    }
    return this.dashboardResource;
  }
}

/** An e-mail subscription to one of the monitoring's topics; no dead-letter queue, for the reason below. */
function subscribeEmail(topic: sns.Topic, email: string): void {
  const subscription = topic.addSubscription(new subscriptions.EmailSubscription(email));
  Validations.of(subscription).acknowledge({
    id: 'Serverless::Serverless-SNSRedrivePolicy',
    reason:
      'An e-mail subscription delivers alarm notifications to a person. A dead-letter queue of undelivered ' +
      'e-mails would need someone to read it in turn, and a notification replayed later tells nothing the alarm ' +
      'state and history in CloudWatch do not: a missed e-mail is recovered from the alarm, not redriven.',
  });
}

function validateProps(props: WellArchitectedMonitoringProps): void {
  const problems: string[] = pagingChannelProblems(
    props.slackChannels ?? [],
    props.teamsChannels ?? [],
    props.webhookUrls ?? [],
  );
  for (const email of props.emailSubscriptions ?? []) {
    if (!Token.isUnresolved(email) && !EMAIL_PATTERN.test(email)) {
      problems.push(
        `emailSubscriptions: '${email}' is not an e-mail address; give addresses such as 'oncall@example.com'.`,
      );
    }
  }
  if (props.dashboard === false && props.dashboardName !== undefined) {
    problems.push(
      `dashboardName: '${props.dashboardName}' is set but dashboard is false; remove dashboardName or set dashboard to true.`,
    );
  }
  if (
    props.dashboardName !== undefined &&
    !Token.isUnresolved(props.dashboardName) &&
    !/^[A-Za-z0-9_-]{1,255}$/.test(props.dashboardName)
  ) {
    problems.push(
      `dashboardName: '${props.dashboardName}' is not a valid dashboard name; use up to 255 letters, digits, '-' and '_'.`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Invalid WellArchitectedMonitoring props:\n- ${problems.join('\n- ')}`);
  }
}

/** Set while `of()` creates the stack's provisional monitoring. */
let creatingProvisional = false;

function createProvisional(stack: Stack): WellArchitectedMonitoring {
  creatingProvisional = true;
  try {
    return new WellArchitectedMonitoring(stack, DEFAULT_ID);
  } finally {
    creatingProvisional = false;
  }
}

/** A provisional monitoring removed to free its id for the monitoring being created in that scope. */
const displaced = new WeakMap<IConstruct, WellArchitectedMonitoring>();

/** The nearest monitoring created at `scope` or an ancestor, up to its stack; provisional ones do not count. */
function nearestCreated(scope: IConstruct): WellArchitectedMonitoring | undefined {
  const stack = Stack.of(scope);
  let current: IConstruct | undefined = scope;
  while (current) {
    const found = current.node.children.find(
      (child) => WellArchitectedMonitoring.isWellArchitectedMonitoring(child) && !(child as any).provisional,
    );
    if (found) {
      return found as WellArchitectedMonitoring;
    }
    if (current === stack) {
      return undefined;
    }
    current = current.node.scope;
  }
  return undefined;
}

/** The provisional monitoring `of()` created in the stack of `scope`, if any is still in the tree. */
function provisionalOf(scope: IConstruct): WellArchitectedMonitoring | undefined {
  const child = Stack.of(scope).node.tryFindChild(DEFAULT_ID);
  return child && WellArchitectedMonitoring.isWellArchitectedMonitoring(child) && (child as any).provisional
    ? child
    : undefined;
}

/**
 * Free the id of the stack's provisional monitoring for a monitoring created with that id (the README's): the
 * new one takes over everything the provisional one served, since it sits at the stack.
 */
function makeRoomFor(scope: Construct, id: string): Construct {
  const existing = scope.node.tryFindChild(id);
  if (existing && WellArchitectedMonitoring.isWellArchitectedMonitoring(existing) && (existing as any).provisional) {
    displaced.set(scope, existing);
    scope.node.tryRemoveChild(id);
  }
  return scope;
}

/**
 * The alarm status widget at the top of the dashboard, listing the alarms that notify the monitoring when the
 * app is synthesized (constructs created before their monitoring join it then).
 */
class LiveAlarmStatusWidget extends cloudwatch.AlarmStatusWidget {
  constructor(private readonly currentAlarms: () => cloudwatch.IAlarm[]) {
    super({ title: 'Alarms', alarms: [], width: 6, height: 2 });
  }

  public toJson(): any[] {
    const widget = new cloudwatch.AlarmStatusWidget({
      title: 'Alarms',
      alarms: this.currentAlarms(),
      width: 6,
      height: 2,
    });
    widget.position(this.x ?? 0, this.y ?? 0);
    return widget.toJson();
  }
}

/**
 * A monitoring's topic, composite alarm and dashboard reference the alarms it is given, and the alarms reference
 * its topic: across two stacks that is a cycle CloudFormation refuses.
 */
function checkSameStack(monitoring: WellArchitectedMonitoring, alarm: cloudwatch.Alarm): void {
  const monitoringStack = Stack.of(monitoring);
  const alarmStack = Stack.of(alarm);
  // A nested stack exchanges values with its parents through parameters and outputs, without a cycle.
  for (let stack: Stack | undefined = alarmStack; stack; stack = stack.nestedStackParent) {
    if (stack === monitoringStack) {
      return;
    }
  }
  throw new Error(
    `monitoring: the WellArchitectedMonitoring '${monitoring.node.path}' is in stack '${monitoringStack.node.path}', ` +
      `but the alarm '${alarm.node.path}' is in stack '${alarmStack.node.path}'. Its topic, service health alarm and ` +
      'dashboard would reference that stack while the alarm references its topic: a cyclic reference between the two ' +
      `stacks. Give stack '${alarmStack.node.path}' its own monitoring (leave the monitoring prop unset, or create a ` +
      `WellArchitectedMonitoring in that stack) with the same subscriptions.`,
  );
}
