import type { Command } from 'commander';
import type { CommandRuntime } from './runtime.js';

export function registerRestore(program: Command, _runtime: CommandRuntime): void {
  program
    .command('restore')
    .description('bring the work tree back exactly to a checkpoint (the index, HEAD and branch are left alone)')
    .argument('<id>', 'the checkpoint id, as `gatekeeper checkpoints` lists it')
    .option('--force', 'overwrite uncommitted changes that no checkpoint holds (they are saved as a checkpoint first)')
    .option('--cwd <dir>', 'run as if started in this folder')
    .action(async (id: string, flags: { cwd?: string; force?: boolean }) => {
      const [{ restoreCheckpoint }, { requireRepoRoot }] = await Promise.all([import('../git/checkpoint.js'), import('../git/require-repo.js')]);
      const result = await restoreCheckpoint(await requireRepoRoot(flags.cwd ?? process.cwd()), id, { force: flags.force === true });
      const lines = [`restored checkpoint ${result.restored.id} (${result.restored.message})`];
      if (result.removed.length > 0) lines.push(`removed ${result.removed.length} file(s) the checkpoint does not have`);
      if (result.safety) lines.push(`the tree as it was before is saved as checkpoint ${result.safety.id}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
