import type { Command } from 'commander';
import { collectList } from './list-option.js';
import type { CommandRuntime } from './runtime.js';

interface RunFlags {
  config?: string;
  cwd?: string;
  only?: string[];
  skip?: string[];
  since?: string;
  json?: boolean;
  /** Raw `NAME[=PATH]` texts: parsed in the action, so that parsing flags loads no reporter. */
  reporter?: string[];
  failFast: boolean;
  cache: boolean;
  shard?: string;
  holdTheLine: boolean;
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
    .option('--reporter <name[=path]>', 'pretty (default), json, github, sarif, junit or markdown, to stdout or to a file (repeatable)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('--no-fail-fast', 'run every gate even after one fails')
    .option('--no-hold-the-line', 'count every finding, old or new (overrides "holdTheLine" in the config)')
    .option('--no-cache', 'run every gate without replaying cached results (fresh results replace the stored ones)')
    .option('--shard <i/n>', 'run part i of n of a CI run: tests by the runner\'s own --shard, lint and complexity by file, whole-project gates on shard 1 (combine with merge-reports)')
    .action(async (flags: RunFlags, command: Command) => {
      const [{ runGates }, { parseReporterSpec, selectReporters }, { parseShard }] = await Promise.all([import('../run/run-gates.js'), import('../report/select-reporters.js'), import('../run/shard.js')]);
      const cwd = flags.cwd ?? process.cwd();
      const specs = [...(flags.json ? [{ name: 'json' as const }] : []), ...(flags.reporter ?? []).map(parseReporterSpec)];
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
        ...(flags.shard !== undefined ? { shard: parseShard(flags.shard) } : {}),
        ...(command.getOptionValueSource('holdTheLine') === 'cli' ? { holdTheLine: flags.holdTheLine } : {}),
        reporters,
        signal: runtime.signal,
      });
      runtime.setExitCode(response.exitCode);
    });
}
