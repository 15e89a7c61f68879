import { blocks } from '../core/result.js';
import { agentSessions } from './agent-sessions.js';
import { attemptsHistogram, type AttemptsHistogram } from './attempts.js';
import { bypassesOverTime, type Bypasses } from './bypass-kind.js';
import { firstPass, type FirstPass } from './first-pass.js';
import { gateStats, type GateStats, type GateTime } from './gate-stats.js';
import { computeAgentStats, type AgentStats } from './agent-stats.js';
import type { LedgerEntry } from './ledger.js';
import { outcomesOverTime, type Outcomes } from './outcomes.js';
import { datedEntries, inPeriod, resolvePeriod, type Period, type PeriodRequest } from './period.js';
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
  agents: { sessions: number; stops: number; passed: number; byHost: Record<string, number> };
  firstPass: FirstPass;
  attempts: AttemptsHistogram;
  outcomes: Outcomes;
  gates: GateStats[];
  gateTime: GateTime;
  repeated: { codes: FailingCode[]; fingerprints: RepeatedFingerprint[] };
  spirals: number;
  tampering: { total: number; tamperedLoops: number; guardFailures: number };
  bypasses: Bypasses;
  /** Prompts inside agent hosts (`agent-hook`): how their stops ended. */
  agentPrompts: AgentStats;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export function computeStats(all: readonly LedgerEntry[], options: PeriodRequest & { skippedLines?: number } = {}): LedgerStats {
  const { dated: allDated, undated } = datedEntries(all);
  const period = resolvePeriod(options, allDated.map((d) => d.day));
  const dated = inPeriod(allDated, period);
  const grid = { buckets: bucketsBetween(period.from, period.to, period.bucket), size: period.bucket };
  const entries = dated.map((d) => d.entry);
  const times = entries.map((e) => e.time).sort();
  const commands = countBy(entries, (e) => e.command);
  const loops = entries.filter((e) => e.command === 'loop');
  const passedLoops = loops.filter((e) => e.outcome === 'passed');
  const sessions = agentSessions(dated);
  const attempts = attemptsHistogram(dated, sessions);
  const fp = firstPass(dated, sessions, grid);
  const tamperedLoops = loops.filter((e) => e.outcome === 'tampered').length;
  const guardFailures = entries.flatMap((e) => (Array.isArray(e.gates) ? e.gates : [])).filter((g) => g.kind === 'guard' && blocks(g.status)).length;
  const { gates, time } = gateStats(dated, grid);
  return {
    entries: entries.length,
    skippedLines: (options.skippedLines ?? 0) + undated,
    period,
    ...(times.length > 0 ? { first: times[0], last: times[times.length - 1] } : {}),
    runs: { run: commands['run'] ?? 0, hook: commands['hook'] ?? 0, loop: commands['loop'] ?? 0, agent: commands['agent'] ?? 0 },
    loops: { total: loops.length, passed: passedLoops.length, firstPassYield: fp.period.loop.yield, meanAttemptsToGreen: attempts.meanToGreen.loop },
    agents: { sessions: sessions.length, stops: commands['agent'] ?? 0, passed: sessions.filter((s) => s.finalOutcome === 'passed').length, byHost: countBy(sessions, (s) => s.host) },
    firstPass: fp,
    attempts,
    outcomes: outcomesOverTime(dated, sessions, grid),
    gates,
    gateTime: time,
    repeated: repeatedFailures(dated),
    spirals: loops.filter((e) => e.outcome === 'spiral').length,
    tampering: { total: tamperedLoops + guardFailures, tamperedLoops, guardFailures },
    bypasses: bypassesOverTime(dated, grid),
    agentPrompts: computeAgentStats(entries),
  };
}
