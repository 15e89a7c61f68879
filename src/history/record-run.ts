import { gitMaybe } from '../git/git.js';
import type { GateResult } from '../core/result.js';
import { appendLedger, gateSummaries, type LedgerEntry } from './ledger.js';

/** CI services set CI (to "true", "1" or their name); "false" or "0" is someone turning it off. */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  const value = env['CI'];
  return value !== undefined && value !== '' && !/^(?:false|0)$/i.test(value);
}

/** One ledger line for a finished run or hook, with the commit it judged. */
export async function recordRun(root: string, command: LedgerEntry['command'], outcome: string, durationMs: number, results: readonly GateResult[], bypasses: string[] = [], extra: Record<string, unknown> = {}): Promise<void> {
  // A caller that knows the commit already (run asks git for it at the start) saves a git process.
  const commit = typeof extra['commit'] === 'string' ? extra['commit'] : (await gitMaybe(['rev-parse', 'HEAD'], root))?.trim();
  appendLedger(root, {
    time: new Date().toISOString(),
    command,
    ...(commit ? { commit } : {}),
    outcome,
    durationMs,
    gates: gateSummaries(results),
    ...(bypasses.length > 0 ? { bypasses } : {}),
    ...(inCi(process.env) ? { ci: true } : {}),
    ...extra,
  });
}
