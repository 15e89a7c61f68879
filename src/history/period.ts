import { UserFacingError } from '../core/errors.js';
import type { LedgerEntry } from './ledger.js';
import { bucketSizeFor, dayOf, daysBetween, type BucketSize } from './timeline.js';

/** The days a report covers (UTC, inclusive) and the bucket its trends use. */
export interface Period {
  from: string;
  to: string;
  days: number;
  bucket: BucketSize;
}

export interface PeriodRequest {
  since?: string;
  days?: string;
  now?: Date;
}

function sinceDay(since: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(since) ? dayOf(`${since}T00:00:00Z`) : dayOf(since);
  if (day === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(since) && day !== since)) {
    throw new UserFacingError(`--since ${since}: not a date. Give the first day to report as YYYY-MM-DD (UTC), e.g. --since 2026-01-31.`);
  }
  return day;
}

function dayCount(days: string): number {
  const n = Number(days);
  if (!/^\d+$/.test(days) || !Number.isSafeInteger(n) || n < 1) {
    throw new UserFacingError(`--days ${days}: not a whole number of days. Give how many days to report, 1 or more, e.g. --days 30.`);
  }
  return n;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * --since alone: from that day to the last entry (or today); --days alone: the last N days up to today;
 * both: N days from --since. Neither: the whole ledger.
 */
export function resolvePeriod(request: PeriodRequest, days: readonly string[]): Period {
  const today = (request.now ?? new Date()).toISOString().slice(0, 10);
  const n = request.days === undefined ? undefined : dayCount(request.days);
  const since = request.since === undefined ? undefined : sinceDay(request.since);
  let from: string;
  let to: string;
  if (since !== undefined) {
    from = since;
    to = n !== undefined ? addDays(since, n - 1) : [today, ...days].reduce((a, b) => (b > a ? b : a));
  } else if (n !== undefined) {
    to = today;
    from = addDays(today, -(n - 1));
  } else {
    from = days.reduce((a, b) => (b < a ? b : a), days[0] ?? today);
    to = days.reduce((a, b) => (b > a ? b : a), days[0] ?? today);
  }
  const length = Math.max(1, daysBetween(from, to));
  return { from, to, days: length, bucket: bucketSizeFor(length) };
}

/** An entry with its day, or undefined when its time cannot be read (such a line counts as skipped). */
export interface DatedEntry {
  entry: LedgerEntry;
  day: string;
}

export function datedEntries(entries: readonly LedgerEntry[]): { dated: DatedEntry[]; undated: number } {
  const dated: DatedEntry[] = [];
  let undated = 0;
  for (const entry of entries) {
    const day = typeof entry.time === 'string' ? dayOf(entry.time) : undefined;
    if (day === undefined) undated++;
    else dated.push({ entry, day });
  }
  return { dated, undated };
}

export function inPeriod(dated: readonly DatedEntry[], period: Period): DatedEntry[] {
  return dated.filter((d) => d.day >= period.from && d.day <= period.to);
}
