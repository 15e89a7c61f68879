import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { REPO } from './project.js';

/** The official SARIF 2.1.0 JSON Schema, as shipped in @microsoft/jest-sarif, compiled by Ajv. */
export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(path.join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  // The schema is draft-04 (`id`, a draft-04 meta-schema) with one pattern that is not a valid
  // unicode regex; Ajv 8 checks it once those two draft-04 headers are removed.
  delete schema['$schema'];
  delete schema['id'];
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, validateFormats: false });
  return ajv.compile(schema);
}
