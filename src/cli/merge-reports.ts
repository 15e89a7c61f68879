import type { Command } from 'commander';
import { mergeReports } from '../run/merge/merge-reports.js';
import { parseReporterSpec, selectReporters, type ReporterSpec } from '../report/select-reporters.js';
import type { CommandRuntime } from './runtime.js';

interface MergeFlags {
  json?: boolean;
  reporter?: ReporterSpec[];
}

function collectReporter(value: string, previous: ReporterSpec[] | undefined): ReporterSpec[] {
  return [...(previous ?? []), parseReporterSpec(value)];
}

export function registerMergeReports(program: Command, runtime: CommandRuntime): void {
  program
    .command('merge-reports')
    .description('combine the JSON reports of `gatekeeper run --shard i/n` into one verdict; fails when a shard is missing or given twice')
    .argument('<files...>', 'one JSON report per shard')
    .option('--json', 'print one JSON object on stdout and nothing else there (same as --reporter json)')
    .option('--reporter <name[=path]>', 'pretty (default), json, github, sarif, junit or markdown, to stdout or to a file (repeatable)', collectReporter)
    .action(async (files: string[], flags: MergeFlags) => {
      const cwd = process.cwd();
      const specs = [...(flags.json ? [{ name: 'json' as const }] : []), ...(flags.reporter ?? [])];
      const response = await mergeReports({ cwd, files, reporters: selectReporters(specs, { cwd }) });
      runtime.setExitCode(response.exitCode);
    });
}
