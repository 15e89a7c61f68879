import { fileURLToPath } from 'node:url';
import type { GateConfig } from '../config/schema.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../config/gate-defaults.js';
import { runProcess } from '../core/process.js';
import type { GateResult } from '../core/result.js';
import type { BaseRunRequest } from './base-child.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

/** Beyond the gates' own deadlines: Node's start and the worktree's files. */
const SLACK_MS = 30_000;

function deadline(gates: readonly GateConfig[]): number {
  return gates.reduce((sum, g) => sum + (g.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000, SLACK_MS);
}

/** Runs the gates in a child Gatekeeper on the base worktree; throws when it gives no readable answer. */
export async function runBaseChild(request: BaseRunRequest, signal?: AbortSignal): Promise<GateResult[]> {
  const run = await runProcess(process.execPath, [CLI, 'hold-the-line-base'], {
    cwd: request.root,
    input: JSON.stringify(request),
    timeoutMs: deadline(request.gates),
    ...(signal ? { signal } : {}),
  });
  const lastLine = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const parsed = JSON.parse(lastLine) as { results?: GateResult[] };
    if (run.exitCode === 0 && Array.isArray(parsed.results)) return parsed.results;
  } catch {
    // described below
  }
  const why = run.timedOut ? 'timed out' : run.cancelled ? 'cancelled' : `exit code ${run.exitCode ?? run.signal ?? '?'}`;
  throw new Error(`the base run ended without results (${why}): ${run.output.trim().split('\n').slice(-3).join(' / ').slice(0, 400)}`);
}
