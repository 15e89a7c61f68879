import { existsSync, readFileSync } from 'node:fs';
import { isRunning, pollUntil } from '../../src/core/liveness.js';

/** Running and not a zombie: the one definition, Gatekeeper's own (src/core/liveness.ts). */
export const isAlive = isRunning;

export async function waitFor(condition: () => boolean, timeoutMs = 20_000, what = 'a condition'): Promise<void> {
  await pollUntil(condition, { timeoutMs, what });
}

/** A pid a fixture's command wrote to a file, once it is there. */
export async function pidFrom(file: string, timeoutMs = 20_000): Promise<number> {
  await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').trim() !== '', timeoutMs, file);
  return Number(readFileSync(file, 'utf8').trim());
}

/** Gives a killed process a moment to be reaped before we look for it. */
export async function expectGone(pid: number): Promise<void> {
  await waitFor(() => !isAlive(pid), 5000, `process ${pid} to end`);
}
