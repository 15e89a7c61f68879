import type { Command } from 'commander';

interface StatsFlags {
  cwd?: string;
  json?: boolean;
  html?: string;
  since?: string;
  days?: string;
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('summarise .gatekeeper/history.jsonl: first-pass yield, attempts, outcomes, failure rates and durations per gate, repeated failures, bypasses')
    .option('--cwd <dir>', 'run as if started in this folder')
    .option('--json', 'print one JSON object on stdout')
    .option('--html <file>', 'write a self-contained HTML page of charts and tables to this file')
    .option('--since <date>', 'report from this day (YYYY-MM-DD, UTC)')
    .option('--days <n>', 'report this many days: the last N, or N from --since')
    .action(async (flags: StatsFlags) => {
      const [{ ledgerRoot }, { readLedgerCounted }, { computeStats }, { formatStats }, { writeStatsPage }] = await Promise.all([
        import('../history/ledger-root.js'),
        import('../history/ledger.js'),
        import('../history/stats.js'),
        import('../history/stats-text.js'),
        import('../history/page/write-page.js'),
      ]);
      const { entries, skippedLines } = readLedgerCounted(await ledgerRoot(flags.cwd ?? process.cwd()));
      const stats = computeStats(entries, { ...(flags.since !== undefined ? { since: flags.since } : {}), ...(flags.days !== undefined ? { days: flags.days } : {}), skippedLines });
      if (flags.html !== undefined) {
        const written = writeStatsPage(flags.html, stats);
        if (!flags.json) process.stdout.write(`Wrote ${written.path} (${Math.ceil(written.bytes / 1024)} KB): ${stats.entries} entries, ${stats.period.from} to ${stats.period.to}.\n`);
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      else if (flags.html === undefined) process.stdout.write(formatStats(stats));
    });
}
