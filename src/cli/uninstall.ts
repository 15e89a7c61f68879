import type { Command } from 'commander';

export function registerUninstall(program: Command): void {
  program
    .command('uninstall')
    .description('remove exactly what gatekeeper install added')
    .action(async () => {
      const { uninstall } = await import('../install/uninstall.js');
      await uninstall({ cwd: process.cwd(), say: (line) => process.stdout.write(`${line}\n`) });
    });
}
