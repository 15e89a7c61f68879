import type { Diagnostic } from '../../src/core/result.js';

const LOCATED = /^(.+?)\((\d+),(\d+)\): (error|warning|message) (TS\d+): (.*)$/;
const GLOBAL = /^(error|warning|message) (TS\d+): (.*)$/;

export interface TscParse {
  diagnostics: Diagnostic[];
  /** Lines that were neither a diagnostic nor a continuation of one. */
  unrecognised: number;
}

/**
 * Reads `tsc --pretty false` output (the same on TypeScript 5, 6 and the native 7):
 * `file(line,col): error TS2322: message`, continuation lines indented by two spaces.
 * File paths are returned as tsc printed them (relative to its working directory).
 */
export function parseTscOutput(text: string): TscParse {
  const diagnostics: Diagnostic[] = [];
  let unrecognised = 0;
  let last: Diagnostic | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === '') continue;
    const located = LOCATED.exec(line);
    if (located) {
      last = {
        file: located[1] ?? '',
        line: Number(located[2]),
        column: Number(located[3]),
        code: located[5] ?? '',
        message: located[6] ?? '',
        severity: located[4] === 'error' ? 'error' : 'warning',
      };
      diagnostics.push(last);
      continue;
    }
    const global = GLOBAL.exec(line);
    if (global) {
      last = { code: global[2] ?? '', message: global[3] ?? '', severity: global[1] === 'error' ? 'error' : 'warning' };
      diagnostics.push(last);
      continue;
    }
    if (last && /^\s/.test(raw)) {
      last.message += `\n${line.trim()}`;
      continue;
    }
    unrecognised++;
  }
  return { diagnostics, unrecognised };
}
