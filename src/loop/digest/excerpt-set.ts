import { clip } from './clip.js';

const WIDTH = 160;

/**
 * One excerpt for a file however many groups point into it: the lines `around` each anchor,
 * overlapping windows merged, gaps shown as `⋮`, every line in `marked` flagged with `>`.
 */
export function renderExcerpt(source: readonly string[] | undefined, anchors: readonly number[], marked: readonly number[], around: number): string {
  if (!source) return '';
  const show = new Set<number>();
  for (const a of anchors) {
    if (a < 1 || a > source.length) continue;
    for (let n = Math.max(1, a - around); n <= Math.min(source.length, a + around); n++) show.add(n);
  }
  const lines = [...show].sort((a, b) => a - b);
  if (lines.length === 0) return '';
  const flagged = new Set(marked);
  const width = String(source.length).length;
  let out = '';
  let previous: number | undefined;
  for (const n of lines) {
    if (previous !== undefined && n > previous + 1) out += `  ${' '.repeat(width)} ⋮\n`;
    const text = clip((source[n - 1] ?? '').replace(/\t/g, '  '), WIDTH);
    out += `${`${flagged.has(n) ? '>' : ' '} ${String(n).padStart(width)} | ${text}`.trimEnd()}\n`;
    previous = n;
  }
  return out;
}
