import type { Command } from 'commander';
import { uninstall } from '../install/uninstall.js';

export function registerUninstall(program: Command): void {
  program
    .command('uninstall')
    .description('remove exactly what gatekeeper install added')
    .action(async () => {
      await uninstall({ cwd: process.cwd(), say: (line) => process.stdout.write(`${line}\n`) });
    });
}
