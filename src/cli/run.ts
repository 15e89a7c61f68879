import type { Command } from 'commander';
import { runGates } from '../core/run-gates.js';
import { jsonReporter } from '../report/json.js';
import { terminalReporter } from '../report/terminal.js';
import { collectList } from './list-option.js';
import type { CommandRuntime } from './runtime.js';

interface RunFlags {
  config?: string;
  cwd?: string;
  only?: string[];
  skip?: string[];
  since?: string;
  json?: boolean;
  failFast: boolean;
}

export function registerRun(program: Command, runtime: CommandRuntime): void {
  program
    .command('run')
    .description('run the gates of .gatekeeper.json on the work tree')
    .option('--config <path>', 'the config file (default: .gatekeeper.json, found from --cwd up to the repository root)')
    .option('--cwd <dir>', 'run as if started in this folder')
    .option('--only <ids>', 'run only these gates (comma-separated, repeatable)', collectList)
    .option('--skip <ids>', 'leave these gates out (comma-separated, repeatable)', collectList)
    .option('--since <ref>', 'scope lint and complexity to the files changed since this ref\'s merge-base')
    .option('--json', 'print one JSON object on stdout and nothing else there')
    .option('--no-fail-fast', 'run every gate even after one fails')
    .action(async (flags: RunFlags, command: Command) => {
      const failFastSource = command.getOptionValueSource('failFast');
      const response = await runGates({
        cwd: flags.cwd ?? process.cwd(),
        ...(flags.config !== undefined ? { configPath: flags.config } : {}),
        ...(flags.only ? { only: flags.only } : {}),
        ...(flags.skip ? { skip: flags.skip } : {}),
        ...(flags.since !== undefined ? { since: flags.since } : {}),
        ...(failFastSource === 'cli' ? { failFast: flags.failFast } : {}),
        reporters: [flags.json ? jsonReporter() : terminalReporter()],
        signal: runtime.signal,
      });
      runtime.setExitCode(response.exitCode);
    });
}
