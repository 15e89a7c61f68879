import { createColors } from 'colorette';
import { blocks, plural, type GateResult, type HoldTheLine } from '../../core/result.js';
import type { RunReport } from '../reporter.js';
import { formatDiagnostic, formatDuration, outputTail } from '../../format/diagnostic-text.js';

/** colorette decides once from NO_COLOR, FORCE_COLOR, the terminal and CI, as listr2 does. */
export const color = createColors();

const SHOWN_PER_GATE = 10;

/** A finished gate's title: what it found, how long it took, whether it came from the cache. */
export function titleOf(result: GateResult): string {
  const cached = result.cached ? ' (cached)' : '';
  return `${result.id} · ${result.summary} ${color.dim(`${formatDuration(result.durationMs)}${cached}`)}`;
}

/** Under a gate: how many of its findings the base had too, and that they do not block. */
function preExistingLine(result: GateResult): string[] {
  const existing = result.baseline?.existing ?? 0;
  return existing > 0 ? [color.dim(`    ${existing} pre-existing (not blocking)`)] : [];
}

/** Hold the line's one line: the base compared with, or why there was none; and gates whose base was unknown. */
function holdLines(hold: HoldTheLine | undefined, results: readonly GateResult[]): string[] {
  if (!hold) return [];
  const lines = [color.dim(hold.base ? `hold the line: compared with ${hold.base.slice(0, 12)}, ${hold.why}` : `hold the line: ${hold.why}`)];
  for (const r of results) if (r.baseline?.unknown !== undefined) lines.push(color.yellow(`hold the line: ${r.id} not compared (${r.baseline.unknown}); every finding counts`));
  return lines;
}

function failureDetails(result: GateResult): string[] {
  const lines = [`${color.bold(color.red(`✖ ${result.id}`))} (${result.kind}, ${result.status}): ${result.summary}`];
  const errors = result.diagnostics.filter((d) => d.severity === 'error' && d.baseline !== 'existing');
  const shown = (errors.length > 0 ? errors : result.diagnostics).slice(0, SHOWN_PER_GATE);
  for (const d of shown) lines.push(`    ${formatDiagnostic(d)}`);
  const hidden = (errors.length > 0 ? errors.length : result.diagnostics.length) - shown.length;
  if (hidden > 0) lines.push(color.dim(`    … ${hidden} more (gatekeeper run --json for all)`));
  if (shown.length === 0) for (const l of outputTail(result, 15)) lines.push(color.dim(`    │ ${l}`));
  lines.push(...preExistingLine(result));
  return lines;
}

function closingLine(results: readonly GateResult[], durationMs: number): string {
  const count = (status: GateResult['status']): number => results.filter((r) => r.status === status).length;
  const parts = [`${count('passed')} passed`, `${count('failed')} failed`];
  if (count('errored') > 0) parts.push(`${count('errored')} errored`);
  if (count('skipped') > 0) parts.push(`${count('skipped')} skipped`);
  const ok = results.length > 0 && results.every((r) => !blocks(r.status));
  const verdict = ok ? color.green('✔ all gates passed') : color.red('✖ gates did not pass');
  return `${verdict} — ${parts.join(', ')} (${plural(results.length, 'gate')}, ${formatDuration(durationMs)})`;
}

/** What follows the task list: held gates, each blocking gate's findings, hold the line, the verdict. */
export function summaryLines(report: RunReport): string[] {
  const out: string[] = [];
  const held = report.results.filter((r) => !blocks(r.status) && (r.baseline?.existing ?? 0) > 0);
  for (const result of held) out.push('', `${color.green(`✔ ${result.id}`)} (${result.kind}): ${result.summary}`, ...preExistingLine(result));
  for (const result of report.results.filter((r) => blocks(r.status))) out.push('', ...failureDetails(result));
  const hold = holdLines(report.hold, report.results);
  if (hold.length > 0) out.push('', ...hold);
  out.push('', closingLine(report.results, report.durationMs));
  return out;
}
