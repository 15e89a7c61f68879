import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
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
  gates: GateSummary[];
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

/** One gate's verdict on a ledger line; a blocking gate also says which codes or rules made it block. */
export interface GateSummary {
  id: string;
  kind: string;
  status: GateResult['status'];
  durationMs: number;
  cached: boolean;
  /** Blocking diagnostics per code (TS2322, no-unused-vars …), at most MAX_CODES of them. */
  codes?: Record<string, number>;
}

/** A gate with thousands of distinct rules firing still writes a short line. */
const MAX_CODES = 20;

/** What made a blocking gate block, counted by code: its errors, else (warnings over a limit) all its diagnostics. */
function blockingCodes(result: GateResult): Record<string, number> | undefined {
  if (result.status !== 'failed' && result.status !== 'errored') return undefined;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const counts = new Map<string, number>();
  for (const d of errors.length > 0 ? errors : result.diagnostics) if (d.code) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  if (counts.size === 0) return undefined;
  return Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_CODES));
}

export function gateSummaries(results: readonly GateResult[]): GateSummary[] {
  return results.map((r) => {
    const codes = blockingCodes(r);
    return { id: r.id, kind: r.kind, status: r.status, durationMs: r.durationMs, cached: r.cached, ...(codes ? { codes } : {}) };
  });
}

/**
 * Appends one line. A single short write with O_APPEND lands whole even with two runs at once;
 * an unwritable folder costs the history, never the run (one warning, then silence).
 */
export function appendLedger(root: string, entry: LedgerEntry): void {
  const file = path.join(root, LEDGER_FILE);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // A run killed mid-write left a last line without its newline: end it, or this entry would
    // be glued to it and lost with it. The cut line stays unreadable, and readers skip it.
    const torn = endsTorn(file);
    if (torn) warnOnce('ledger-torn', `gatekeeper: warning: the last line of ${file} was cut short (a run killed while writing it); it is skipped, and history goes on on the next line.`);
    appendFileSync(file, `${torn ? '\n' : ''}${JSON.stringify(entry)}\n`);
  } catch (error) {
    warnOnce('ledger', `gatekeeper: warning: could not write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); history is not kept for this run.`);
  }
}

/** Whether the file's last byte is not a newline (an empty or absent file is not torn). */
function endsTorn(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
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
