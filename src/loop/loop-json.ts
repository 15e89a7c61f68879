import { allPassed } from '../core/result.js';
import { toJson } from '../report/json.js';
import type { AttemptRecord } from './attempt.js';

/** The `loop --json` contract: one object; each attempt's gates in the shape of `run --json`. */
export function loopJson(outcome: string, reason: string, attempts: readonly AttemptRecord[]): Record<string, unknown> {
  return {
    outcome,
    reason,
    attempts: attempts.map((a) => ({
      n: a.n,
      gates: toJson(allPassed(a.results), a.results)['gates'],
      fingerprint: a.fingerprint,
      agentExitCode: a.agent ? a.agent.exitCode : null,
      agentTimedOut: a.agent?.timedOut ?? false,
      checkpoint: a.checkpoint.id,
    })),
  };
}
