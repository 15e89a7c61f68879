import type { Hunk } from '../git/tree-diff.js';

/**
 * Where a base line is now: shifted by the lines inserted and deleted above it, or undefined when
 * the line itself was changed or deleted. Without hunks the file is unchanged and so is the line.
 */
export function mapBaseLine(line: number, hunks: readonly Hunk[] | undefined): number | undefined {
  if (hunks === undefined) return line;
  let shift = 0;
  for (const h of hunks) {
    // A pure insertion (-a,0) goes after old line a; anything else replaces old lines a..a+count-1.
    const end = h.oldCount === 0 ? h.oldStart : h.oldStart + h.oldCount - 1;
    if (h.oldCount > 0 && line >= h.oldStart && line <= end) return undefined;
    if (end < line) shift += h.newCount - h.oldCount;
  }
  return line + shift;
}
