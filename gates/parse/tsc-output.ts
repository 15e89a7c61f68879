import path from 'node:path';
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
function severityOf(word: string | undefined): Diagnostic['severity'] {
  return word === 'error' ? 'error' : 'warning';
}

function lineToDiagnostic(line: string): Diagnostic | undefined {
  const located = LOCATED.exec(line);
  if (located) {
    const [, file = '', row, column, severity, code = '', message = ''] = located;
    return { file, line: Number(row), column: Number(column), code, message, severity: severityOf(severity) };
  }
  const global = GLOBAL.exec(line);
  if (global) {
    const [, severity, code = '', message = ''] = global;
    return { code, message, severity: severityOf(severity) };
  }
  return undefined;
}

export function parseTscOutput(text: string): TscParse {
  const diagnostics: Diagnostic[] = [];
  let unrecognised = 0;
  let last: Diagnostic | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === '') continue;
    const diagnostic = lineToDiagnostic(line);
    if (diagnostic) {
      diagnostics.push(diagnostic);
      last = diagnostic;
    } else if (last && /^\s/.test(raw)) {
      last.message += `\n${line.trim()}`;
    } else {
      unrecognised++;
    }
  }
  return { diagnostics, unrecognised };
}

/**
 * Takes the program's files that `--listFiles` printed (one absolute path a line, after the
 * diagnostics) out of tsc's output: they are for the result cache, not for the reader.
 */
export function splitListedFiles(stdout: string): { text: string; files: string[] } {
  const files: string[] = [];
  const kept: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (path.isAbsolute(line) && lineToDiagnostic(line.trimEnd()) === undefined) files.push(line.trimEnd());
    else kept.push(line);
  }
  return { text: kept.join('\n'), files };
}
