import type { Command } from 'commander';
import type { CommandRuntime } from './runtime.js';

/** Hidden: the child process hold the line runs on the base commit's worktree (see run/base-child.ts). */
export function registerHoldBase(program: Command, runtime: CommandRuntime): void {
  program
    .command('hold-the-line-base', { hidden: true })
    .description('internal: run gates on a base worktree for hold the line; reads a JSON request on stdin')
    .action(async () => {
      const [{ readStdin }, { answerBaseRun }] = await Promise.all([import('../hook/read-stdin.js'), import('../run/base-child.js')]);
      process.stdout.write(await answerBaseRun(await readStdin(), runtime.signal));
    });
}
