import type { DatedEntry } from './period.js';
import { Timeline, type Grid } from './timeline.js';

export interface GateStats {
  id: string;
  kind: string;
  /** Times the gate ran (skipped ones do not count). */
  ran: number;
  failed: number;
  errored: number;
  /** (failed + errored) / ran, 0..1. */
  failureRate: number;
  /** Of the runs' durations (cache hits included, as the user waited for them): median and 90th percentile, ms. */
  medianMs: number;
  p90Ms: number;
  /** Every run's duration added up, ms. */
  totalMs: number;
}

/** Where the time goes: the gates that took the most (the rest as "other"), and their minutes per bucket. */
export interface GateTime {
  gates: string[];
  timeline: { bucket: string; ms: number[] }[];
}

/** The gates shown by name in the time chart; more stacks would be unreadable. */
const NAMED_GATES = 7;
export const OTHER_GATES = 'other gates';

/** Nearest-rank percentile of sorted values: an actual observed duration, never an interpolation. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}

interface Tally {
  id: string;
  kind: string;
  failed: number;
  errored: number;
  durations: number[];
}

export function gateStats(dated: readonly DatedEntry[], grid: Grid): { gates: GateStats[]; time: GateTime } {
  const byId = new Map<string, Tally>();
  const perDay = new Timeline<Map<string, number>>(grid, () => new Map());
  for (const { entry, day } of dated) {
    if (!Array.isArray(entry.gates)) continue;
    for (const gate of entry.gates) {
      if (gate.status === 'skipped') continue;
      const tally = byId.get(gate.id) ?? { id: gate.id, kind: gate.kind, failed: 0, errored: 0, durations: [] };
      tally.kind = gate.kind;
      if (gate.status === 'failed') tally.failed++;
      if (gate.status === 'errored') tally.errored++;
      const ms = Number.isFinite(gate.durationMs) ? Math.max(0, gate.durationMs) : 0;
      tally.durations.push(ms);
      byId.set(gate.id, tally);
      const slot = perDay.at(day);
      slot.set(gate.id, (slot.get(gate.id) ?? 0) + ms);
    }
  }
  const gates = [...byId.values()].map((t): GateStats => {
    const sorted = t.durations.sort((a, b) => a - b);
    const ran = sorted.length;
    return { id: t.id, kind: t.kind, ran, failed: t.failed, errored: t.errored, failureRate: ran === 0 ? 0 : (t.failed + t.errored) / ran, medianMs: median(sorted), p90Ms: percentile(sorted, 0.9), totalMs: sorted.reduce((a, b) => a + b, 0) };
  });
  const byTime = [...gates].sort((a, b) => b.totalMs - a.totalMs || a.id.localeCompare(b.id));
  const named = byTime.slice(0, byTime.length > NAMED_GATES + 1 ? NAMED_GATES : byTime.length).map((g) => g.id);
  const hasOther = named.length < byTime.length;
  const time: GateTime = {
    gates: hasOther ? [...named, OTHER_GATES] : named,
    timeline: perDay.rows().map(({ bucket, value }) => {
      const ms = named.map((id) => value.get(id) ?? 0);
      if (hasOther) ms.push([...value.entries()].filter(([id]) => !named.includes(id)).reduce((sum, [, v]) => sum + v, 0));
      return { bucket, ms };
    }),
  };
  return { gates, time };
}
