import { AlarmActionsEnabledRule } from './actions-enabled';
import { AlarmActionRule } from './alarm-action';
import { AlarmTopicSubscribedRule } from './alarm-topic-subscribed';
import { PagingCompositeRecoversRule } from './paging-composite-recovers';
import { Rule } from '../../engine/rule';

/** The CloudWatch alarm rules, one a file in this folder. */
export function cloudWatchRules(): Rule[] {
  return [
    new AlarmActionRule(),
    new AlarmActionsEnabledRule(),
    new AlarmTopicSubscribedRule(),
    new PagingCompositeRecoversRule(),
  ];
}
