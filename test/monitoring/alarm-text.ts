import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * A CloudFormation value as text the way a reader sees it after deployment in the commercial partition:
 * `Fn::Join` joined, `Ref`s of pseudo parameters as `${AWS::Region}`, other `Ref`s as `${LogicalId}`, and a
 * `Fn::If` as its last (else) branch, which is the commercial console host.
 */
export function renderText(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return `${value}`;
  }
  const intrinsic = value as Record<string, any>;
  if (intrinsic?.['Fn::Join']) {
    const [separator, parts] = intrinsic['Fn::Join'];
    return (parts as unknown[]).map(renderText).join(separator);
  }
  if (intrinsic?.Ref) {
    return `\${${intrinsic.Ref}}`;
  }
  if (intrinsic?.['Fn::If']) {
    return renderText(intrinsic['Fn::If'][2]);
  }
  if (intrinsic?.['Fn::GetAtt']) {
    return `\${${intrinsic['Fn::GetAtt'].join('.')}}`;
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

/** The alarm descriptions of a stack (plain and composite alarms that have one), as text, keyed by alarm name. */
export function alarmDescriptions(stack: Stack): Record<string, string> {
  const template = Template.fromStack(stack);
  const alarms = {
    ...template.findResources('AWS::CloudWatch::Alarm'),
    ...template.findResources('AWS::CloudWatch::CompositeAlarm'),
  };
  const result: Record<string, string> = {};
  for (const [logicalId, alarm] of Object.entries(alarms)) {
    const name = alarm.Properties.AlarmName ?? logicalId;
    const description = alarm.Properties.AlarmDescription;
    if (description !== undefined) {
      result[renderText(name)] = renderText(description);
    }
  }
  return result;
}
