import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GateResult } from '../core/result.js';
import { warnOnce } from '../core/warn-once.js';

export const LEDGER_FILE = path.join('.gatekeeper', 'history.jsonl');

/** One line of `.gatekeeper/history.jsonl`: a `run`, a `hook`, a `loop` or an agent host's stop (`agent`). */
export interface LedgerEntry {
  time: string;
  command: 'run' | 'hook' | 'loop' | 'agent';
  commit?: string;
  outcome: string;
  durationMs: number;
  gates: { id: string; kind: string; status: GateResult['status']; durationMs: number; cached: boolean }[];
  attempts?: number;
  fingerprints?: string[];
  /** How the run was bypassed or narrowed: GATEKEEPER=0, GATEKEEPER_SKIP=lint, --skip... */
  bypasses?: string[];
  /** Set when the run happened in CI (the CI environment variable). */
  ci?: boolean;
  /** For `agent` lines: the host (claude, codex, copilot, gemini, cursor), its session id and the stop's attempt number. */
  host?: string;
  session?: string;
  attempt?: number;
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
  return readLedgerCounted(root).entries;
}

/** Every readable entry, and how many lines were skipped as unreadable (torn by a crash, or not an entry). */
export function readLedgerCounted(root: string): { entries: LedgerEntry[]; skippedLines: number } {
  let text: string;
  try {
    text = readFileSync(path.join(root, LEDGER_FILE), 'utf8');
  } catch {
    return { entries: [], skippedLines: 0 };
  }
  const entries: LedgerEntry[] = [];
  let skippedLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as unknown;
      if (typeof parsed === 'object' && parsed !== null && typeof (parsed as LedgerEntry).command === 'string') entries.push(parsed as LedgerEntry);
      else skippedLines++;
    } catch {
      skippedLines++;
    }
  }
  return { entries, skippedLines };
}
