import { Values } from '../../engine/values';

/** How an access log format reads: not JSON, JSON without `$context.requestId`, or JSON with it. */
export enum AccessLogFormatKind {
  NOT_JSON = 'not-json',
  JSON_WITHOUT_REQUEST_ID = 'json-without-request-id',
  JSON_WITH_REQUEST_ID = 'json-with-request-id',
  UNKNOWN = 'unknown',
}

const CONTEXT_VARIABLE = /\$(context|stageVariables)\.[A-Za-z0-9_.\-]+/g;

/**
 * Classify an access log format. API Gateway substitutes `$context.*` variables before writing, so a
 * variable may stand unquoted where a number goes (`"status":$context.status`): substitute a number for
 * each variable before parsing, so such formats still count as JSON.
 */
export function classifyAccessLogFormat(format: any): AccessLogFormatKind {
  if (Values.isUnknown(format) || typeof format !== 'string') {
    return AccessLogFormatKind.UNKNOWN;
  }
  let parsed: any;
  try {
    parsed = JSON.parse(format.replace(CONTEXT_VARIABLE, '0'));
  } catch {
    return AccessLogFormatKind.NOT_JSON;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return AccessLogFormatKind.NOT_JSON;
  }
  return /\$context\.requestId(?![A-Za-z0-9_])/.test(format)
    ? AccessLogFormatKind.JSON_WITH_REQUEST_ID
    : AccessLogFormatKind.JSON_WITHOUT_REQUEST_ID;
}
