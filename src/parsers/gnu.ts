import type { Diagnostic } from '../core/result.js';

/**
 * `file:line:col: message` — the GNU error format that compilers and many linters print (gcc,
 * shellcheck `-f gcc`, oxlint and ESLint `--format unix`, yamllint `-f parsable`, mypy, ruff `--output-format concise`). Also `file:line: message`, a `warning:`/`error:`/`note:`
 * severity after the location, and a trailing `[code]` as the diagnostic's code. Lines in any
 * other shape are not diagnostics and are left alone; this parser never throws.
 */
const LOCATED = /^(?<file>[^\s:][^:]*?):(?<line>\d+)(?::(?<column>\d+))?(?:[-.][\d.:-]*)?:\s+(?<rest>.+)$/;
const SEVERITY = /^(?<severity>fatal error|error|warning|warn|note|info|[EWI])\s*:\s*(?<message>.*)$/i;
const TRAILING_CODE = /\s+\[(?<code>[^\]\s]+)\]\s*$/;

function severityOf(word: string | undefined): 'error' | 'warning' {
  if (word === undefined) return 'error';
  return /^(warning|warn|note|info|w|i)$/i.test(word) ? 'warning' : 'error';
}

/** A line's location and the text after it; undefined for a line that is not a diagnostic. */
function located(raw: string): { file: string; line: number; column: number | undefined; rest: string } | undefined {
  const g = LOCATED.exec(raw.trimEnd())?.groups;
  if (!g?.['file'] || !g['line'] || !g['rest']) return undefined;
  const line = Number(g['line']);
  if (line < 1 || /^https?$/i.test(g['file'])) return undefined;
  const column = g['column'] === undefined ? undefined : Number(g['column']);
  return { file: g['file'], line, column: column !== undefined && column > 0 ? column : undefined, rest: g['rest'] };
}

/** The text after the location, split into a severity word (before it, or in the brackets), the message and a trailing `[code]`. */
function classified(rest: string): { message: string; code: string | undefined; severityWord: string | undefined } {
  const sev = SEVERITY.exec(rest)?.groups;
  let message = sev ? (sev['message'] ?? '') : rest;
  let code = TRAILING_CODE.exec(message)?.groups?.['code'];
  if (code !== undefined) message = message.replace(TRAILING_CODE, '');
  // oxlint's and ESLint's `unix` format put the severity in the brackets: `[Error/no-debugger]`.
  const bracketed = code === undefined ? undefined : /^(Error|Warning|Info)\/(.+)$/i.exec(code);
  if (bracketed) code = bracketed[2];
  return { message, code, severityWord: sev?.['severity'] ?? bracketed?.[1] };
}

export function parseGnu(text: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const at = located(raw);
    if (at === undefined) continue;
    const { message, code, severityWord } = classified(at.rest);
    diagnostics.push({ file: at.file, line: at.line, column: at.column, code, message: message.trim() || 'problem', severity: severityOf(severityWord) });
  }
  return diagnostics;
}
