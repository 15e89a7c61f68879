import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GateResult } from '../core/result.js';
import { warnOnce } from '../core/warn-once.js';

export const LEDGER_FILE = path.join('.gatekeeper', 'history.jsonl');

/** One line of `.gatekeeper/history.jsonl`: a `run`, a `hook` or a `loop`. */
export interface LedgerEntry {
  time: string;
  command: 'run' | 'hook' | 'loop';
  commit?: string;
  outcome: string;
  durationMs: number;
  gates: { id: string; kind: string; status: GateResult['status']; durationMs: number; cached: boolean }[];
  attempts?: number;
  fingerprints?: string[];
  /** How the run was bypassed or narrowed: GATEKEEPER=0, GATEKEEPER_SKIP=lint, --skip... */
  bypasses?: string[];
  [extra: string]: unknown;
}

export function gateSummaries(results: readonly GateResult[]): LedgerEntry['gates'] {
  return results.map((r) => ({ id: r.id, kind: r.kind, status: r.status, durationMs: r.durationMs, cached: r.cached }));
}

/**
 * Appends one line. A single short write with O_APPEND lands whole even with two runs at once;
 * an unwritable folder costs the history, never the run (one warning, then silence).
 */
export function appendLedger(root: string, entry: LedgerEntry): void {
  const file = path.join(root, LEDGER_FILE);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify(entry)}\n`);
  } catch (error) {
    warnOnce('ledger', `gatekeeper: warning: could not write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); history is not kept for this run.`);
  }
}

/** Every readable entry; a line cut short by a crash is skipped, not fatal. */
export function readLedger(root: string): LedgerEntry[] {
  let text: string;
  try {
    text = readFileSync(path.join(root, LEDGER_FILE), 'utf8');
  } catch {
    return [];
  }
  const entries: LedgerEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as LedgerEntry);
    } catch {
      // a torn line from an interrupted write
    }
  }
  return entries;
}
