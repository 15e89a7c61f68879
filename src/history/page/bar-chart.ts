import { nothingToDraw, svgOpen, WIDTH } from './axis.js';
import { escapeHtml } from './format.js';
import { fill } from './palette.js';

export interface BarChartInput {
  label: string;
  /** One bar per item, top to bottom; `text` is written at the bar's end. */
  bars: readonly { label: string; value: number; text: string; index?: number }[];
  /** The value a full-width bar stands for (1 for shares); the largest value when absent. */
  max?: number;
}

const ROW = 40;
const LEFT = 4;
const RIGHT = 4;

/** Horizontal bars, each with its name and value on a line above it, so long names (gate + rule) never squeeze the bar on a phone. */
export function barChart(input: BarChartInput): string {
  const height = input.bars.length * ROW + 8;
  const max = input.max ?? Math.max(0, ...input.bars.map((b) => b.value));
  if (input.bars.length === 0 || max <= 0) return nothingToDraw(120, input.label);
  const span = WIDTH - LEFT - RIGHT;
  const rows = input.bars.map((bar, i) => {
    const top = i * ROW + 6;
    const w = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * span);
    return `<text x="${LEFT}" y="${top + 12}" class="bar-label">${escapeHtml(bar.label)}</text><text x="${WIDTH - RIGHT}" y="${top + 12}" text-anchor="end" class="bar-value">${escapeHtml(bar.text)}</text><rect x="${LEFT}" y="${top + 18}" width="${span}" height="14" class="track"/><rect class="mark" x="${LEFT}" y="${top + 18}" width="${w.toFixed(1)}" height="14" fill="${fill(bar.index ?? 0)}"><title>${escapeHtml(`${bar.label}: ${bar.text}`)}</title></rect>`;
  });
  return `${svgOpen(height, escapeHtml(input.label))}${rows.join('')}</svg>`;
}
