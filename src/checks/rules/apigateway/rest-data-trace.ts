import { REST_STAGE_TYPES, RestStageSettings, stageLabel, UNKNOWN_SETTING } from './rest-stage';
import { CheckedResource } from '../../engine/resource';
import { Pillar, Rule, RuleContext, RuleResult, Severity } from '../../engine/rule';
import { Values } from '../../engine/values';

/** REST API stages do not log full request and response bodies. */
export class ApiGwRestDataTraceRule extends Rule {
  constructor() {
    super({
      id: 'WA-ApiGwRestDataTrace',
      pillar: Pillar.SECURITY,
      lensQuestion: 'SEC 3',
      severity: Severity.WARNING,
      description:
        'A REST API stage does not enable data trace, which writes full request and response bodies (tokens, personal data) to CloudWatch Logs and adds log ingestion cost. AWS advises against it for production APIs.',
      remediation:
        'Remove `deployOptions.dataTraceEnabled` (or set it to `false`) and any `methodOptions` with `dataTraceEnabled: true`; use access logs and ERROR/INFO execution logs instead.',
      resourceTypes: REST_STAGE_TYPES,
      equivalents: {
        checkov: ['CKV_AWS_276'],
      },
    });
  }

  public evaluate(resource: CheckedResource, context: RuleContext): RuleResult {
    const stage = RestStageSettings.of(resource, context.index);
    if (stage instanceof RuleResult) {
      return stage;
    }
    const values: any[] = [];
    if (stage.inline) {
      values.push(stage.stageProperty('DataTraceEnabled'));
    }
    const list = stage.methodSettings();
    if (list === UNKNOWN_SETTING) {
      values.push(UNKNOWN_SETTING);
    } else {
      for (const setting of list) {
        values.push(Values.isUnknown(setting) ? UNKNOWN_SETTING : Values.get(setting, 'DataTraceEnabled'));
      }
    }
    if (values.some((v) => v !== UNKNOWN_SETTING && !Values.isUnknown(v) && Values.asBoolean(v) === true)) {
      return RuleResult.nonCompliant(
        `${stageLabel(resource)} logs full request and response data (data trace). Remove \`dataTraceEnabled: true\` from \`deployOptions\` and \`methodOptions\`.`,
      );
    }
    if (values.some((v) => v === UNKNOWN_SETTING || Values.isUnknown(v))) {
      return RuleResult.unknown('a DataTraceEnabled setting is not known at synth time');
    }
    return RuleResult.compliant();
  }
}
