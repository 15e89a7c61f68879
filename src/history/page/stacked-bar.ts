import { niceMax, nothingToDraw, PLOT, svgOpen, WIDTH, xLabels, yGrid } from './axis.js';
import { escapeHtml } from './format.js';
import { fill } from './palette.js';

export interface StackedBarInput {
  label: string;
  /** One column per bucket; each column's values stack bottom-up in series order. */
  columns: readonly { label: string; title: string; values: readonly number[] }[];
  series: readonly { name: string; index: number }[];
  tick: (value: number) => string;
  height?: number;
}

/** Columns over time, each split into its series (outcomes, gates, bypass kinds). */
export function stackedBar(input: StackedBarInput): string {
  const height = input.height ?? 260;
  const totals = input.columns.map((c) => c.values.reduce((a, b) => a + b, 0));
  const max = Math.max(0, ...totals);
  if (max === 0) return nothingToDraw(height, input.label);
  const top = niceMax(max);
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = height - PLOT.top - PLOT.bottom;
  const slot = plotWidth / input.columns.length;
  const barWidth = Math.max(1, slot * 0.78);
  const marks: string[] = [];
  input.columns.forEach((column, i) => {
    let base = PLOT.top + plotHeight;
    const x = PLOT.left + i * slot + (slot - barWidth) / 2;
    column.values.forEach((value, s) => {
      if (value <= 0) return;
      const h = (value / top) * plotHeight;
      base -= h;
      const series = input.series[s];
      marks.push(`<rect class="mark" x="${x.toFixed(1)}" y="${base.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${fill(series?.index ?? s)}"><title>${escapeHtml(`${column.title}: ${series?.name ?? ''} ${input.tick(value)}`)}</title></rect>`);
    });
  });
  const labels = xLabels(
    input.columns.map((c) => escapeHtml(c.label)),
    (i) => PLOT.left + i * slot + slot / 2,
    height,
  );
  return `${svgOpen(height, escapeHtml(input.label))}${yGrid(height, top, input.tick)}${marks.join('')}${labels}<line class="axis" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${PLOT.top + plotHeight}" y2="${PLOT.top + plotHeight}"/></svg>`;
}
