import { createHash } from 'crypto';
import { Aws, CfnCondition, Duration, Fn, Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';
import { AlarmDescriptionProps } from '../alarm-options';

/** CloudWatch's limits on `AlarmDescription` and `AlarmName`. */
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;
export const MAX_ALARM_NAME_LENGTH = 255;
const MAX_DASHBOARD_NAME_LENGTH = 255;

/** The longest region name a token can resolve to (today 'ap-southeast-5', 14 characters), with headroom. */
const MAX_REGION_LENGTH = 20;

/**
 * The console host of each partition. Partitions without a public console (the isolated ones) get the
 * commercial host: a wrong link there is better than a failed deployment, which a `Fn::FindInMap` on an
 * unknown partition would cause.
 */
const CONSOLE_HOSTS: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};
const MAX_CONSOLE_HOST_LENGTH = Math.max(...Object.values(CONSOLE_HOSTS).map((host) => host.length));

/** A dashboard console link and the longest it can be once CloudFormation resolves its tokens. */
export interface DashboardLink {
  readonly url: string;
  readonly maxLength: number;
}

/**
 * The physical name of a monitoring's dashboard: stack name, the monitoring's path in the stack, and the region.
 * Dashboard names are unique per account across regions, so the region is part of it; a stack name is unique per
 * region and a path per stack.
 */
export function defaultDashboardName(monitoring: IConstruct): string {
  const stack = Stack.of(monitoring);
  const relative = relativePath(monitoring).replace(/\//g, '-');
  const base = Token.isUnresolved(stack.stackName) ? relative : `${stack.stackName}-${relative}`;
  const safe = base.replace(/[^A-Za-z0-9_-]/g, '');
  const room = MAX_DASHBOARD_NAME_LENGTH - 1 - MAX_REGION_LENGTH;
  return `${shorten(safe, room)}-${stack.region}`;
}

/**
 * The console link to a dashboard, for alarms in `scope`'s stack: the console host of the stack's partition,
 * the region, and the dashboard name.
 */
export function dashboardLink(scope: IConstruct, dashboardName: string): DashboardLink {
  // A name of our making holds at most the region token; any other token (a parameter) may be as long as allowed.
  const ours = Token.isUnresolved(dashboardName) && literalLength(dashboardName) > 0;
  const stack = Stack.of(scope);
  const prefix = `https://${consoleHost(stack)}/cloudwatch/home?region=${stack.region}#dashboards/dashboard/`;
  const regionLength = Token.isUnresolved(stack.region) ? MAX_REGION_LENGTH : stack.region.length;
  const fixed = 'https:///cloudwatch/home?region=#dashboards/dashboard/'.length;
  const nameLength = !Token.isUnresolved(dashboardName)
    ? dashboardName.length
    : ours
      ? Math.min(
          MAX_DASHBOARD_NAME_LENGTH,
          literalLength(dashboardName) + MAX_REGION_LENGTH * tokenCount(dashboardName),
        )
      : MAX_DASHBOARD_NAME_LENGTH;
  return { url: `${prefix}${dashboardName}`, maxLength: fixed + MAX_CONSOLE_HOST_LENGTH + regionLength + nameLength };
}

/**
 * The console host of the stack's partition: a literal when the stack's region is known at synthesis, else
 * a `Fn::If` on `AWS::Partition` (conditions, unlike a mapping lookup, cannot fail on an unknown partition).
 */
function consoleHost(stack: Stack): string {
  if (!Token.isUnresolved(stack.region)) {
    const partition = RegionInfo.get(stack.region).partition;
    return CONSOLE_HOSTS[partition ?? 'aws'] ?? CONSOLE_HOSTS.aws;
  }
  const inChina = partitionCondition(stack, 'WellArchitectedPartitionIsChina', 'aws-cn');
  const inGovCloud = partitionCondition(stack, 'WellArchitectedPartitionIsGovCloud', 'aws-us-gov');
  return Token.asString(
    Fn.conditionIf(
      inChina.logicalId,
      CONSOLE_HOSTS['aws-cn'],
      Fn.conditionIf(inGovCloud.logicalId, CONSOLE_HOSTS['aws-us-gov'], CONSOLE_HOSTS.aws),
    ),
  );
}

function partitionCondition(stack: Stack, id: string, partition: string): CfnCondition {
  const existing = stack.node.tryFindChild(id);
  if (existing) {
    return existing as CfnCondition;
  }
  const condition = new CfnCondition(stack, id, { expression: Fn.conditionEquals(Aws.PARTITION, partition) });
  // Keep the logical ID readable and stable whatever the construct tree above the stack looks like.
  condition.overrideLogicalId(id);
  return condition;
}

/**
 * What alarm names of a stack start with: the service name, followed by the stack name when they differ. A stack
 * name is unique in an account and region, so two deployments of one app (two stacks sharing a service name)
 * never share an alarm name.
 */
export function alarmNamePrefix(serviceName: string, scope: IConstruct): string {
  const stackName = Stack.of(scope).stackName;
  return serviceName === stackName ? serviceName : `${serviceName}-${stackName}`;
}

/**
 * A stable, readable alarm name: `<serviceName>-<path of the resource in its stack>-<condition>`, e.g.
 * `orders-PlaceOrder-Errors`. Characters CloudWatch does not accept (outside printable ASCII) become '_'. A name
 * over 255 characters keeps its start and end and replaces the middle of the path with a hash of the full name,
 * so it stays unique.
 */
export function alarmName(serviceName: string, resource: IConstruct, condition: string): string {
  const path = relativePath(resource).replace(/[^\x20-\x7E]/g, '_');
  const prefix = alarmNamePrefix(serviceName, resource);
  const full = `${prefix}-${path}-${condition}`;
  if (Token.isUnresolved(prefix) || full.length <= MAX_ALARM_NAME_LENGTH) {
    return full;
  }
  const hash = shortHash(full);
  const service = prefix.slice(0, 80);
  const room = MAX_ALARM_NAME_LENGTH - service.length - condition.length - hash.length - 4;
  return `${service}-${path.slice(0, Math.max(0, room))}~${hash}-${condition}`.slice(0, MAX_ALARM_NAME_LENGTH);
}

/**
 * The description of an alarm, in this order: what is wrong, the resource and its construct path, the condition
 * and its window, the likely causes, the first steps, and the dashboard link. Fits CloudWatch's 1024-character
 * limit once CloudFormation resolves the link: the last causes and steps are dropped first, then the text is cut.
 */
export function alarmDescription(props: AlarmDescriptionProps, link?: DashboardLink): string {
  const head = [
    sentence(props.summary),
    `Resource: ${props.resourceKind} ${props.resource.node.path}.`,
    `Fires when ${props.threshold} ${evaluationWindow(props)}.`,
  ].join(' ');
  const tail = link ? ` Dashboard: ${link.url}` : '';
  const budget = MAX_ALARM_DESCRIPTION_LENGTH - (link ? ' Dashboard: '.length + link.maxLength : 0);

  const causes = [...props.likelyCauses];
  const steps = [...props.firstSteps];
  const render = () =>
    [
      head,
      causes.length > 0 ? `Likely causes: ${causes.map(unsentence).join('; ')}.` : '',
      steps.length > 0 ? `First steps: ${steps.map((step, i) => `${i + 1}) ${unsentence(step)}`).join('; ')}.` : '',
    ]
      .filter((part) => part.length > 0)
      .join(' ');
  let text = render();
  while (literalLength(text) > budget && (causes.length > 1 || steps.length > 1)) {
    if (causes.length >= steps.length) {
      causes.pop();
    } else {
      steps.pop();
    }
    text = render();
  }
  if (literalLength(text) > budget) {
    text = `${text.slice(0, Math.max(0, budget - 3))}...`;
  }
  return `${text}${tail}`;
}

/** 'in any 1-minute period' or 'in 3 of the last 5 1-minute periods'. */
function evaluationWindow(props: AlarmDescriptionProps): string {
  const period = describePeriod(props.period);
  const evaluationPeriods = props.evaluationPeriods;
  const datapoints = props.datapointsToAlarm ?? evaluationPeriods;
  if (Token.isUnresolved(evaluationPeriods) || Token.isUnresolved(datapoints)) {
    return `over the alarm's evaluation periods of ${period}`;
  }
  if (evaluationPeriods === 1) {
    return `in any ${period} period`;
  }
  if (datapoints === evaluationPeriods) {
    return `in ${evaluationPeriods} consecutive ${period} periods`;
  }
  return `in ${datapoints} of the last ${evaluationPeriods} ${period} periods`;
}

function describePeriod(period: Duration): string {
  if (period.isUnresolved()) {
    return 'the configured';
  }
  const seconds = period.toSeconds();
  if (seconds % 3600 === 0) {
    return `${seconds / 3600}-hour`;
  }
  if (seconds % 60 === 0) {
    return `${seconds / 60}-minute`;
  }
  return `${seconds}-second`;
}

/** The construct's path below its stack, e.g. 'Api/PlaceOrder'; the stack's own name for the stack itself. */
export function relativePath(construct: IConstruct): string {
  const stack = Stack.of(construct);
  if (construct === stack) {
    return stack.node.id;
  }
  const stackPath = stack.node.path;
  return stackPath === '' ? construct.node.path : construct.node.path.slice(stackPath.length + 1);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function unsentence(text: string): string {
  return text.trim().replace(/[.;]+$/, '');
}

function shorten(text: string, maxLength: number): string {
  if (text.length <= maxLength) {
    return text;
  }
  const hash = shortHash(text);
  return `${text.slice(0, maxLength - hash.length - 1)}-${hash}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase();
}

/** The length of a string with its tokens left out (their resolved length is accounted for separately). */
function literalLength(text: string): number {
  return Token.isUnresolved(text) ? text.replace(TOKEN_PATTERN, '').length : text.length;
}

function tokenCount(text: string): number {
  return (text.match(TOKEN_PATTERN) ?? []).length;
}

/** The string form of a CDK token: '${Token[...]}'. */
const TOKEN_PATTERN = /\$\{Token\[[^\]]*\]\}/g;
