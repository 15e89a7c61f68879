/**
 * Okabe–Ito colours, each with its own fill pattern, so statuses stay apart for colour-blind readers
 * and in greyscale print; lines add a marker shape and a dash. Labels are always written out too.
 */
export interface Swatch {
  colour: string;
  pattern: 'solid' | 'stripes' | 'dots' | 'cross' | 'hlines' | 'backstripes' | 'vlines' | 'checks';
  marker: 'circle' | 'square' | 'triangle' | 'diamond';
  dash: string;
}

export const SWATCHES: readonly Swatch[] = [
  { colour: '#0072B2', pattern: 'solid', marker: 'circle', dash: '' },
  { colour: '#E69F00', pattern: 'stripes', marker: 'square', dash: '7 4' },
  { colour: '#009E73', pattern: 'dots', marker: 'triangle', dash: '2 3' },
  { colour: '#CC79A7', pattern: 'cross', marker: 'diamond', dash: '9 3 2 3' },
  { colour: '#56B4E9', pattern: 'hlines', marker: 'circle', dash: '4 2' },
  { colour: '#D55E00', pattern: 'backstripes', marker: 'square', dash: '1 2' },
  { colour: '#B8A200', pattern: 'vlines', marker: 'triangle', dash: '6 2 1 2' },
  { colour: '#666666', pattern: 'checks', marker: 'diamond', dash: '3 3' },
];

/** Fixed places for the outcomes, so "spiral" looks the same on every chart. */
const OUTCOME_INDEX: Record<string, number> = { passed: 0, exhausted: 5, spiral: 1, tampered: 3, 'agent-failed': 4, 'not-verified': 7, 'not verified': 7, failed: 5, errored: 6 };

export function swatchIndex(i: number): number {
  return ((i % SWATCHES.length) + SWATCHES.length) % SWATCHES.length;
}

/** Outcomes keep their places; unknown ones take the places no known outcome uses. */
export function outcomeIndex(outcome: string, position: number): number {
  return OUTCOME_INDEX[outcome] ?? [2, 6][position % 2] ?? 2;
}

export function fill(index: number): string {
  const i = swatchIndex(index);
  return SWATCHES[i]?.pattern === 'solid' ? (SWATCHES[i]?.colour ?? '#000') : `url(#gk-p${i})`;
}

export function colour(index: number): string {
  return SWATCHES[swatchIndex(index)]?.colour ?? '#000';
}

function patternMarks(pattern: Swatch['pattern']): string {
  const ink = 'fill="#fff" fill-opacity="0.6"';
  switch (pattern) {
    case 'stripes':
      return `<path d="M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6" stroke="#fff" stroke-opacity="0.6" stroke-width="2"/>`;
    case 'backstripes':
      return `<path d="M-2 6 L2 10 M0 0 L8 8 M6 -2 L10 2" stroke="#fff" stroke-opacity="0.6" stroke-width="2"/>`;
    case 'dots':
      return `<circle cx="2" cy="2" r="1.5" ${ink}/><circle cx="6" cy="6" r="1.5" ${ink}/>`;
    case 'cross':
      return `<path d="M0 0 L8 8 M8 0 L0 8" stroke="#fff" stroke-opacity="0.6" stroke-width="1.5"/>`;
    case 'hlines':
      return `<rect y="3" width="8" height="2" ${ink}/>`;
    case 'vlines':
      return `<rect x="3" width="2" height="8" fill="#000" fill-opacity="0.35"/>`;
    case 'checks':
      return `<rect width="4" height="4" ${ink}/><rect x="4" y="4" width="4" height="4" ${ink}/>`;
    default:
      return '';
  }
}

/** One hidden SVG with every pattern, referenced by all charts on the page. */
export function patternDefs(): string {
  const patterns = SWATCHES.map((s, i) => `<pattern id="gk-p${i}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${s.colour}"/>${patternMarks(s.pattern)}</pattern>`).join('');
  return `<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>${patterns}</defs></svg>`;
}

/** A marker of the swatch's shape centred on (x, y). */
export function marker(index: number, x: number, y: number, size = 4): string {
  const s = SWATCHES[swatchIndex(index)] as Swatch;
  const c = `fill="${s.colour}" stroke="#fff" stroke-width="1"`;
  switch (s.marker) {
    case 'square':
      return `<rect x="${(x - size).toFixed(1)}" y="${(y - size).toFixed(1)}" width="${size * 2}" height="${size * 2}" ${c}/>`;
    case 'triangle':
      return `<path d="M${x.toFixed(1)} ${(y - size - 1).toFixed(1)} L${(x + size + 1).toFixed(1)} ${(y + size).toFixed(1)} L${(x - size - 1).toFixed(1)} ${(y + size).toFixed(1)}Z" ${c}/>`;
    case 'diamond':
      return `<path d="M${x.toFixed(1)} ${(y - size - 1).toFixed(1)} L${(x + size + 1).toFixed(1)} ${y.toFixed(1)} L${x.toFixed(1)} ${(y + size + 1).toFixed(1)} L${(x - size - 1).toFixed(1)} ${y.toFixed(1)}Z" ${c}/>`;
    default:
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${size}" ${c}/>`;
  }
}
