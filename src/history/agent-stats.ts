import type { LedgerEntry } from './ledger.js';

/** How prompts inside agent hosts ended, from the `agent` lines of the ledger (one per stop). */
export interface AgentStats {
  /** Prompts with at least one judged stop. */
  prompts: number;
  /** Passed at their first stop: the agent's first "done" was true. */
  passedFirstStop: number;
  /** Passed after this many blocked stops (key: blocks, value: prompts). */
  passedAfterBlocks: Record<string, number>;
  /** Ended unverified, by why: spiral, exhausted, tampered, error. */
  notVerified: Record<string, number>;
  /** Still blocked at their last stop (the turn was left, or is going on). */
  open: number;
  /** passedFirstStop / prompts, 0..1; null without prompts. */
  firstPassYield: number | null;
}

/** Stops of one host session, cut into prompts: a stop with attempt 1 starts a new one. */
function promptsOf(entries: readonly LedgerEntry[]): LedgerEntry[][] {
  const bySession = new Map<string, LedgerEntry[][]>();
  for (const e of entries) {
    if (e.command !== 'agent') continue;
    const key = `${e.host ?? ''}\u0000${e.session ?? ''}`;
    const rounds = bySession.get(key) ?? [];
    if (e.attempt === 1 || rounds.length === 0) rounds.push([]);
    rounds.at(-1)?.push(e);
    bySession.set(key, rounds);
  }
  return [...bySession.values()].flat();
}

export function computeAgentStats(entries: readonly LedgerEntry[]): AgentStats {
  const stats: AgentStats = { prompts: 0, passedFirstStop: 0, passedAfterBlocks: {}, notVerified: {}, open: 0, firstPassYield: null };
  for (const stops of promptsOf(entries)) {
    const last = stops.at(-1);
    if (!last) continue;
    stats.prompts++;
    if (last.outcome === 'passed') {
      const blocks = stops.length - 1;
      if (blocks === 0) stats.passedFirstStop++;
      else stats.passedAfterBlocks[String(blocks)] = (stats.passedAfterBlocks[String(blocks)] ?? 0) + 1;
    } else if (last.outcome === 'blocked') stats.open++;
    else stats.notVerified[last.outcome] = (stats.notVerified[last.outcome] ?? 0) + 1;
  }
  stats.firstPassYield = stats.prompts === 0 ? null : stats.passedFirstStop / stats.prompts;
  return stats;
}
