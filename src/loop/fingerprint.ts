import { createHash } from 'node:crypto';
import { blocks, type Diagnostic, type GateResult } from '../core/result.js';

/**
 * One failure as the loop compares them across attempts: where and what, with every number
 * and line reference normalised away, so that moving code or a changed count is the same failure.
 */
export interface Failure {
  key: string;
  gate: string;
  diagnostic?: Diagnostic;
}

export function normaliseMessage(message: string): string {
  return message
    .replace(/\(\d+,\d+\)/g, '(#)')
    .replace(/:\d+(:\d+)?/g, ':#')
    .replace(/\d+(\.\d+)?/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What made a blocking gate block: its errors, else (warnings over a limit) all its diagnostics. */
export function blockingDiagnostics(result: GateResult): Diagnostic[] {
  // Hold the line: what the base had too does not block, so it is not the agent's to fix.
  const own = result.diagnostics.filter((d) => d.baseline !== 'existing');
  const errors = own.filter((d) => d.severity === 'error');
  return errors.length > 0 ? errors : own;
}

export function failureKey(gate: string, d: Diagnostic): string {
  return [gate, d.file ?? '', d.code ?? '', normaliseMessage(d.message)].join('\u0001');
}

/** Each blocking gate's diagnostics; a gate that blocks without one counts as one failure (its summary). */
export function failuresOf(results: readonly GateResult[]): Failure[] {
  const failures: Failure[] = [];
  for (const result of results.filter((r) => blocks(r.status))) {
    const diagnostics = blockingDiagnostics(result);
    if (diagnostics.length === 0) {
      failures.push({ key: [result.id, '', result.status, normaliseMessage(result.summary)].join('\u0001'), gate: result.id });
      continue;
    }
    for (const d of diagnostics) failures.push({ key: failureKey(result.id, d), gate: result.id, diagnostic: d });
  }
  return failures;
}

/**
 * A stable hash of the multiset of failure keys: order does not matter, but fixing one of two
 * identical errors does. No failure at all has no fingerprint (null).
 */
export function fingerprintOf(failures: readonly Failure[]): string | null {
  if (failures.length === 0) return null;
  const keys = failures.map((f) => f.key).sort();
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 16);
}

/** Multiset difference: each failure of `a` that `b` does not account for. */
export function subtract(a: readonly Failure[], b: readonly Failure[]): Failure[] {
  const left = new Map<string, number>();
  for (const f of b) left.set(f.key, (left.get(f.key) ?? 0) + 1);
  const out: Failure[] = [];
  for (const f of a) {
    const n = left.get(f.key) ?? 0;
    if (n > 0) left.set(f.key, n - 1);
    else out.push(f);
  }
  return out;
}
