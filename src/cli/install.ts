import type { Command } from 'commander';

export function registerInstall(program: Command): void {
  program
    .command('install')
    .description('set up the pre-push hook through husky 9 (idempotent)')
    .option('--force', 'take over a core.hooksPath that another tool set')
    .action(async (flags: { force?: boolean }) => {
      const { install } = await import('../install/install.js');
      await install({ cwd: process.cwd(), force: flags.force === true, say: (line) => process.stdout.write(`${line}\n`) });
    });
}
