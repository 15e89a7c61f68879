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

export function parseGnu(text: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const m = LOCATED.exec(line);
    const g = m?.groups;
    if (!g?.['file'] || !g['line'] || !g['rest']) continue;
    const lineNo = Number(g['line']);
    if (lineNo < 1 || /^https?$/i.test(g['file'])) continue;
    let rest = g['rest'];
    const sev = SEVERITY.exec(rest)?.groups;
    if (sev) rest = sev['message'] ?? '';
    let code = TRAILING_CODE.exec(rest)?.groups?.['code'];
    if (code !== undefined) rest = rest.replace(TRAILING_CODE, '');
    // oxlint's and ESLint's `unix` format put the severity in the brackets: `[Error/no-debugger]`.
    const bracketed = code === undefined ? undefined : /^(Error|Warning|Info)\/(.+)$/i.exec(code);
    const severityWord = sev?.['severity'] ?? bracketed?.[1];
    if (bracketed) code = bracketed[2];
    const column = g['column'] === undefined ? undefined : Number(g['column']);
    diagnostics.push({
      file: g['file'],
      line: lineNo,
      column: column !== undefined && column > 0 ? column : undefined,
      code,
      message: rest.trim() || 'problem',
      severity: severityOf(severityWord),
    });
  }
  return diagnostics;
}
