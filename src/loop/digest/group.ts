import type { Diagnostic, GateResult } from '../../core/result.js';
import { formatDiagnostic } from '../../format/diagnostic-text.js';
import { blockingDiagnostics, failureKey, normaliseMessage } from '../fingerprint.js';
import { uniqueLines } from './line-set.js';

/** How a failure stands against the attempts before it. */
export type Standing = 'first' | 'new' | 'still' | 'back';

/** Diagnostics of one gate with the same file, code and message: one entry with all their lines. */
export interface DiagnosticGroup {
  gate: string;
  file?: string;
  code?: string;
  /** The message of the first diagnostic (lowest line). */
  message: string;
  /** Distinct messages in the group: they differ only in numbers (`'bad1'`, `'bad2'`). */
  variants: number;
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

/** The group's representative: the lowest line, then the smaller message, whatever the input order. */
function before(a: Diagnostic, b: Diagnostic): boolean {
  const la = a.line ?? 0;
  const lb = b.line ?? 0;
  return la !== lb ? la < lb : (a.column ?? 0) !== (b.column ?? 0) ? (a.column ?? 0) < (b.column ?? 0) : a.message < b.message;
}

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

/** Adds a diagnostic to its group: its line, its message if new, the lowest line as the representative, the most urgent standing. */
function addToGroup(group: DiagnosticGroup, messages: Set<string>, d: Diagnostic, standing: Standing): void {
  group.count++;
  if (d.line !== undefined) group.lines.push(d.line);
  if (!messages.has(d.message)) {
    messages.add(d.message);
    group.variants++;
  }
  if (before(d, group.first)) {
    group.first = d;
    group.message = d.message;
  }
  group.standing = stronger(group.standing, standing);
}

function newGroup(gate: string, d: Diagnostic, standing: Standing): DiagnosticGroup {
  return {
    gate,
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.code !== undefined ? { code: d.code } : {}),
    message: d.message,
    variants: 1,
    lines: d.line !== undefined ? [d.line] : [],
    count: 1,
    first: d,
    standing,
  };
}

/** Same file, code and message (up to numbers: tsc's `member named 'bad1'` … `'bad10'`) → one group; a diagnostic an earlier gate showed is skipped. */
function groupDiagnostics(result: GateResult, diagnostics: readonly Diagnostic[], seen: Set<string>, counts: StandingCounts): DiagnosticGroup[] {
  const byKey = new Map<string, { group: DiagnosticGroup; messages: Set<string> }>();
  for (const d of diagnostics) {
    const once = `${formatDiagnostic(d)}\u0000${d.message}\u0000${d.severity}`;
    if (seen.has(once)) continue;
    seen.add(once);
    const standing = standingOf(result.id, d, counts);
    const key = [d.file ?? '', d.code ?? '', normaliseMessage(d.message)].join('\u0001');
    const entry = byKey.get(key);
    if (entry) addToGroup(entry.group, entry.messages, d, standing);
    else byKey.set(key, { group: newGroup(result.id, d, standing), messages: new Set([d.message]) });
  }
  return [...byKey.values()].map((e) => ({ ...e.group, lines: uniqueLines(e.group.lines) }));
}

/** Files with new failures first, then most errors first, then by name; within a file new groups before old, then by line. */
function byFile(groups: readonly DiagnosticGroup[]): { groups: DiagnosticGroup[]; summary: FileSummary }[] {
  const perFile = new Map<string, DiagnosticGroup[]>();
  for (const g of groups) {
    const file = g.file ?? NO_FILE;
    perFile.set(file, [...(perFile.get(file) ?? []), g]);
  }
  const files = [...perFile].map(([file, fileGroups]) => ({ file, groups: fileGroups, summary: summarise(file === NO_FILE ? undefined : file, fileGroups) }));
  files.sort((a, b) => Number(b.summary.hasNew) - Number(a.summary.hasNew) || b.summary.count - a.summary.count || a.file.localeCompare(b.file));
  for (const f of files) f.groups.sort((a, b) => RANK[a.standing] - RANK[b.standing] || (a.lines[0] ?? 0) - (b.lines[0] ?? 0) || (a.code ?? '').localeCompare(b.code ?? '') || a.message.localeCompare(b.message));
  return files;
}

/**
 * Groups a gate's blocking diagnostics by file, code and message; orders files with new failures
 * first, then most errors first, then by name, and within a file new groups before old, then by line.
 * `seen` is shared by the gates of one digest: a diagnostic two gates report is shown once.
 */
export function viewGate(result: GateResult, seen: Set<string>, counts: StandingCounts): GateView {
  const diagnostics = blockingDiagnostics(result);
  const groups = groupDiagnostics(result, diagnostics, seen, counts);
  const files = byFile(groups);
  return { result, groups: files.flatMap((f) => f.groups), files: files.map((f) => f.summary), duplicate: diagnostics.length > 0 && groups.length === 0 };
}
