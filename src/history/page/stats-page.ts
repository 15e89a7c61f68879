import { SERIES, type Series } from '../first-pass.js';
import { LEDGER_FILE } from '../ledger.js';
import type { LedgerStats } from '../stats.js';
import { barChart } from './bar-chart.js';
import { dataTable, figure, num, type Cell } from './data-table.js';
import { bucketHeading, bucketLabel, count, duration, escapeHtml, percent, shortDay, timeUnit } from './format.js';
import { histogram } from './histogram.js';
import { legend } from './legend.js';
import { lineChart } from './line-chart.js';
import { outcomeIndex, patternDefs } from './palette.js';
import { stackedBar } from './stacked-bar.js';
import { STYLE } from './style.js';

export const SERIES_NAMES: Record<Series, string> = { hook: 'pushes (hook)', ci: 'CI runs', loop: 'loops', agent: 'agent sessions' };

function yieldCell(y: { yield: number | null }): Cell {
  return num(y.yield, percent(y.yield));
}

function firstPassFigure(stats: LedgerStats): string {
  const { firstPass, period } = stats;
  const headline = SERIES.map((s) => `${SERIES_NAMES[s]} ${percent(firstPass.period[s].yield)} (${count(firstPass.period[s].firstPass)} of ${count(firstPass.period[s].total)})`).join('; ');
  const chart = lineChart({
    label: `First-pass yield per ${period.bucket}`,
    points: firstPass.timeline.map((r) => shortDay(r.bucket)),
    series: SERIES.map((s, i) => ({ name: SERIES_NAMES[s], index: i, values: firstPass.timeline.map((r) => r[s].yield) })),
    tick: (v) => `${Math.round(v * 100)}%`,
  });
  const headers = [bucketHeading(period.bucket), ...SERIES.flatMap((s) => [`${SERIES_NAMES[s]} first pass`, `${SERIES_NAMES[s]} judged`, `${SERIES_NAMES[s]} yield`])];
  const rows = firstPass.timeline.map((r) => [r.bucket, ...SERIES.flatMap((s) => [num(r[s].firstPass, count(r[s].firstPass)), num(r[s].total, count(r[s].total)), yieldCell(r[s])])]);
  const total = ['whole period', ...SERIES.flatMap((s) => [num(firstPass.period[s].firstPass, count(firstPass.period[s].firstPass)), num(firstPass.period[s].total, count(firstPass.period[s].total)), yieldCell(firstPass.period[s])])];
  return figure(
    'first-pass',
    `First-pass yield per ${period.bucket}`,
    `Share green the first time it was judged: ${headline}. Bypassed pushes are not counted; a loop counts when its first gate run passed, an agent session when its first stop passed.`,
    chart,
    dataTable('first-pass', `First-pass yield per ${period.bucket}`, headers, [...rows, total]),
    legend(
      SERIES.map((s, i) => ({ label: SERIES_NAMES[s], index: i })),
      'line',
    ),
  );
}

function attemptsFigure(stats: LedgerStats): string {
  const { attempts } = stats;
  const loops = attempts.loop.reduce((a, b) => a + b, 0);
  const sessions = attempts.agent.reduce((a, b) => a + b, 0);
  const mean = (m: number | null): string => (m === null ? 'n/a' : m.toFixed(1));
  const chart = histogram({
    label: 'Attempts per loop and per agent session',
    bins: attempts.bins,
    series: [
      { name: 'loops', index: 2, values: attempts.loop },
      { name: 'agent sessions', index: 3, values: attempts.agent },
    ],
  });
  const rows = attempts.bins.map((bin, i) => [bin, num(attempts.loop[i] ?? 0, count(attempts.loop[i] ?? 0)), num(attempts.agent[i] ?? 0, count(attempts.agent[i] ?? 0))]);
  return figure(
    'attempts',
    'Attempts to green',
    `How many attempts ${count(loops)} loops and ${count(sessions)} agent sessions took, whatever their outcome. Passing loops took ${mean(attempts.meanToGreen.loop)} attempts on average, passing agent sessions ${mean(attempts.meanToGreen.agent)}.`,
    chart,
    dataTable('attempts', 'Loops and agent sessions by number of attempts', ['attempts', 'loops', 'agent sessions'], rows),
    legend([
      { label: 'loops', index: 2 },
      { label: 'agent sessions', index: 3 },
    ]),
  );
}

function outcomesFigure(stats: LedgerStats): string {
  const { outcomes, period } = stats;
  const series = outcomes.outcomes.map((o, i) => ({ name: o, index: outcomeIndex(o, i) }));
  const chart = stackedBar({
    label: `Loop and agent session outcomes per ${period.bucket}`,
    columns: outcomes.timeline.map((r) => ({ label: shortDay(r.bucket), title: bucketLabel(r.bucket, period.bucket), values: outcomes.outcomes.map((o) => r.counts[o] ?? 0) })),
    series,
    tick: (v) => count(Math.round(v)),
  });
  const total = Object.values(outcomes.totals).reduce((a, b) => a + b, 0);
  const summary = outcomes.outcomes.map((o) => `${o} ${count(outcomes.totals[o] ?? 0)}`).join(', ');
  const rows = outcomes.timeline.map((r) => [r.bucket, ...outcomes.outcomes.map((o) => num(r.counts[o] ?? 0, count(r.counts[o] ?? 0)))]);
  return figure(
    'outcomes',
    'Outcomes over time',
    `How ${count(total)} loops and agent sessions ended: ${summary || 'none in this period'}.`,
    chart,
    dataTable('outcomes', `Outcomes per ${period.bucket}`, [bucketHeading(period.bucket), ...outcomes.outcomes], [...rows, ['whole period', ...outcomes.outcomes.map((o) => num(outcomes.totals[o] ?? 0, count(outcomes.totals[o] ?? 0)))]]),
    legend(series.map((s) => ({ label: s.name, index: s.index }))),
  );
}

function gatesFigure(stats: LedgerStats): string {
  const gates = [...stats.gates].sort((a, b) => b.failureRate - a.failureRate || a.id.localeCompare(b.id));
  const worst = gates[0];
  const chart = barChart({
    label: 'Failure rate per gate',
    bars: gates.map((g) => ({ label: `${g.id} (${g.kind})`, value: g.failureRate, text: `${percent(g.failureRate)} of ${count(g.ran)}`, index: 5 })),
    max: 1,
  });
  const rows = gates.map((g) => [g.id, g.kind, num(g.ran, count(g.ran)), num(g.failed, count(g.failed)), num(g.errored, count(g.errored)), num(g.failureRate, percent(g.failureRate)), num(g.medianMs, duration(g.medianMs)), num(g.p90Ms, duration(g.p90Ms)), num(g.totalMs, duration(g.totalMs))]);
  return figure(
    'gates',
    'Failures and durations per gate',
    worst ? `${count(gates.length)} gates ran. ${worst.id} fails most often: ${percent(worst.failureRate)} of ${count(worst.ran)} runs (median ${duration(worst.medianMs)}, 90th percentile ${duration(worst.p90Ms)}).` : 'No gate ran in this period.',
    chart,
    dataTable('gates', 'Per gate: runs, failures, failure rate, median and 90th-percentile duration, total time', ['gate', 'kind', 'ran', 'failed', 'errored', 'failure rate', 'median', 'p90', 'total time'], rows),
  );
}

function gateTimeFigure(stats: LedgerStats): string {
  const { gateTime, period } = stats;
  const series = gateTime.gates.map((g, i) => ({ name: g, index: i }));
  const totals = gateTime.gates.map((_, i) => gateTime.timeline.reduce((sum, r) => sum + (r.ms[i] ?? 0), 0));
  const all = totals.reduce((a, b) => a + b, 0);
  const summary = gateTime.gates.map((g, i) => `${g} ${duration(totals[i] ?? 0)}`).join(', ');
  const unit = timeUnit(Math.max(0, ...gateTime.timeline.map((r) => r.ms.reduce((a, b) => a + b, 0))));
  const chart = stackedBar({
    label: `Gate time per ${period.bucket}`,
    columns: gateTime.timeline.map((r) => ({ label: shortDay(r.bucket), title: bucketLabel(r.bucket, period.bucket), values: r.ms.map((ms) => ms / unit.ms) })),
    series,
    tick: (v) => `${Number.isInteger(v) ? v : v.toFixed(1)} ${unit.name}`,
  });
  const rows = gateTime.timeline.map((r) => [r.bucket, ...gateTime.gates.map((_, i) => num(r.ms[i] ?? 0, duration(r.ms[i] ?? 0)))]);
  return figure(
    'gate-time',
    'Where the time goes',
    `${duration(all)} of gate time in the period, stacked by gate: ${summary || 'none'}.`,
    chart,
    dataTable('gate-time', `Gate time per ${period.bucket}`, [bucketHeading(period.bucket), ...gateTime.gates], [...rows, ['whole period', ...totals.map((t) => num(t, duration(t)))]]),
    legend(series.map((s) => ({ label: s.name, index: s.index }))),
  );
}

function codesFigure(stats: LedgerStats): string {
  const { codes } = stats.repeated;
  const chart = barChart({ label: 'Most frequent failing codes and rules', bars: codes.map((c) => ({ label: `${c.code} (${c.gate})`, value: c.count, text: `${count(c.count)} in ${count(c.runs)} runs`, index: 1 })) });
  const top = codes[0];
  return figure(
    'codes',
    'What keeps failing: codes and rules',
    top ? `The ${count(codes.length)} codes and rules that made gates block most often; ${top.code} from ${top.gate} leads with ${count(top.count)} diagnostics in ${count(top.runs)} runs.` : 'No failing gate recorded a code or rule in this period.',
    chart,
    dataTable(
      'codes',
      'Most frequent failing codes and rules',
      ['code or rule', 'gate', 'diagnostics', 'runs'],
      codes.map((c) => [c.code, c.gate, num(c.count, count(c.count)), num(c.runs, count(c.runs))]),
    ),
  );
}

function fingerprintsFigure(stats: LedgerStats): string {
  const { fingerprints } = stats.repeated;
  const chart = barChart({ label: 'Most repeated failure fingerprints', bars: fingerprints.map((f) => ({ label: f.fingerprint, value: f.count, text: `${count(f.count)} attempts`, index: 3 })) });
  const top = fingerprints[0];
  return figure(
    'fingerprints',
    'Most repeated failures',
    top ? `Failure fingerprints (the same set of failures, numbers and lines aside) seen in more than one attempt; ${top.fingerprint} came back ${count(top.count)} times in ${count(top.lines)} loops or sessions.` : 'No set of failures repeated in this period.',
    chart,
    dataTable(
      'fingerprints',
      'Most repeated failure fingerprints',
      ['fingerprint', 'attempts', 'loops or sessions', 'last seen'],
      fingerprints.map((f) => [f.fingerprint, num(f.count, count(f.count)), num(f.lines, count(f.lines)), f.lastSeen]),
    ),
  );
}

function bypassFigure(stats: LedgerStats): string {
  const { bypasses, period } = stats;
  const series = bypasses.kinds.map((k, i) => ({ name: k, index: i + 1 }));
  const chart = stackedBar({
    label: `Bypasses per ${period.bucket}`,
    columns: bypasses.timeline.map((r) => ({ label: shortDay(r.bucket), title: bucketLabel(r.bucket, period.bucket), values: bypasses.kinds.map((k) => r.counts[k] ?? 0) })),
    series,
    tick: (v) => count(Math.round(v)),
    height: 220,
  });
  const summary = bypasses.kinds.map((k) => `${k} ${count(bypasses.byKind[k] ?? 0)}`).join(', ');
  const rows = bypasses.timeline.map((r) => [r.bucket, ...bypasses.kinds.map((k) => num(r.counts[k] ?? 0, count(r.counts[k] ?? 0)))]);
  return figure(
    'bypasses',
    `Bypasses per ${period.bucket}`,
    `${count(bypasses.total)} bypasses (GATEKEEPER=0, GATEKEEPER_SKIP, --skip) in the period${summary ? `: ${summary}` : ''}.`,
    chart,
    dataTable('bypasses', `Bypasses per ${period.bucket}, by kind`, [bucketHeading(period.bucket), ...bypasses.kinds], [...rows, ['whole period', ...bypasses.kinds.map((k) => num(bypasses.byKind[k] ?? 0, count(bypasses.byKind[k] ?? 0)))]]),
    legend(series.map((s) => ({ label: s.name, index: s.index }))),
  );
}

function headline(stats: LedgerStats): string {
  const tiles: [string, string, string][] = [
    ...SERIES.map((s): [string, string, string] => [`first-pass-${s}`, percent(stats.firstPass.period[s].yield), `first-pass yield, ${SERIES_NAMES[s]} (${count(stats.firstPass.period[s].total)})`]),
    ['spirals', count(stats.spirals), 'loops that spiralled'],
    ['tampering', count(stats.tampering.total), 'tampering (tampered loops + guard failures)'],
    ['bypasses', count(stats.bypasses.total), 'bypasses'],
  ];
  return `<ul class="headline">${tiles.map(([key, value, label]) => `<li data-headline="${key}"><span class="value">${escapeHtml(value)}</span><span class="label">${escapeHtml(label)}</span></li>`).join('')}</ul>`;
}

/** The whole page: self-contained (inline CSS and SVG, no script, no request), aggregates only. */
export function statsPage(stats: LedgerStats): string {
  const { period } = stats;
  const skipped = stats.skippedLines > 0 ? ` ${count(stats.skippedLines)} unreadable ${stats.skippedLines === 1 ? 'line was' : 'lines were'} skipped.` : '';
  const sub = `${count(stats.entries)} entries from ${LEDGER_FILE}, ${period.from} to ${period.to} (${count(period.days)} ${period.days === 1 ? 'day' : 'days'}, by ${period.bucket}): ${count(stats.runs.run)} runs, ${count(stats.runs.hook)} pushes, ${count(stats.runs.loop)} loops, ${count(stats.agents.sessions)} agent sessions (${count(stats.runs.agent)} stops).${skipped}`;
  const figures = [firstPassFigure(stats), attemptsFigure(stats), outcomesFigure(stats), gatesFigure(stats), gateTimeFigure(stats), codesFigure(stats), fingerprintsFigure(stats), bypassFigure(stats)];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Gatekeeper stats, ${escapeHtml(period.from)} to ${escapeHtml(period.to)}</title><style>${STYLE}</style></head>
<body>${patternDefs()}<main><h1>Gatekeeper stats</h1><p class="sub" data-summary>${escapeHtml(sub)}</p>${headline(stats)}<div class="figures">${figures.join('\n')}</div>
<footer>Written by gatekeeper stats --html. The numbers are the same as gatekeeper stats --json for the same ledger and period.</footer></main></body></html>
`;
}
