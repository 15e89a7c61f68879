import type { DatedEntry } from './period.js';

/** How many of each list the page shows. */
const TOP = 10;

export interface FailingCode {
  gate: string;
  /** The tool's code or rule: TS2322, no-unused-vars … */
  code: string;
  /** Diagnostics with this code, added up over every run. */
  count: number;
  /** Runs in which it made the gate block. */
  runs: number;
}

export interface RepeatedFingerprint {
  fingerprint: string;
  /** Attempts that ended with exactly this set of failures. */
  count: number;
  /** Loops or sessions in which it appeared. */
  lines: number;
  lastSeen: string;
}

type Entry = DatedEntry['entry'];

/** Adds one line's blocking codes, per gate, to the tally. */
function tallyCodes(codes: Map<string, FailingCode>, entry: Entry): void {
  for (const gate of Array.isArray(entry.gates) ? entry.gates : []) {
    if (gate.codes === undefined || typeof gate.codes !== 'object') continue;
    for (const [code, n] of Object.entries(gate.codes)) {
      if (typeof n !== 'number') continue;
      const key = `${gate.id}\u0000${code}`;
      const tally = codes.get(key) ?? { gate: gate.id, code, count: 0, runs: 0 };
      tally.count += n;
      tally.runs++;
      codes.set(key, tally);
    }
  }
}

/** Adds one line's failure fingerprints to the tally: each attempt counts, the line once. */
function tallyFingerprints(prints: Map<string, RepeatedFingerprint>, entry: Entry, day: string): void {
  const seen = new Set<string>();
  for (const fingerprint of Array.isArray(entry.fingerprints) ? entry.fingerprints : []) {
    if (typeof fingerprint !== 'string' || fingerprint === 'passed') continue;
    const tally = prints.get(fingerprint) ?? { fingerprint, count: 0, lines: 0, lastSeen: day };
    tally.count++;
    if (!seen.has(fingerprint)) tally.lines++;
    seen.add(fingerprint);
    if (day > tally.lastSeen) tally.lastSeen = day;
    prints.set(fingerprint, tally);
  }
}

/** What agents (and people) keep getting wrong: the most frequent failing codes and failure fingerprints. */
export function repeatedFailures(dated: readonly DatedEntry[]): { codes: FailingCode[]; fingerprints: RepeatedFingerprint[] } {
  const codes = new Map<string, FailingCode>();
  const prints = new Map<string, RepeatedFingerprint>();
  for (const { entry, day } of dated) {
    tallyCodes(codes, entry);
    tallyFingerprints(prints, entry, day);
  }
  return {
    codes: [...codes.values()].sort((a, b) => b.count - a.count || b.runs - a.runs || a.code.localeCompare(b.code)).slice(0, TOP),
    fingerprints: [...prints.values()].filter((p) => p.count > 1).sort((a, b) => b.count - a.count || a.fingerprint.localeCompare(b.fingerprint)).slice(0, TOP),
  };
}
