import type { AgentSession } from './agent-sessions.js';
import type { DatedEntry } from './period.js';
import { Timeline, type Grid } from './timeline.js';

/**
 * First-pass yield: the share that was green the first time it was judged.
 * - hook: a push (a `hook` line outside CI) that passed; bypassed pushes were not judged and do not count.
 * - ci: a `run` or `hook` line written in CI that passed.
 * - loop: a loop green on its first gate run (attempts = 1).
 * - agent: an agent session whose first stop passed.
 */
export const SERIES = ['hook', 'ci', 'loop', 'agent'] as const;
export type Series = (typeof SERIES)[number];

export interface Yield {
  total: number;
  firstPass: number;
  /** firstPass / total, 0..1; null when there was nothing to judge. */
  yield: number | null;
}

export interface FirstPass {
  period: Record<Series, Yield>;
  timeline: ({ bucket: string } & Record<Series, Yield>)[];
}

type Tally = Record<Series, { total: number; firstPass: number }>;

const emptyTally = (): Tally => ({ hook: { total: 0, firstPass: 0 }, ci: { total: 0, firstPass: 0 }, loop: { total: 0, firstPass: 0 }, agent: { total: 0, firstPass: 0 } });

function finish(t: Tally): Record<Series, Yield> {
  const out = {} as Record<Series, Yield>;
  for (const s of SERIES) out[s] = { ...t[s], yield: t[s].total === 0 ? null : t[s].firstPass / t[s].total };
  return out;
}

/** Which series a line belongs to, and whether it passed first time; undefined for lines no series judges. */
function judge(entry: DatedEntry['entry']): [Series, boolean] | undefined {
  if (entry.command === 'loop') return ['loop', entry.outcome === 'passed' && entry.attempts === 1];
  if (entry.outcome === 'bypassed') return undefined;
  if (entry.ci === true && (entry.command === 'run' || entry.command === 'hook')) return ['ci', entry.outcome === 'passed'];
  if (entry.command === 'hook') return ['hook', entry.outcome === 'passed'];
  return undefined;
}

export function firstPass(dated: readonly DatedEntry[], sessions: readonly AgentSession[], grid: Grid): FirstPass {
  const total = emptyTally();
  const byBucket = new Timeline<Tally>(grid, emptyTally);
  const count = (series: Series, passed: boolean, day: string): void => {
    for (const t of [total, byBucket.at(day)]) {
      t[series].total++;
      if (passed) t[series].firstPass++;
    }
  };
  for (const d of dated) {
    const verdict = judge(d.entry);
    if (verdict) count(verdict[0], verdict[1], d.day);
  }
  for (const s of sessions) count('agent', s.firstOutcome === 'passed', s.day);
  return { period: finish(total), timeline: byBucket.rows().map(({ bucket, value }) => ({ bucket, ...finish(value) })) };
}
