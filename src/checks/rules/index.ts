import { apiGatewayRules } from './apigateway';
import { appSyncRules } from './appsync';
import { cloudWatchRules } from './cloudwatch';
import { dynamoDbRules } from './dynamodb';
import { eventsRules } from './events';
import { iamRules } from './iam';
import { lambdaRules } from './lambda';
import { logsRules } from './logs';
import { snsRules } from './sns';
import { sqsRules } from './sqs';
import { stepFunctionsRules } from './stepfunctions';
import { Rule } from '../engine/rule';
import { compareStrings } from '../report/pillars';

// The one built-in rule with options: replace the catalogue's instance to pin its date or warning window.
export * from './lambda/lambda-runtime-support';

/** The built-in rule catalogue. */
export class WellArchitectedRules {
  /** A new instance of every built-in rule, in a stable order (by id). */
  public static all(): Rule[] {
    const rules = [
      ...lambdaRules(),
      ...sqsRules(),
      ...snsRules(),
      ...cloudWatchRules(),
      ...logsRules(),
      ...apiGatewayRules(),
      ...stepFunctionsRules(),
      ...eventsRules(),
      ...dynamoDbRules(),
      ...appSyncRules(),
      ...iamRules(),
    ];
    return rules.sort((a, b) => compareStrings(a.id, b.id));
  }

  /** The built-in rule with this id, or undefined. */
  public static byId(id: string): Rule | undefined {
    return WellArchitectedRules.all().find((rule) => rule.id === id);
  }

  private constructor() {}
}
