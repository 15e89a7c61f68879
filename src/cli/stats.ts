import type { Command } from 'commander';

interface StatsFlags {
  cwd?: string;
  json?: boolean;
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('summarise .gatekeeper/history.jsonl: runs, first-pass yield, failure rates, spirals, tampering, bypasses')
    .option('--cwd <dir>', 'run as if started in this folder')
    .option('--json', 'print one JSON object on stdout')
    .action(async (flags: StatsFlags) => {
      const [{ ledgerRoot }, { readLedger }, { computeStats }, { formatStats }] = await Promise.all([
        import('../history/ledger-root.js'),
        import('../history/ledger.js'),
        import('../history/stats.js'),
        import('../history/stats-text.js'),
      ]);
      const stats = computeStats(readLedger(await ledgerRoot(flags.cwd ?? process.cwd())));
      process.stdout.write(flags.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats));
    });
}
