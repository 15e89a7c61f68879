/** How numbers read on the page: the same functions write captions, tables and axis labels. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** 0.7234 → "72.3%"; null (nothing to judge) → "n/a". */
export function percent(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

/** 340 → "340 ms", 1234 → "1.2 s", 200000 → "3.3 min", 9000000 → "2.5 h". */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** A bucket's label: "2026-03-02", or "week of 2026-03-02". */
export function bucketLabel(bucket: string, size: 'day' | 'week'): string {
  return size === 'week' ? `week of ${bucket}` : bucket;
}

/** The heading of a table's bucket column: the cells then hold just the date, which fits a phone. */
export function bucketHeading(size: 'day' | 'week'): string {
  return size === 'week' ? 'week of' : 'day';
}

/** The unit a time axis counts in, chosen so its labels are short whole numbers: "150 h", "40 min". */
export function timeUnit(maxMs: number): { name: string; ms: number } {
  if (maxMs >= 4 * 3_600_000) return { name: 'h', ms: 3_600_000 };
  if (maxMs >= 4 * 60_000) return { name: 'min', ms: 60_000 };
  return { name: 's', ms: 1000 };
}

/** A short axis label: "03-02" (the year is in the caption). */
export function shortDay(bucket: string): string {
  return bucket.slice(5);
}
