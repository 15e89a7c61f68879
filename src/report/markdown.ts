import { stripVTControlCharacters } from 'node:util';
import { blocks, type Diagnostic, type GateResult, type Status } from '../core/result.js';
import { formatDuration, formatLocation, outputTail } from '../format/diagnostic-text.js';
import type { Output } from './output.js';
import type { Reporter, RunReport } from './reporter.js';

const SHOWN_PER_GATE = 5;

const STATUS_LABEL: Record<Status, string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  errored: '⛔ errored',
  skipped: '⏭️ skipped',
};

/** Markdown that shows `text` literally: every ASCII punctuation mark Markdown reads is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#!&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A fence longer than any backtick run inside, so raw output cannot close its own code block. */
function fenced(lines: readonly string[]): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = '`'.repeat(longest + 1);
  return [fence, ...lines, fence];
}

function diagnosticLine(d: Diagnostic): string {
  const where = formatLocation(d);
  const firstLine = d.message.split('\n')[0] ?? '';
  const location = where === '' ? '' : `**${escapeMarkdown(where)}** `;
  const code = d.code === undefined ? '' : `${escapeMarkdown(d.code)}: `;
  return `- ${d.severity === 'warning' ? '⚠️ ' : ''}${location}${code}${escapeMarkdown(firstLine)}`;
}

function gateDetails(result: GateResult, perGate: number): string[] {
  const blocking = result.diagnostics.filter((d) => d.baseline !== 'existing');
  const errors = blocking.filter((d) => d.severity === 'error');
  const listed = errors.length > 0 ? errors : blocking;
  const lines = ['', `### ${STATUS_LABEL[result.status]}: ${escapeMarkdown(result.id)} (${escapeMarkdown(result.kind)}) — ${escapeMarkdown(result.summary)}`, ''];
  if (listed.length === 0) {
    // Colour codes and other control characters would show as garbage in a rendered page.
    const tail = outputTail(result, 15).map((l) => stripVTControlCharacters(l).replace(/\p{Cc}/gu, ''));
    if (tail.length > 0) lines.push(...fenced(tail));
    return lines;
  }
  lines.push(...listed.slice(0, perGate).map(diagnosticLine));
  if (listed.length > perGate) lines.push(`- … and ${listed.length - perGate} more`);
  if ((result.baseline?.existing ?? 0) > 0) lines.push(`- ${result.baseline?.existing ?? 0} pre-existing (not blocking)`);
  return lines;
}

/** The run as Markdown: a table of the gates, then the first diagnostics of each gate that did not pass. */
export function toMarkdown(report: RunReport, perGate = SHOWN_PER_GATE): string {
  const heading = report.ok ? '## Gatekeeper: ✅ all gates passed' : '## Gatekeeper: ❌ gates did not pass';
  const hold = report.hold ? ` · Hold the line: ${escapeMarkdown(report.hold.base ? `compared with ${report.hold.base.slice(0, 12)}, ${report.hold.why}` : report.hold.why)}` : '';
  const lines = [heading, '', `Scope: ${escapeMarkdown(report.scope.description)} · ${formatDuration(report.durationMs)}${hold}`, '', '| gate | status | time | count |', '| --- | --- | --- | --- |'];
  for (const r of report.results) {
    const existing = r.baseline?.existing ?? 0;
    const count = existing > 0 ? `${r.diagnostics.length} (${existing} pre-existing, not blocking)` : `${r.diagnostics.length}`;
    lines.push(`| ${escapeMarkdown(r.id)} | ${STATUS_LABEL[r.status]} | ${formatDuration(r.durationMs)}${r.cached ? ' (cached)' : ''} | ${count} |`);
  }
  for (const r of report.results.filter((g) => blocks(g.status))) lines.push(...gateDetails(r, perGate));
  return `${lines.join('\n')}\n`;
}

export function markdownReporter(output: Output): Reporter {
  return {
    finish(report) {
      output.write(toMarkdown(report));
    },
  };
}
