import { blocks } from '../core/result.js';
import { computeAgentStats, type AgentStats } from './agent-stats.js';
import type { LedgerEntry } from './ledger.js';

/** What `gatekeeper stats` reports; every number is a function of the ledger's lines. */
export interface GateStats {
  id: string;
  kind: string;
  /** Times the gate ran (skipped ones do not count). */
  ran: number;
  failed: number;
  errored: number;
  /** (failed + errored) / ran, 0..1. */
  failureRate: number;
}

export interface LedgerStats {
  entries: number;
  first?: string;
  last?: string;
  runs: { run: number; hook: number; loop: number };
  loops: {
    total: number;
    passed: number;
    /** Share of loops green on their first gate run, 0..1; null without loops. */
    firstPassYield: number | null;
    /** Mean gate runs a passing loop took; null without passing loops. */
    meanAttemptsToGreen: number | null;
  };
  gates: GateStats[];
  spirals: number;
  tampering: { total: number; tamperedLoops: number; guardFailures: number };
  bypasses: { total: number; byKind: Record<string, number> };
  /** Prompts inside agent hosts (`agent-hook`): how their stops ended. */
  agents: AgentStats;
}

/**
 * "--skip lint" is a `--skip`, "GATEKEEPER_SKIP=lint,test" a `GATEKEEPER_SKIP`; a switch such as
 * "GATEKEEPER=0" is its own kind, since its value is the whole point.
 */
export function bypassKind(bypass: string): string {
  const word = bypass.trim().split(/\s+/)[0] ?? '';
  const assignment = /^([A-Za-z_][\w-]*)=(.*)$/.exec(word);
  if (assignment && !/^(?:\d+|true|false|)$/i.test(assignment[2] ?? '')) return assignment[1] ?? word;
  return word;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function gateStats(entries: readonly LedgerEntry[]): GateStats[] {
  const byId = new Map<string, GateStats>();
  for (const gate of entries.flatMap((e) => e.gates ?? [])) {
    if (gate.status === 'skipped') continue;
    const stats = byId.get(gate.id) ?? { id: gate.id, kind: gate.kind, ran: 0, failed: 0, errored: 0, failureRate: 0 };
    stats.kind = gate.kind;
    stats.ran++;
    if (gate.status === 'failed') stats.failed++;
    if (gate.status === 'errored') stats.errored++;
    byId.set(gate.id, stats);
  }
  return [...byId.values()].map((s) => ({ ...s, failureRate: s.ran === 0 ? 0 : (s.failed + s.errored) / s.ran }));
}

function loopStats(entries: readonly LedgerEntry[]): LedgerStats['loops'] {
  const loops = entries.filter((e) => e.command === 'loop');
  const passed = loops.filter((e) => e.outcome === 'passed');
  const firstPass = passed.filter((e) => e.attempts === 1).length;
  const attempts = passed.map((e) => e.attempts).filter((n): n is number => typeof n === 'number');
  return {
    total: loops.length,
    passed: passed.length,
    firstPassYield: loops.length === 0 ? null : firstPass / loops.length,
    meanAttemptsToGreen: attempts.length === 0 ? null : attempts.reduce((a, b) => a + b, 0) / attempts.length,
  };
}

export function computeStats(entries: readonly LedgerEntry[]): LedgerStats {
  const times = entries.map((e) => e.time).filter((t) => typeof t === 'string').sort();
  const commands = countBy(entries, (e) => e.command);
  const tamperedLoops = entries.filter((e) => e.command === 'loop' && e.outcome === 'tampered').length;
  const guardFailures = entries.flatMap((e) => e.gates ?? []).filter((g) => g.kind === 'guard' && blocks(g.status)).length;
  const bypasses = entries.flatMap((e) => e.bypasses ?? []);
  return {
    entries: entries.length,
    ...(times.length > 0 ? { first: times[0], last: times[times.length - 1] } : {}),
    runs: { run: commands['run'] ?? 0, hook: commands['hook'] ?? 0, loop: commands['loop'] ?? 0 },
    loops: loopStats(entries),
    gates: gateStats(entries),
    spirals: entries.filter((e) => e.command === 'loop' && e.outcome === 'spiral').length,
    tampering: { total: tamperedLoops + guardFailures, tamperedLoops, guardFailures },
    bypasses: { total: bypasses.length, byKind: countBy(bypasses, bypassKind) },
    agents: computeAgentStats(entries),
  };
}
