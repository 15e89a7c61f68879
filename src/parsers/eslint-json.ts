import type { Diagnostic } from '../core/result.js';
import { ReportFormatError, asArray, asRecord, positiveInt, textOf } from './report-json.js';

/**
 * ESLint's `--format json` (and the many tools that copy it: oxlint's `json`, Stylelint's
 * `--formatter json`): an array of `{ filePath, messages: [{ ruleId, severity, message, line, … }] }`.
 * `file` is the path as written (ESLint writes absolute paths). Throws a ReportFormatError, never
 * anything else, when the text is not that.
 */
export function parseEslintJson(text: string): Diagnostic[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ReportFormatError(`not an ESLint JSON report: not JSON (${(error as Error).message})`);
  }
  const files = asArray(value);
  if (!files) throw new ReportFormatError('not an ESLint JSON report: the JSON is not an array of files');
  return files.flatMap((entry, f) => {
    const file = asRecord(entry);
    const messages = asArray(file?.['messages'] ?? file?.['warnings']);
    if (!file || !messages) throw new ReportFormatError(`not an ESLint JSON report: entry ${f} has no "messages" array`);
    const filePath = textOf(file['filePath'] ?? file['source']);
    return messages.map((item, m): Diagnostic => {
      const message = asRecord(item);
      if (!message) throw new ReportFormatError(`not an ESLint JSON report: entry ${f}, message ${m} is not an object`);
      const rule = textOf(message['ruleId'] ?? message['rule']);
      const severity = message['severity'];
      return {
        file: filePath,
        line: positiveInt(message['line']),
        column: positiveInt(message['column']),
        endLine: positiveInt(message['endLine']),
        endColumn: positiveInt(message['endColumn']),
        code: rule ?? (message['fatal'] === true ? 'parse-error' : undefined),
        message: textOf(message['message'] ?? message['text']) ?? rule ?? 'lint message',
        severity: severity === 1 || severity === 'warning' ? 'warning' : 'error',
      };
    });
  });
}
