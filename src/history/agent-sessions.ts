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
  /** The last stop's outcome as the ledger has it: error and timeout apart, which finalOutcome folds together. */
  lastOutcome: string;
}

/** What `gatekeeper stats` says of agent sessions (text, --json and page alike). */
export interface AgentSummary {
  sessions: number;
  /** `agent` lines: one a stop. */
  stops: number;
  passed: number;
  /** Passed at their first stop: the agent's first "done" was true. */
  passedFirstStop: number;
  /** Passed after this many blocked stops (key: blocks, value: sessions). */
  passedAfterBlocks: Record<string, number>;
  /** Ended unverified, by the last stop's outcome: spiral, exhausted, tampered, error, timeout. */
  notVerified: Record<string, number>;
  /** Still blocked at their last stop (the turn was left, or is going on). */
  open: number;
  byHost: Record<string, number>;
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
    lastOutcome: String(last.entry.outcome),
  };
}

function byTimeThenAttempt(a: DatedEntry, b: DatedEntry): number {
  if (a.entry.time !== b.entry.time) return a.entry.time < b.entry.time ? -1 : 1;
  return (a.entry.attempt ?? 0) - (b.entry.attempt ?? 0);
}

/** `agent` lines grouped by host and session id; a stop without a session id is a group of its own (those come first). */
function stopsBySession(dated: readonly DatedEntry[]): DatedEntry[][] {
  const byId = new Map<string, DatedEntry[]>();
  const loose: DatedEntry[][] = [];
  for (const d of dated) {
    if (d.entry.command !== 'agent') continue;
    if (typeof d.entry.session !== 'string') {
      loose.push([d]);
      continue;
    }
    const key = `${d.entry.host ?? ''}\u0000${d.entry.session}`;
    const stops = byId.get(key);
    if (stops) stops.push(d);
    else byId.set(key, [d]);
  }
  return [...loose, ...byId.values()];
}

/** A stop opens a new prompt's round when its attempt count starts over, or its prompt number changed. */
function startsNewPrompt(previous: DatedEntry | undefined, stop: DatedEntry): boolean {
  if (previous === undefined) return false;
  if (stop.entry.attempt === 1) return true;
  const [was, is] = [previous.entry['prompt'], stop.entry['prompt']];
  return typeof was === 'number' && typeof is === 'number' && was !== is;
}

/** One session's stops, in time order, cut into rounds: a round ends at the first stop not blocked, or where a new prompt starts. */
function roundsOf(stops: readonly DatedEntry[]): DatedEntry[][] {
  const rounds: DatedEntry[][] = [];
  let round: DatedEntry[] = [];
  for (const stop of [...stops].sort(byTimeThenAttempt)) {
    if (startsNewPrompt(round[round.length - 1], stop)) {
      rounds.push(round);
      round = [];
    }
    round.push(stop);
    if (stop.entry.outcome !== 'blocked') {
      rounds.push(round);
      round = [];
    }
  }
  if (round.length > 0) rounds.push(round);
  return rounds;
}

/** Stops grouped by host and session id, in time order, cut into rounds; a stop without a session id is a round of its own. */
export function agentSessions(dated: readonly DatedEntry[]): AgentSession[] {
  const sessions = stopsBySession(dated).flatMap((stops) => roundsOf(stops).map(sessionOf));
  return sessions.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

function add(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** How the sessions ended: passed at once or after blocks, still open, or not verified and why. */
export function summariseSessions(sessions: readonly AgentSession[], stops: number): AgentSummary {
  const summary: AgentSummary = { sessions: sessions.length, stops, passed: 0, passedFirstStop: 0, passedAfterBlocks: {}, notVerified: {}, open: 0, byHost: {} };
  for (const s of sessions) {
    add(summary.byHost, s.host);
    if (s.finalOutcome === 'blocked') summary.open++;
    else if (s.finalOutcome !== 'passed') add(summary.notVerified, s.lastOutcome);
    else if (s.attempts === 1) summary.passedFirstStop++;
    else add(summary.passedAfterBlocks, String(s.attempts - 1));
  }
  summary.passed = summary.passedFirstStop + Object.values(summary.passedAfterBlocks).reduce((a, b) => a + b, 0);
  return summary;
}
