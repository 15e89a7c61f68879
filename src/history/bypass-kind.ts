import type { DatedEntry } from './period.js';
import { Timeline, type Grid } from './timeline.js';

/**
 * "--skip lint" is a `--skip`, "GATEKEEPER_SKIP=lint,test" a `GATEKEEPER_SKIP`; a switch such as
 * "GATEKEEPER=0" is its own kind, since its value is the whole point.
 */
export function bypassKind(bypass: string): string {
  const word = bypass.trim().split(/\s+/)[0] ?? '';
  const assignment = /^([A-Za-z_][\w-]*)=(.*)$/.exec(word);
  if (assignment && !/^(?:\d+|true|false|)$/i.test(assignment[2] ?? '')) return assignment[1] ?? word;
  return word;
}

export interface Bypasses {
  total: number;
  byKind: Record<string, number>;
  /** Kinds in the order the page stacks them: the most used first. */
  kinds: string[];
  timeline: { bucket: string; counts: Record<string, number> }[];
}

export function bypassesOverTime(dated: readonly DatedEntry[], grid: Grid): Bypasses {
  const byKind: Record<string, number> = {};
  const timeline = new Timeline<Record<string, number>>(grid, () => ({}));
  let total = 0;
  for (const { entry, day } of dated) {
    if (!Array.isArray(entry.bypasses)) continue;
    for (const bypass of entry.bypasses) {
      const kind = bypassKind(String(bypass));
      total++;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      const slot = timeline.at(day);
      slot[kind] = (slot[kind] ?? 0) + 1;
    }
  }
  const kinds = Object.keys(byKind).sort((a, b) => (byKind[b] ?? 0) - (byKind[a] ?? 0) || a.localeCompare(b));
  return { total, byKind, kinds, timeline: timeline.rows().map(({ bucket, value }) => ({ bucket, counts: value })) };
}
