import * as fs from 'fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/**
 * A validator for the official SARIF 2.1.0 JSON schema (the copy shipped in @microsoft/jest-sarif).
 * The schema is written for draft-04, which Ajv 8 does not load as such; it uses no draft-04-only keyword
 * (no boolean `exclusiveMinimum`), so declaring its id the draft-07 way (`$id`) is enough. Its pattern for
 * `language` (`...]?$`) is not a valid Unicode-mode regular expression, hence `unicodeRegExp: false`.
 */
export function sarifSchemaValidator() {
  const schema = JSON.parse(
    fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf-8'),
  );
  const { $schema, id, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id });
}
