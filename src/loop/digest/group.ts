import type { Diagnostic, GateResult } from '../../core/result.js';
import { formatDiagnostic } from '../../format/diagnostic-text.js';
import { blockingDiagnostics, failureKey } from '../fingerprint.js';
import { uniqueLines } from './line-set.js';

/** How a failure stands against the attempts before it. */
export type Standing = 'first' | 'new' | 'still' | 'back';

/** Diagnostics of one gate with the same file, code and message: one entry with all their lines. */
export interface DiagnosticGroup {
  gate: string;
  file?: string;
  code?: string;
  message: string;
  /** Sorted, unique. */
  lines: number[];
  count: number;
  /** The first diagnostic (lowest line): its column, for a one-line entry. */
  first: Diagnostic;
  standing: Standing;
}

/** One failing file of a gate, for the overview. */
export interface FileSummary {
  file?: string;
  count: number;
  /** Code and count, most frequent first. */
  codes: { code: string; count: number }[];
  lines: number[];
  hasNew: boolean;
}

/** A failing gate as the digest sees it. */
export interface GateView {
  result: GateResult;
  groups: DiagnosticGroup[];
  files: FileSummary[];
  /** Every blocking diagnostic of the gate was already reported by an earlier gate (tsc in typecheck and build). */
  duplicate: boolean;
}

/** How each failure key stood against the previous attempts: counts of fresh and returning occurrences. */
export interface StandingCounts {
  hasHistory: boolean;
  /** Occurrences per key that were not failing in the previous attempt. */
  fresh: Map<string, number>;
  /** Keys that an attempt before the previous one had, the previous one did not: they came back. */
  returned: Set<string>;
}

function standingOf(gate: string, d: Diagnostic, counts: StandingCounts): Standing {
  if (!counts.hasHistory) return 'first';
  const key = failureKey(gate, d);
  const left = counts.fresh.get(key) ?? 0;
  if (left === 0) return 'still';
  counts.fresh.set(key, left - 1);
  return counts.returned.has(key) ? 'back' : 'new';
}

const RANK: Record<Standing, number> = { back: 0, new: 1, first: 2, still: 3 };

/** The more urgent of two standings: a group is new when any of its diagnostics is. */
function stronger(a: Standing, b: Standing): Standing {
  return RANK[a] <= RANK[b] ? a : b;
}

function isFresh(s: Standing): boolean {
  return s === 'new' || s === 'back';
}

const NO_FILE = '\uffff';

function summarise(file: string | undefined, groups: readonly DiagnosticGroup[]): FileSummary {
  const codes = new Map<string, number>();
  for (const g of groups) codes.set(g.code ?? '', (codes.get(g.code ?? '') ?? 0) + g.count);
  return {
    ...(file !== undefined ? { file } : {}),
    count: groups.reduce((n, g) => n + g.count, 0),
    codes: [...codes].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    lines: uniqueLines(groups.flatMap((g) => g.lines)),
    hasNew: groups.some((g) => isFresh(g.standing)),
  };
}

/**
 * Groups a gate's blocking diagnostics by file, code and message; orders files with new failures
 * first, then most errors first, then by name, and within a file new groups before old, then by line.
 * `seen` is shared by the gates of one digest: a diagnostic two gates report is shown once.
 */
export function viewGate(result: GateResult, seen: Set<string>, counts: StandingCounts): GateView {
  const byKey = new Map<string, DiagnosticGroup>();
  const diagnostics = blockingDiagnostics(result);
  for (const d of diagnostics) {
    const once = `${formatDiagnostic(d)}\u0000${d.message}\u0000${d.severity}`;
    if (seen.has(once)) continue;
    seen.add(once);
    const standing = standingOf(result.id, d, counts);
    const key = [d.file ?? '', d.code ?? '', d.message].join('\u0001');
    const group = byKey.get(key);
    if (group) {
      group.count++;
      if (d.line !== undefined) group.lines.push(d.line);
      if ((d.line ?? 0) < (group.first.line ?? 0)) group.first = d;
      group.standing = stronger(group.standing, standing);
      continue;
    }
    byKey.set(key, {
      gate: result.id,
      ...(d.file !== undefined ? { file: d.file } : {}),
      ...(d.code !== undefined ? { code: d.code } : {}),
      message: d.message,
      lines: d.line !== undefined ? [d.line] : [],
      count: 1,
      first: d,
      standing,
    });
  }
  const perFile = new Map<string, DiagnosticGroup[]>();
  for (const g of byKey.values()) {
    g.lines = uniqueLines(g.lines);
    const file = g.file ?? NO_FILE;
    perFile.set(file, [...(perFile.get(file) ?? []), g]);
  }
  const files = [...perFile].map(([file, groups]) => ({ file, groups, summary: summarise(file === NO_FILE ? undefined : file, groups) }));
  files.sort((a, b) => Number(b.summary.hasNew) - Number(a.summary.hasNew) || b.summary.count - a.summary.count || a.file.localeCompare(b.file));
  for (const f of files) f.groups.sort((a, b) => RANK[a.standing] - RANK[b.standing] || (a.lines[0] ?? 0) - (b.lines[0] ?? 0) || (a.code ?? '').localeCompare(b.code ?? '') || a.message.localeCompare(b.message));
  return { result, groups: files.flatMap((f) => f.groups), files: files.map((f) => f.summary), duplicate: diagnostics.length > 0 && byKey.size === 0 };
}
