import type { Command } from 'commander';
import type { CommandRuntime } from './runtime.js';

interface InitFlags {
  cwd?: string;
  force?: boolean;
}

export function registerInit(program: Command, _runtime: CommandRuntime): void {
  program
    .command('init')
    .description('detect the project (its check scripts, tsconfig, ESLint/Biome/oxlint, sources, build script, Vitest/Jest) and write .gatekeeper.json')
    .option('--cwd <dir>', 'the project folder (default: the current folder)')
    .option('--force', 'replace an existing .gatekeeper.json')
    .action(async (flags: InitFlags) => {
      const { initProject } = await import('../init/init-project.js');
      const outcome = await initProject(flags.cwd ?? process.cwd(), flags.force === true);
      process.stdout.write(`${outcome.lines.join('\n')}\n`);
    });
}
