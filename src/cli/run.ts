import type { Command } from 'commander';
import { runGates } from '../run/run-gates.js';
import { parseReporterSpec, selectReporters, type ReporterSpec } from '../report/select-reporters.js';
import { collectList } from './list-option.js';
import type { CommandRuntime } from './runtime.js';

interface RunFlags {
  config?: string;
  cwd?: string;
  only?: string[];
  skip?: string[];
  since?: string;
  json?: boolean;
  reporter?: ReporterSpec[];
  failFast: boolean;
  cache: boolean;
}

function collectReporter(value: string, previous: ReporterSpec[] | undefined): ReporterSpec[] {
  return [...(previous ?? []), parseReporterSpec(value)];
}

export function registerRun(program: Command, runtime: CommandRuntime): void {
  program
    .command('run')
    .description('run the gates of .gatekeeper.json on the work tree')
    .option('--config <path>', 'the config file (default: .gatekeeper.json, found from --cwd up to the repository root)')
    .option('--cwd <dir>', 'run as if started in this folder')
    .option('--only <ids>', 'run only these gates (comma-separated, repeatable)', collectList)
    .option('--skip <ids>', 'leave these gates out (comma-separated, repeatable)', collectList)
    .option('--since <ref>', 'scope lint and complexity to the files changed since this ref\'s merge-base; "auto": the pull/merge request\'s base or the remote\'s default branch')
    .option('--json', 'print one JSON object on stdout and nothing else there (same as --reporter json)')
    .option('--reporter <name[=path]>', 'pretty (default), json, github, sarif, junit or markdown, to stdout or to a file (repeatable)', collectReporter)
    .option('--no-fail-fast', 'run every gate even after one fails')
    .option('--no-cache', 'run every gate without replaying cached results (fresh results replace the stored ones)')
    .action(async (flags: RunFlags, command: Command) => {
      const cwd = flags.cwd ?? process.cwd();
      const specs = [...(flags.json ? [{ name: 'json' as const }] : []), ...(flags.reporter ?? [])];
      const reporters = selectReporters(specs, { cwd });
      const failFastSource = command.getOptionValueSource('failFast');
      const response = await runGates({
        cwd,
        ...(flags.config !== undefined ? { configPath: flags.config } : {}),
        ...(flags.only ? { only: flags.only } : {}),
        ...(flags.skip ? { skip: flags.skip } : {}),
        ...(flags.since !== undefined ? { since: flags.since } : {}),
        ...(failFastSource === 'cli' ? { failFast: flags.failFast } : {}),
        cache: flags.cache,
        reporters,
        signal: runtime.signal,
      });
      runtime.setExitCode(response.exitCode);
    });
}
