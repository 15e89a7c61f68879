import { blocks } from '../core/result.js';
import { agentSessions, summariseSessions, type AgentSummary } from './agent-sessions.js';
import { attemptsHistogram, type AttemptsHistogram } from './attempts.js';
import { bypassesOverTime, type Bypasses } from './bypass-kind.js';
import { firstPass, type FirstPass } from './first-pass.js';
import { gateStats, type GateStats, type GateTime } from './gate-stats.js';
import type { LedgerEntry } from './ledger.js';
import { outcomesOverTime, type Outcomes } from './outcomes.js';
import { datedEntries, inPeriod, resolvePeriod, type DatedEntry, type Period, type PeriodRequest } from './period.js';
import { repeatedFailures, type FailingCode, type RepeatedFingerprint } from './repeated-failures.js';
import { bucketsBetween } from './timeline.js';

export { bypassKind } from './bypass-kind.js';
export type { GateStats } from './gate-stats.js';

/** What `gatekeeper stats` reports (text, --json and --html alike); every number is a function of the ledger's lines. */
export interface LedgerStats {
  /** Entries inside the period. */
  entries: number;
  /** Lines that could not be read (torn by a crash, not an entry, or without a readable time); never fatal. */
  skippedLines: number;
  period: Period;
  first?: string;
  last?: string;
  runs: { run: number; hook: number; loop: number; agent: number };
  loops: {
    total: number;
    passed: number;
    /** Share of loops green on their first gate run, 0..1; null without loops. */
    firstPassYield: number | null;
    /** Mean gate runs a passing loop took; null without passing loops. */
    meanAttemptsToGreen: number | null;
  };
  /** Agent sessions (`agent-hook`): one prompt's round of stops, and how it ended. */
  agents: AgentSummary;
  firstPass: FirstPass;
  attempts: AttemptsHistogram;
  outcomes: Outcomes;
  gates: GateStats[];
  gateTime: GateTime;
  repeated: { codes: FailingCode[]; fingerprints: RepeatedFingerprint[] };
  spirals: number;
  tampering: { total: number; tamperedLoops: number; guardFailures: number };
  bypasses: Bypasses;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** The first and last entry's time, when there is one. */
function timeSpan(dated: readonly DatedEntry[]): { first?: string; last?: string } {
  const times = dated.map((d) => d.entry.time).sort();
  const [first, last] = [times[0], times[times.length - 1]];
  return first !== undefined && last !== undefined ? { first, last } : {};
}

function guardFailures(entries: readonly LedgerEntry[]): number {
  let failures = 0;
  for (const e of entries) for (const g of Array.isArray(e.gates) ? e.gates : []) if (g.kind === 'guard' && blocks(g.status)) failures++;
  return failures;
}

function runCounts(entries: readonly LedgerEntry[]): LedgerStats['runs'] {
  const commands = countBy(entries, (e) => e.command);
  return { run: commands['run'] ?? 0, hook: commands['hook'] ?? 0, loop: commands['loop'] ?? 0, agent: commands['agent'] ?? 0 };
}

export function computeStats(all: readonly LedgerEntry[], options: PeriodRequest & { skippedLines?: number } = {}): LedgerStats {
  const { dated: allDated, undated } = datedEntries(all);
  const period = resolvePeriod(options, allDated.map((d) => d.day));
  const dated = inPeriod(allDated, period);
  const grid = { buckets: bucketsBetween(period.from, period.to, period.bucket), size: period.bucket };
  const entries = dated.map((d) => d.entry);
  const runs = runCounts(entries);
  const loops = entries.filter((e) => e.command === 'loop');
  const sessions = agentSessions(dated);
  const attempts = attemptsHistogram(dated, sessions);
  const fp = firstPass(dated, sessions, grid);
  const tamperedLoops = loops.filter((e) => e.outcome === 'tampered').length;
  const guard = guardFailures(entries);
  const { gates, time } = gateStats(dated, grid);
  return {
    entries: entries.length,
    skippedLines: (options.skippedLines ?? 0) + undated,
    period,
    ...timeSpan(dated),
    runs,
    loops: { total: loops.length, passed: loops.filter((e) => e.outcome === 'passed').length, firstPassYield: fp.period.loop.yield, meanAttemptsToGreen: attempts.meanToGreen.loop },
    agents: summariseSessions(sessions, runs.agent),
    firstPass: fp,
    attempts,
    outcomes: outcomesOverTime(dated, sessions, grid),
    gates,
    gateTime: time,
    repeated: repeatedFailures(dated),
    spirals: loops.filter((e) => e.outcome === 'spiral').length,
    tampering: { total: tamperedLoops + guard, tamperedLoops, guardFailures: guard },
    bypasses: bypassesOverTime(dated, grid),
  };
}
