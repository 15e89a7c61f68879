import { statSync } from 'node:fs';
import path from 'node:path';
import { erroredOutcome, type GateContext, type GateOutcome } from '../src/core/gate.js';
import { runProcess } from '../src/core/process.js';
import { toRepoPath } from '../src/core/paths.js';
import type { Diagnostic } from '../src/core/result.js';
import { describeAbnormalEnd } from './abnormal-end.js';
import { parseTscOutput } from './parse/tsc-output.js';

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A shell command as a gate: exit 0 passes, any other exit fails, a command that cannot start
 * (127) or is killed errs. Lines in tsc's format become diagnostics, because most builds of
 * TypeScript projects print them.
 */
export async function runShellGate(command: string, cwd: string | undefined, ctx: GateContext): Promise<GateOutcome> {
  const dir = cwd === undefined ? ctx.root : path.resolve(ctx.root, cwd);
  if (!isFolder(dir)) return erroredOutcome(`cwd "${cwd ?? ''}": no such folder in ${ctx.root}`);
  const run = await runProcess(command, [], { cwd: dir, shell: true, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
  const abnormal = describeAbnormalEnd(run, `\`${command}\``, ctx.timeoutMs);
  if (abnormal) return abnormal;
  if (run.exitCode === 0) return { status: 'passed', diagnostics: [], summary: `\`${command}\` succeeded`, output: run.output };
  const diagnostics: Diagnostic[] = parseTscOutput(run.output)
    .diagnostics.filter((d) => d.file !== undefined)
    .map((d) => ({ ...d, file: toRepoPath(ctx.repoRoot, d.file ?? '', dir) }));
  return { status: 'failed', diagnostics, summary: `\`${command}\` exited with code ${run.exitCode}`, output: run.output };
}
