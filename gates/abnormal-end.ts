import { erroredOutcome, type GateOutcome } from '../src/core/gate.js';
import type { RunOutcome } from '../src/core/process.js';

/**
 * The ways a child can end that leave its verdict unknown: it never started, it was killed,
 * it ran out of time. Each is `errored`, never `passed`.
 */
export function describeAbnormalEnd(run: RunOutcome, what: string, timeoutMs?: number): GateOutcome | undefined {
  if (run.timedOut) {
    const seconds = timeoutMs === undefined ? '' : ` after ${Math.round(timeoutMs / 1000)} s`;
    return erroredOutcome(`${what} timed out${seconds}; its process group was killed`, run.output);
  }
  if (run.cancelled) return erroredOutcome(`${what} was cancelled`, run.output);
  if (run.notFound) {
    const detail = run.spawnError ? `: ${run.spawnError.split('\n')[0] ?? ''}` : ' (exit code 127)';
    return erroredOutcome(`${what} could not be started${detail}`, run.output);
  }
  if (run.signal !== undefined) return erroredOutcome(`${what} was killed by ${run.signal}`, run.output);
  if (run.exitCode === undefined) return erroredOutcome(`${what} ended without an exit code`, run.output);
  return undefined;
}
