import type { Command } from 'commander';

export function registerInstall(program: Command): void {
  program
    .command('install')
    .description('set up the pre-push hook through husky 9 (idempotent); with --agent, an agent host\'s own hooks instead')
    .option('--force', 'take over a core.hooksPath that another tool set')
    .option('--agent <hosts>', 'write the stop, edit and prompt hooks of these agent hosts (claude,codex,copilot,gemini,cursor or all) into their config files')
    .action(async (flags: { force?: boolean; agent?: string }) => {
      const say = (line: string): void => void process.stdout.write(`${line}\n`);
      if (flags.agent !== undefined) {
        const [{ installAgentHooks }, { hostsNamed }] = await Promise.all([import('../agents/install-hooks.js'), import('../agents/hosts.js')]);
        await installAgentHooks({ cwd: process.cwd(), hosts: hostsNamed(flags.agent), say });
        return;
      }
      const { install } = await import('../install/install.js');
      await install({ cwd: process.cwd(), force: flags.force === true, say });
    });
}
