import type { DatedEntry } from './period.js';

/**
 * One agent session as the stats count it: one prompt's round of stops at the agent host's stop
 * hook. Every stop but the last is `blocked` (the agent was sent back with the failures); the round
 * ends with the first stop that is anything else (passed, exhausted, spiral, tampered, error, timeout).
 */
export interface AgentSession {
  host: string;
  /** The day of its first stop; the session counts in that day's bucket. */
  day: string;
  /** Stops it took. */
  attempts: number;
  firstOutcome: string;
  /** How it ended; `blocked` while it has not ended yet. Unjudged stops (error, timeout) read as not-verified. */
  finalOutcome: string;
}

/** The stop hook writes `error` or `timeout` when it could not judge: the agent's work was not verified. */
export function agentOutcome(outcome: string): string {
  return /^(?:error|timeout|unverified|not[- ]verified)$/.test(outcome) ? 'not-verified' : outcome;
}

function sessionOf(stops: readonly DatedEntry[]): AgentSession {
  const first = stops[0] as DatedEntry;
  const last = stops[stops.length - 1] as DatedEntry;
  return {
    host: typeof first.entry.host === 'string' ? first.entry.host : 'unknown',
    day: first.day,
    attempts: stops.length,
    firstOutcome: agentOutcome(String(first.entry.outcome)),
    finalOutcome: agentOutcome(String(last.entry.outcome)),
  };
}

/** Stops grouped by host and session id, in time order, cut into rounds; a stop without a session id is a round of its own. */
export function agentSessions(dated: readonly DatedEntry[]): AgentSession[] {
  const byId = new Map<string, DatedEntry[]>();
  const sessions: AgentSession[] = [];
  for (const d of dated) {
    if (d.entry.command !== 'agent') continue;
    if (typeof d.entry.session !== 'string') {
      sessions.push(sessionOf([d]));
      continue;
    }
    const key = `${d.entry.host ?? ''}\u0000${d.entry.session}`;
    const stops = byId.get(key);
    if (stops) stops.push(d);
    else byId.set(key, [d]);
  }
  for (const stops of byId.values()) {
    stops.sort((a, b) => (a.entry.time < b.entry.time ? -1 : a.entry.time > b.entry.time ? 1 : (a.entry.attempt ?? 0) - (b.entry.attempt ?? 0)));
    let round: DatedEntry[] = [];
    for (const stop of stops) {
      const previous = round[round.length - 1];
      const newPrompt = previous !== undefined && typeof stop.entry['prompt'] === 'number' && typeof previous.entry['prompt'] === 'number' && stop.entry['prompt'] !== previous.entry['prompt'];
      if (newPrompt) {
        sessions.push(sessionOf(round));
        round = [];
      }
      round.push(stop);
      if (stop.entry.outcome !== 'blocked') {
        sessions.push(sessionOf(round));
        round = [];
      }
    }
    if (round.length > 0) sessions.push(sessionOf(round));
  }
  return sessions.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
