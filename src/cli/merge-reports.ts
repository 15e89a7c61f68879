import type { Command } from 'commander';
import type { CommandRuntime } from './runtime.js';

interface MergeFlags {
  json?: boolean;
  /** Raw `NAME[=PATH]` texts: parsed in the action, so that parsing flags loads no reporter. */
  reporter?: string[];
}

export function registerMergeReports(program: Command, runtime: CommandRuntime): void {
  program
    .command('merge-reports')
    .description('combine the JSON reports of `gatekeeper run --shard i/n` into one verdict; fails when a shard is missing or given twice')
    .argument('<files...>', 'one JSON report per shard')
    .option('--json', 'print one JSON object on stdout and nothing else there (same as --reporter json)')
    .option('--reporter <name[=path]>', 'pretty (default), json, github, sarif, junit or markdown, to stdout or to a file (repeatable)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .action(async (files: string[], flags: MergeFlags) => {
      const [{ mergeReports }, { parseReporterSpec, selectReporters }] = await Promise.all([import('../run/merge/merge-reports.js'), import('../report/select-reporters.js')]);
      const cwd = process.cwd();
      const specs = [...(flags.json ? [{ name: 'json' as const }] : []), ...(flags.reporter ?? []).map(parseReporterSpec)];
      const response = await mergeReports({ cwd, files, reporters: selectReporters(specs, { cwd }) });
      runtime.setExitCode(response.exitCode);
    });
}
