/** The drawing area every chart shares: a 640-unit-wide viewBox, scaled to the column's width by CSS. */
export const WIDTH = 640;
export const PLOT = { left: 58, right: 12, top: 14, bottom: 36 };

/**
 * A round top for the y axis, at least the largest value, whose quarters (the grid lines) are
 * round too: whole numbers for counts, so no axis reads "1, 1, 2, 3".
 */
export function niceMax(max: number): number {
  if (max <= 4) return 4;
  const power = 10 ** (Math.floor(Math.log10(max)) - 1);
  for (const step of [1, 2, 4, 5, 8, 10, 12, 16, 20, 40, 50, 80, 100]) {
    const top = step * power;
    if (top >= max && Number.isInteger(top / 4)) return top;
  }
  return 100 * power;
}

/** Horizontal grid lines with their labels at 0, ¼, ½, ¾ and the top. */
export function yGrid(height: number, top: number, label: (value: number) => string): string {
  const plotHeight = height - PLOT.top - PLOT.bottom;
  const lines: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const y = PLOT.top + plotHeight - (plotHeight * i) / 4;
    lines.push(`<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" class="grid"/>`);
    lines.push(`<text x="${PLOT.left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" class="tick">${label((top * i) / 4)}</text>`);
  }
  return lines.join('');
}

/** Labels under the x axis, thinned to at most `most` so they never overlap. */
export function xLabels(labels: readonly string[], centre: (i: number) => number, height: number, most = 8): string {
  const every = Math.max(1, Math.ceil(labels.length / most));
  return labels
    .map((label, i) => (i % every === 0 ? `<text x="${centre(i).toFixed(1)}" y="${height - PLOT.bottom + 18}" text-anchor="middle" class="tick">${label}</text>` : ''))
    .join('');
}

export function svgOpen(height: number, label: string): string {
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${label}" preserveAspectRatio="xMidYMid meet">`;
}

/** Shown in place of marks when the period has nothing to draw, so an empty chart says so. */
export function nothingToDraw(height: number, label: string): string {
  return `${svgOpen(height, label)}<text x="${WIDTH / 2}" y="${height / 2}" text-anchor="middle" class="empty">Nothing in this period</text></svg>`;
}
