import { plural } from '../core/result.js';
import { LEDGER_FILE } from './ledger.js';
import { duration } from './page/format.js';
import type { LedgerStats } from './stats.js';

function percent(share: number | null): string {
  return share === null ? 'n/a' : `${Math.round(share * 100)}%`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  // Names read left-aligned, numbers right-aligned: the first two columns are names.
  return rows.map((r) => r.map((cell, col) => (col < 2 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0))).join('  ').trimEnd());
}

function listCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => `${kind} ${n}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** What to say instead of a report when the period holds no readable entry. */
function emptyReport(stats: LedgerStats): string | undefined {
  if (stats.entries > 0) return undefined;
  if (stats.skippedLines > 0) return `No readable entry in ${LEDGER_FILE} for ${stats.period.from} to ${stats.period.to} (${plural(stats.skippedLines, 'unreadable line')} skipped).\n`;
  return `No history yet: ${LEDGER_FILE} is missing or empty. Every gatekeeper run, hook and loop adds a line to it.\n`;
}

/** How agent sessions ended; nothing without agent lines. */
function agentFacts(stats: LedgerStats): [string, string][] {
  const agents = stats.agents;
  if (agents.sessions === 0) return [];
  const after = Object.entries(agents.passedAfterBlocks).map(([blocks, n]) => `${n} after ${plural(Number(blocks), 'block')}`);
  const passed = [`${agents.passedFirstStop} passed at the first stop (${percent(stats.firstPass.period.agent.yield)})`, ...after];
  if (agents.open > 0) passed.push(`${agents.open} still blocked`);
  return [
    ['agent sessions', `${agents.sessions}: ${passed.join(', ')}`],
    ['not verified', `${Object.values(agents.notVerified).reduce((a, b) => a + b, 0)}${listCounts(agents.notVerified)}`],
  ];
}

function facts(stats: LedgerStats): [string, string][] {
  const { loops } = stats;
  return [
    ['runs', `run ${stats.runs.run} · hook ${stats.runs.hook} · loop ${stats.runs.loop} · agent ${plural(stats.agents.sessions, 'session')} (${plural(stats.runs.agent, 'stop')})`],
    ['first-pass yield', `${percent(loops.firstPassYield)}${loops.total > 0 ? ` of ${plural(loops.total, 'loop')} green on the first gate run` : ' (no loops yet)'}`],
    ['attempts to green', loops.meanAttemptsToGreen === null ? 'n/a' : `${loops.meanAttemptsToGreen.toFixed(1)} on average over ${plural(loops.passed, 'passing loop')}`],
    ['spirals', String(stats.spirals)],
    ['tampering', `${stats.tampering.total} (${plural(stats.tampering.tamperedLoops, 'tampered loop')}, ${plural(stats.tampering.guardFailures, 'guard failure')})`],
    ['bypasses', `${stats.bypasses.total}${listCounts(stats.bypasses.byKind)}`],
    ...agentFacts(stats),
  ];
}

function gateTable(stats: LedgerStats): string[] {
  if (stats.gates.length === 0) return [];
  const rows = [['gate', 'kind', 'ran', 'failed', 'errored', 'failure rate', 'median', 'p90'], ...stats.gates.map((g) => [g.id, g.kind, String(g.ran), String(g.failed), String(g.errored), percent(g.failureRate), duration(g.medianMs), duration(g.p90Ms)])];
  return ['', ...table(rows)];
}

/** The plain-text report of `gatekeeper stats`. */
export function formatStats(stats: LedgerStats): string {
  const empty = emptyReport(stats);
  if (empty !== undefined) return empty;
  const labelled = facts(stats);
  const width = Math.max(...labelled.map(([label]) => label.length)) + 2;
  const skipped = stats.skippedLines > 0 ? ` (${plural(stats.skippedLines, 'unreadable line')} skipped)` : '';
  const lines = [`${plural(stats.entries, 'entry', 'entries')} in ${LEDGER_FILE}, ${stats.first ?? '?'} to ${stats.last ?? '?'}${skipped}`, '', ...labelled.map(([label, value]) => `${label.padEnd(width)}${value}`), ...gateTable(stats)];
  return `${lines.join('\n')}\n`;
}
