/** Sorted, without repeats. */
export function uniqueLines(lines: Iterable<number>): number[] {
  return [...new Set(lines)].sort((a, b) => a - b);
}

/** `1–3, 5, 8`: every line of the set, consecutive runs written as a range. */
export function compressLines(lines: readonly number[]): string {
  const sorted = uniqueLines(lines);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * The lines of a set for a one-line summary: the exact set when it is short enough to read
 * (`lines 1–10`, `line 4`), else its span with a count (`12 lines between 3 and 97`), which does not
 * pretend to be exact.
 */
export function describeLines(lines: readonly number[], room = 40): string {
  const sorted = uniqueLines(lines);
  if (sorted.length === 0) return '';
  const exact = compressLines(sorted);
  if (exact.length <= room) return `${sorted.length === 1 ? 'line' : 'lines'} ${exact}`;
  return `${sorted.length} lines between ${sorted[0]} and ${sorted.at(-1)}`;
}

/** Up to `max` lines in exact form, then `and N more`, for an entry that must stay one line. */
export function listLines(lines: readonly number[], max = 40): string {
  const sorted = uniqueLines(lines);
  if (sorted.length <= max) return compressLines(sorted);
  return `${compressLines(sorted.slice(0, max))} and ${sorted.length - max} more`;
}
