import type { Command } from 'commander';

export function registerUninstall(program: Command): void {
  program
    .command('uninstall')
    .description('remove exactly what gatekeeper install added (with --agent, what install --agent added)')
    .option('--agent <hosts>', 'take back the hooks install --agent wrote for these hosts (or all)')
    .action(async (flags: { agent?: string }) => {
      const say = (line: string): void => void process.stdout.write(`${line}\n`);
      if (flags.agent !== undefined) {
        const [{ uninstallAgentHooks }, { hostsNamed }] = await Promise.all([import('../agents/install-hooks.js'), import('../agents/hosts.js')]);
        await uninstallAgentHooks({ cwd: process.cwd(), hosts: hostsNamed(flags.agent), say });
        return;
      }
      const { uninstall } = await import('../install/uninstall.js');
      await uninstall({ cwd: process.cwd(), say });
    });
}
