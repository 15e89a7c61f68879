import { escapeHtml } from './format.js';
import { fill, SWATCHES, swatchIndex } from './palette.js';

/** A legend in HTML (it wraps on a phone); each key shows the fill pattern, or the line's marker and dash. */
export function legend(items: readonly { label: string; index: number }[], kind: 'fill' | 'line' = 'fill'): string {
  const keys = items.map(({ label, index }) => {
    const s = SWATCHES[swatchIndex(index)];
    const key =
      kind === 'fill'
        ? `<rect width="18" height="12" y="1" fill="${fill(index)}" stroke="${s?.colour ?? '#000'}"/>`
        : `<line x1="0" x2="22" y1="7" y2="7" stroke="${s?.colour ?? '#000'}" stroke-width="2.5" stroke-dasharray="${s?.dash ?? ''}"/>`;
    return `<li><svg width="${kind === 'fill' ? 18 : 22}" height="14" aria-hidden="true">${key}</svg>${escapeHtml(label)}</li>`;
  });
  return `<ul class="legend">${keys.join('')}</ul>`;
}
