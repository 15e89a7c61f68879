import type { Diagnostic, GateResult } from '../core/result.js';

/** `file:line:col code message`, the spelling every text format shares. */
export function formatLocation(d: Diagnostic): string {
  if (d.file === undefined) return '';
  return [d.file, d.line, d.line === undefined ? undefined : d.column].filter((p) => p !== undefined).join(':');
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d);
  const firstLine = d.message.split('\n')[0] ?? '';
  return [where, d.code, firstLine].filter((p) => p !== undefined && p !== '').join(' ');
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/** The tail of a gate's raw output, for gates whose failure has no structured diagnostic. */
export function outputTail(result: GateResult, lines: number): string[] {
  return result.output.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '').slice(-lines);
}
