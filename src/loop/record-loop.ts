import { gitMaybe } from '../git/git.js';
import { appendLedger, gateSummaries } from '../history/ledger.js';
import type { AttemptRecord } from './attempt.js';

/** One `loop` line in the ledger: its outcome, how many attempts, and each attempt's fingerprint. */
export async function recordLoop(root: string, outcome: string, attempts: readonly AttemptRecord[], durationMs: number): Promise<void> {
  const commit = (await gitMaybe(['rev-parse', 'HEAD'], root))?.trim();
  appendLedger(root, {
    time: new Date().toISOString(),
    command: 'loop',
    ...(commit ? { commit } : {}),
    outcome,
    durationMs,
    gates: gateSummaries(attempts.at(-1)?.results ?? []),
    attempts: attempts.length,
    fingerprints: attempts.map((a) => a.fingerprint ?? 'passed'),
  });
}
