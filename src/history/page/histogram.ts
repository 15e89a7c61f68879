import { niceMax, nothingToDraw, PLOT, svgOpen, WIDTH, xLabels, yGrid } from './axis.js';
import { count, escapeHtml } from './format.js';
import { fill } from './palette.js';

export interface HistogramInput {
  label: string;
  bins: readonly string[];
  /** Side by side within each bin. */
  series: readonly { name: string; index: number; values: readonly number[] }[];
  height?: number;
}

/** Counts per bin, series side by side (loops next to agent sessions). */
export function histogram(input: HistogramInput): string {
  const height = input.height ?? 240;
  const max = Math.max(0, ...input.series.flatMap((s) => s.values));
  if (max === 0) return nothingToDraw(height, input.label);
  const top = niceMax(max);
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = height - PLOT.top - PLOT.bottom;
  const slot = plotWidth / input.bins.length;
  const barWidth = (slot * 0.8) / Math.max(1, input.series.length);
  const marks: string[] = [];
  input.series.forEach((series, s) => {
    series.values.forEach((value, i) => {
      if (value <= 0) return;
      const h = (value / top) * plotHeight;
      const x = PLOT.left + i * slot + slot * 0.1 + s * barWidth;
      marks.push(`<rect class="mark" x="${x.toFixed(1)}" y="${(PLOT.top + plotHeight - h).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${fill(series.index)}"><title>${escapeHtml(`${series.name}, ${input.bins[i] ?? ''} attempts: ${count(value)}`)}</title></rect>`);
    });
  });
  const labels = xLabels(input.bins, (i) => PLOT.left + i * slot + slot / 2, height, 12);
  return `${svgOpen(height, escapeHtml(input.label))}${yGrid(height, top, (v) => count(Math.round(v)))}${marks.join('')}${labels}<line class="axis" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${PLOT.top + plotHeight}" y2="${PLOT.top + plotHeight}"/></svg>`;
}
