import type { AgentSession } from './agent-sessions.js';
import type { DatedEntry } from './period.js';

/** Attempts counted one by one up to this many; longer runs share the last bin ("10+"). */
const LAST_BIN = 10;

export interface AttemptsHistogram {
  /** "1", "2", … "10+". */
  bins: string[];
  loop: number[];
  agent: number[];
  /** Loops that passed, and how many attempts they took on average; null without any. */
  meanToGreen: { loop: number | null; agent: number | null };
}

function binOf(attempts: number): number {
  return Math.min(Math.max(1, Math.floor(attempts)), LAST_BIN) - 1;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** How many attempts loops and agent sessions took, whatever their outcome; a loop without a count is left out. */
export function attemptsHistogram(dated: readonly DatedEntry[], sessions: readonly AgentSession[]): AttemptsHistogram {
  const bins = Array.from({ length: LAST_BIN }, (_, i) => (i === LAST_BIN - 1 ? `${LAST_BIN}+` : String(i + 1)));
  const loop = bins.map(() => 0);
  const agent = bins.map(() => 0);
  const greenLoops: number[] = [];
  for (const { entry } of dated) {
    if (entry.command !== 'loop' || typeof entry.attempts !== 'number') continue;
    loop[binOf(entry.attempts)]! += 1;
    if (entry.outcome === 'passed') greenLoops.push(entry.attempts);
  }
  for (const s of sessions) agent[binOf(s.attempts)]! += 1;
  const greenSessions = sessions.filter((s) => s.finalOutcome === 'passed').map((s) => s.attempts);
  return { bins, loop, agent, meanToGreen: { loop: mean(greenLoops), agent: mean(greenSessions) } };
}
