import type { Command } from 'commander';
import type { CommandRuntime } from './runtime.js';

export function registerCheckpoints(program: Command, _runtime: CommandRuntime): void {
  program
    .command('checkpoints')
    .description('list the work-tree checkpoints the loop took (refs/gatekeeper/checkpoints), oldest first')
    .option('--cwd <dir>', 'run as if started in this folder')
    .option('--json', 'print one JSON array on stdout')
    .action(async (flags: { cwd?: string; json?: boolean }) => {
      const [{ listCheckpoints }, { requireRepoRoot }] = await Promise.all([import('../git/checkpoint.js'), import('../git/require-repo.js')]);
      const all = await listCheckpoints(await requireRepoRoot(flags.cwd ?? process.cwd()));
      if (flags.json) process.stdout.write(`${JSON.stringify(all.map(({ id, commit, time, message }) => ({ id, commit, time, message })))}\n`);
      else process.stdout.write(all.length === 0 ? 'no checkpoints\n' : all.map((c) => `${c.id}  ${c.time}  ${c.commit.slice(0, 10)}  ${c.message}\n`).join(''));
    });
}
