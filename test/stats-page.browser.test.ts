import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { writeLedger } from '../bench/stats-ledger.mjs';
import { launchChromium } from './helpers/chromium.js';
import { makeProject, type Project } from './helpers/project.js';
import type { LedgerStats } from '../src/history/stats.js';

type Value = string | number | null;
interface PageTable {
  headers: string[];
  rows: Value[][];
  /** Each numeric cell as shown next to its exact value, to check one against the other. */
  shown: [string, number | null][];
}

/**
 * Runs in the page (the tsconfig has no DOM types, hence a string): every table, each numeric
 * cell as its exact data-value, every other cell as its text.
 */
const READ_TABLES = `(() => {
  const out = {};
  for (const table of document.querySelectorAll('table[data-table]')) {
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    const shown = [];
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => {
      if (!cell.hasAttribute('data-value')) return cell.textContent;
      const raw = cell.getAttribute('data-value');
      const value = raw === '' ? null : Number(raw);
      shown.push([cell.textContent, value]);
      return value;
    }));
    out[table.getAttribute('data-table')] = { headers, rows, shown };
  }
  return out;
})()`;

const CHARTS = `[...document.querySelectorAll('svg.chart')].map((svg) => {
  const box = svg.getBoundingClientRect();
  return { id: svg.closest('section').id, width: box.width, height: box.height, marks: svg.querySelectorAll('.mark').length };
})`;

const OVERFLOW = `({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })`;

/** What the page's tables must hold, built from `stats --json` alone. */
function expectedTables(stats: LedgerStats): Record<string, Value[][]> {
  const series = ['hook', 'ci', 'loop', 'agent'] as const;
  const bypassRow = (counts: Record<string, number>): number[] => stats.bypasses.kinds.map((k) => counts[k] ?? 0);
  return {
    'first-pass': [
      ...stats.firstPass.timeline.map((r) => [r.bucket, ...series.flatMap((s) => [r[s].firstPass, r[s].total, r[s].yield])]),
      ['whole period', ...series.flatMap((s) => [stats.firstPass.period[s].firstPass, stats.firstPass.period[s].total, stats.firstPass.period[s].yield])],
    ],
    attempts: stats.attempts.bins.map((bin, i) => [bin, stats.attempts.loop[i] ?? 0, stats.attempts.agent[i] ?? 0]),
    outcomes: [...stats.outcomes.timeline.map((r) => [r.bucket, ...stats.outcomes.outcomes.map((o) => r.counts[o] ?? 0)]), ['whole period', ...stats.outcomes.outcomes.map((o) => stats.outcomes.totals[o] ?? 0)]],
    gates: [...stats.gates].sort((a, b) => a.id.localeCompare(b.id)).map((g) => [g.id, g.kind, g.ran, g.failed, g.errored, g.failureRate, g.medianMs, g.p90Ms, g.totalMs]),
    'gate-time': [...stats.gateTime.timeline.map((r) => [r.bucket, ...r.ms]), ['whole period', ...stats.gateTime.gates.map((_, i) => stats.gateTime.timeline.reduce((sum, r) => sum + (r.ms[i] ?? 0), 0))]],
    codes: stats.repeated.codes.map((c) => [c.code, c.gate, c.count, c.runs]),
    fingerprints: stats.repeated.fingerprints.map((f) => [f.fingerprint, f.count, f.lines, f.lastSeen]),
    bypasses: [...stats.bypasses.timeline.map((r) => [r.bucket, ...bypassRow(r.counts)]), ['whole period', ...bypassRow(stats.bypasses.byKind)]],
  };
}

/** A shown number agrees with its exact value: counts exactly, shares to the one decimal shown. */
function agrees(text: string, value: number | null): boolean {
  if (value === null) return text === 'n/a';
  if (/^[\d,]+$/.test(text)) return Number(text.replace(/,/g, '')) === value;
  if (text.endsWith('%')) return Math.abs(Number(text.slice(0, -1)) - value * 100) <= 0.05 + 1e-9;
  const time = /^([\d.]+) (ms|s|min|h)$/.exec(text);
  if (!time) return false;
  const unit = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 }[time[2] as 'ms' | 's' | 'min' | 'h'];
  return Math.abs(Number(time[1]) * unit - value) <= unit * 0.05 + 0.5;
}

const projects: Project[] = [];
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  projects.forEach((p) => p.cleanup());
});

describe('gatekeeper stats --html', () => {
  it('writes a page whose tables hold the numbers of stats --json, that loads offline with no error, and fits a phone and a desktop', async () => {
    const project = await makeProject('stats-page', {});
    projects.push(project);
    // 45 days: daily buckets. Three lines torn as by a crash.
    writeLedger(project.dir, { lines: 3000, days: 45, torn: 3 });
    const html = path.join(project.dir, 'out', 'stats.html');
    const written = await project.gatekeeper(['stats', '--html', html]);
    expect(written.stderr).toBe('');
    expect(written.exitCode).toBe(0);
    expect(written.stdout).toMatch(/^Wrote .*stats\.html \(\d+ KB\): 2,?997 entries/);
    const json = await project.gatekeeper(['stats', '--json']);
    expect(json.exitCode).toBe(0);
    const stats = JSON.parse(json.stdout) as LedgerStats;
    expect(stats.skippedLines).toBe(3);
    expect(stats.entries).toBe(2997);
    expect(stats.period.bucket).toBe('day');

    const errors: string[] = [];
    const requests: string[] = [];
    const pageUrl = `file://${html}`;
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
      [375, 812],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${width}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${width}: ${e.message}`));
      page.on('request', (r) => {
        if (r.url() !== pageUrl) requests.push(r.url());
      });
      await page.goto(pageUrl, { waitUntil: 'load' });

      const charts = (await page.evaluate(CHARTS)) as { id: string; width: number; height: number; marks: number }[];
      expect(charts.map((c) => c.id)).toEqual(['first-pass', 'attempts', 'outcomes', 'gates', 'gate-time', 'codes', 'fingerprints', 'bypasses']);
      for (const chart of charts) {
        expect(chart.width, chart.id).toBeGreaterThan(width < 500 ? 300 : 400);
        expect(chart.height, chart.id).toBeGreaterThan(60);
        expect(chart.marks, chart.id).toBeGreaterThan(0);
      }
      const overflow = (await page.evaluate(OVERFLOW)) as { scroll: number; viewport: number };
      expect(overflow.scroll, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(overflow.viewport);
      if (width !== 375) await page.screenshot({ path: path.join(project.dir, `stats-${width}x${height}.png`), fullPage: true });

      if (width === 1280) {
        const tables = (await page.evaluate(READ_TABLES)) as Record<string, PageTable>;
        const expected = expectedTables(stats);
        expect(Object.keys(tables).sort()).toEqual(Object.keys(expected).sort());
        const gates = tables['gates'] as PageTable;
        gates.rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        for (const [name, rows] of Object.entries(expected)) expect(tables[name]?.rows, name).toEqual(rows);
        for (const table of Object.values(tables)) for (const [text, value] of table.shown) expect(agrees(text, value), `${text} shows ${value}`).toBe(true);
        const headline = (await page.evaluate(`document.querySelector('[data-headline="first-pass-loop"] .value').textContent`)) as string;
        expect(headline).toBe(`${((stats.firstPass.period.loop.yield ?? 0) * 100).toFixed(1)}%`);
        const summary = (await page.evaluate(`document.querySelector('[data-summary]').textContent`)) as string;
        expect(summary).toContain('3 unreadable lines were skipped');
      }
      await page.close();
    }
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(statSync(path.join(project.dir, 'stats-1280x800.png')).size).toBeGreaterThan(10_000);
  });

  // The page holds aggregates, so its size follows the days and gates, not the lines; bench/stats.mjs times 100,000 lines.
  it('keeps a 20,000-line ledger over 90 days well under 1 MB of page, and bounds the period with --since and --days', async () => {
    const project = await makeProject('stats-page-large', {});
    projects.push(project);
    writeLedger(project.dir, { lines: 20_000, days: 90, end: Date.UTC(2026, 10, 30) });
    const html = path.join(project.dir, 'stats.html');
    expect((await project.gatekeeper(['stats', '--html', html])).exitCode).toBe(0);
    expect(statSync(html).size).toBeLessThan(256 * 1024);

    const all = JSON.parse((await project.gatekeeper(['stats', '--json'])).stdout) as LedgerStats;
    expect(all.entries).toBe(20_000);
    expect(all.period.bucket).toBe('week');
    const week = JSON.parse((await project.gatekeeper(['stats', '--json', '--since', '2026-11-01', '--days', '7'])).stdout) as LedgerStats;
    expect(week.period).toEqual({ from: '2026-11-01', to: '2026-11-07', days: 7, bucket: 'day' });
    expect(week.firstPass.timeline.map((r) => r.bucket)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07']);
    expect(week.entries).toBeGreaterThan(1400);
    expect(week.entries).toBeLessThan(all.entries / 10);
  });
});
