import type { Command } from 'commander';
import { readStdin } from '../hook/read-stdin.js';
import { answerBaseRun } from '../run/base-child.js';
import type { CommandRuntime } from './runtime.js';

/** Hidden: the child process hold the line runs on the base commit's worktree (see run/base-child.ts). */
export function registerHoldBase(program: Command, runtime: CommandRuntime): void {
  program
    .command('hold-the-line-base', { hidden: true })
    .description('internal: run gates on a base worktree for hold the line; reads a JSON request on stdin')
    .action(async () => {
      process.stdout.write(await answerBaseRun(await readStdin(), runtime.signal));
    });
}
