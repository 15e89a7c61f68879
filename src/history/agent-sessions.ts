import type { DatedEntry } from './period.js';

/** One agent session: every `agent` stop with the same host and session id, in order. */
export interface AgentSession {
  host: string;
  /** The day of its first stop; the session counts in that day's bucket. */
  day: string;
  /** Stops it took (the highest attempt number seen, or the number of stops when none is recorded). */
  attempts: number;
  firstOutcome: string;
  finalOutcome: string;
}

/** Stops without a session id are a session each: nothing says which belong together. */
export function agentSessions(dated: readonly DatedEntry[]): AgentSession[] {
  const groups = new Map<string, DatedEntry[]>();
  let anonymous = 0;
  for (const d of dated) {
    if (d.entry.command !== 'agent') continue;
    const key = typeof d.entry.session === 'string' ? `${d.entry.host ?? ''}\u0000${d.entry.session}` : `\u0001${anonymous++}`;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.values()].map((stops) => {
    const ordered = [...stops].sort((a, b) => (a.entry.attempt ?? 0) - (b.entry.attempt ?? 0) || a.entry.time.localeCompare(b.entry.time));
    const first = ordered[0] as DatedEntry;
    const last = ordered[ordered.length - 1] as DatedEntry;
    const numbered = ordered.map((d) => d.entry.attempt).filter((n): n is number => typeof n === 'number');
    return {
      host: typeof first.entry.host === 'string' ? first.entry.host : 'unknown',
      day: first.day,
      attempts: Math.max(ordered.length, ...numbered),
      firstOutcome: String(first.entry.outcome),
      finalOutcome: String(last.entry.outcome),
    };
  });
}
