import { readFileSync } from 'node:fs';

/**
 * Whether a process is still running. A zombie is not: it has ended and only waits to be reaped
 * (in a container whose PID 1 never reaps, a killed grandchild stays one until the box ends),
 * yet `kill(pid, 0)` still succeeds on it. EPERM means it exists under another user: running.
 */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // "<pid> (<comm>) <state> …": comm may hold spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    // No /proc (macOS): kill(pid, 0) is all there is to know.
    return true;
  }
}

export interface PollOptions {
  timeoutMs: number;
  /** Between two looks (default 50 ms). */
  intervalMs?: number;
  /** For the error: "waiting for <what>". */
  what?: string;
}

/** Resolves once `condition` holds; rejects naming what it waited for when `timeoutMs` passes first. */
export async function pollUntil(condition: () => boolean | Promise<boolean>, options: PollOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what ?? 'a condition'}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
