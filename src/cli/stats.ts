import type { Command } from 'commander';
import { ledgerRoot } from '../history/ledger-root.js';
import { readLedger } from '../history/ledger.js';
import { computeStats } from '../history/stats.js';
import { formatStats } from '../history/stats-text.js';

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
      const stats = computeStats(readLedger(await ledgerRoot(flags.cwd ?? process.cwd())));
      process.stdout.write(flags.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats));
    });
}
