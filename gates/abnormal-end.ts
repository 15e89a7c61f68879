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
  if (run.notFound) return erroredOutcome(`${what} could not be started${notFoundDetail(run)}`, run.output);
  if (run.signal !== undefined) return erroredOutcome(`${what} was killed by ${run.signal}`, run.output);
  if (run.exitCode === undefined) return erroredOutcome(`${what} ended without an exit code`, run.output);
  return undefined;
}

/** Package managers a project may declare that Node ships a shim installer for. */
const COREPACK = new Set(['pnpm', 'yarn']);

/** What the shell could not find, named (dash: `sh: 1: pnpm: not found`; bash: `pnpm: command not found`). */
function notFoundDetail(run: RunOutcome): string {
  if (run.spawnError) return `: ${run.spawnError.split('\n')[0] ?? ''}`;
  const missing = /(?:^|\n)[^\n]*?([^\s:]+): (?:command )?not found/.exec(run.output)?.[1];
  if (missing === undefined) return ' (exit code 127)';
  const hint = COREPACK.has(missing) ? ` (\`corepack enable\` puts it there)` : '';
  return `: \`${missing}\` is not on PATH${hint}`;
}
