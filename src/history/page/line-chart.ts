import { nothingToDraw, PLOT, svgOpen, WIDTH, xLabels, yGrid } from './axis.js';
import { escapeHtml } from './format.js';
import { colour, marker, SWATCHES, swatchIndex } from './palette.js';

export interface LineChartInput {
  label: string;
  points: readonly string[];
  /** Shares 0..1; null where there was nothing to measure (the line breaks there). */
  series: readonly { name: string; index: number; values: readonly (number | null)[] }[];
  tick: (value: number) => string;
  height?: number;
}

/** Shares over time on a fixed 0–100% axis; each series has its own colour, dash and marker shape. */
export function lineChart(input: LineChartInput): string {
  const height = input.height ?? 260;
  if (!input.series.some((s) => s.values.some((v) => v !== null))) return nothingToDraw(height, input.label);
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = height - PLOT.top - PLOT.bottom;
  const slot = plotWidth / input.points.length;
  const x = (i: number): number => PLOT.left + i * slot + slot / 2;
  const y = (v: number): number => PLOT.top + plotHeight - v * plotHeight;
  // Markers only where they stay apart; with many points the line alone reads better.
  const markers = input.points.length <= 45;
  const lines = input.series.map((series) => {
    const segments: string[] = [];
    let path = '';
    series.values.forEach((v, i) => {
      if (v === null) {
        if (path) segments.push(path);
        path = '';
        return;
      }
      path += `${path ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
    });
    if (path) segments.push(path);
    const s = SWATCHES[swatchIndex(series.index)];
    const paths = segments.map((d) => `<path class="mark" d="${d}" fill="none" stroke="${colour(series.index)}" stroke-width="2.5" stroke-dasharray="${s?.dash ?? ''}" stroke-linejoin="round"/>`).join('');
    // A lone point (a gap on both sides) still needs a marker to be seen.
    const dots = series.values
      .map((v, i) => {
        const lone = v !== null && (series.values[i - 1] ?? null) === null && (series.values[i + 1] ?? null) === null;
        return v !== null && (markers || lone) ? `<g class="mark">${marker(series.index, x(i), y(v))}<title>${escapeHtml(`${series.name}, ${input.points[i] ?? ''}: ${input.tick(v)}`)}</title></g>` : '';
      })
      .join('');
    return paths + dots;
  });
  const labels = xLabels(
    input.points.map((p) => escapeHtml(p)),
    x,
    height,
  );
  return `${svgOpen(height, escapeHtml(input.label))}${yGrid(height, 1, input.tick)}${lines.join('')}${labels}<line class="axis" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${PLOT.top + plotHeight}" y2="${PLOT.top + plotHeight}"/></svg>`;
}
