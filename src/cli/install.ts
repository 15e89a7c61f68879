import { Option, type Command } from 'commander';
import type { OtherHooks } from '../install/install.js';

/** A yes/no question on the terminal; only when both ends are one (never in CI or a pipe). */
async function askOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerInstall(program: Command): void {
  program
    .command('install')
    .description('set up the pre-push hook through husky 9 (idempotent); with --agent, an agent host\'s own hooks instead')
    .option('--force', 'take over a core.hooksPath that another tool set')
    .option('--agent <hosts>', 'write the stop, edit and prompt hooks of these agent hosts (claude,codex,copilot,gemini,cursor or all) into their config files')
    .addOption(new Option('--other-hooks <on|off>', "the repository's other .husky/ hooks, which husky's core.hooksPath turns on: on, or keep them off").choices(['on', 'off']))
    .action(async (flags: { force?: boolean; agent?: string; otherHooks?: OtherHooks }) => {
      const say = (line: string): void => void process.stdout.write(`${line}\n`);
      if (flags.agent !== undefined) {
        const [{ installAgentHooks }, { hostsNamed }] = await Promise.all([import('../agents/install-hooks.js'), import('../agents/hosts.js')]);
        await installAgentHooks({ cwd: process.cwd(), hosts: hostsNamed(flags.agent), say });
        return;
      }
      const { install } = await import('../install/install.js');
      const interactive = process.stdin.isTTY && process.stdout.isTTY && process.env['CI'] !== 'true';
      await install({
        cwd: process.cwd(),
        force: flags.force === true,
        say,
        ...(flags.otherHooks ? { otherHooks: flags.otherHooks } : {}),
        ...(interactive ? { ask: askOnTerminal } : {}),
      });
    });
}
