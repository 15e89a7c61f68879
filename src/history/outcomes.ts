import type { AgentSession } from './agent-sessions.js';
import type { DatedEntry } from './period.js';
import { Timeline, type Grid } from './timeline.js';

/** The outcomes a loop or an agent session ends with, in the order the page stacks them; others follow. */
export const KNOWN_OUTCOMES = ['passed', 'exhausted', 'spiral', 'tampered', 'agent-failed', 'not-verified'] as const;

export interface Outcomes {
  /** Every outcome seen, known ones first. */
  outcomes: string[];
  totals: Record<string, number>;
  timeline: { bucket: string; counts: Record<string, number> }[];
}

/** How loops and agent sessions ended, per bucket (a session counts on the day it started). */
export function outcomesOverTime(dated: readonly DatedEntry[], sessions: readonly AgentSession[], grid: Grid): Outcomes {
  const totals: Record<string, number> = {};
  const timeline = new Timeline<Record<string, number>>(grid, () => ({}));
  const count = (outcome: string, day: string): void => {
    totals[outcome] = (totals[outcome] ?? 0) + 1;
    const slot = timeline.at(day);
    slot[outcome] = (slot[outcome] ?? 0) + 1;
  };
  for (const d of dated) if (d.entry.command === 'loop') count(String(d.entry.outcome), d.day);
  for (const s of sessions) count(s.finalOutcome, s.day);
  const others = Object.keys(totals)
    .filter((o) => !(KNOWN_OUTCOMES as readonly string[]).includes(o))
    .sort();
  return { outcomes: [...KNOWN_OUTCOMES.filter((o) => o in totals), ...others], totals, timeline: timeline.rows().map(({ bucket, value }) => ({ bucket, counts: value })) };
}
