/** Day or week buckets (UTC) for the trends: a long period in days would be too many bars to read. */
export type BucketSize = 'day' | 'week';

const DAY_MS = 86_400_000;

/** Weeks once a period is longer than two months; days below that. */
export function bucketSizeFor(days: number): BucketSize {
  return days > 60 ? 'week' : 'day';
}

export function dayOf(time: string): string | undefined {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** The bucket's name: the day itself, or the Monday that starts its week. */
export function bucketOf(day: string, size: BucketSize): string {
  if (size === 'day') return day;
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** Every bucket from `from` to `to` (days, inclusive), empty ones too, so a quiet day shows as a gap. */
export function bucketsBetween(from: string, to: string, size: BucketSize): string[] {
  const buckets: string[] = [];
  const step = size === 'day' ? DAY_MS : 7 * DAY_MS;
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${bucketOf(from, size)}T00:00:00Z`); t <= end; t += step) buckets.push(new Date(t).toISOString().slice(0, 10));
  return buckets;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The buckets of a report's period, in order. */
export interface Grid {
  buckets: readonly string[];
  size: BucketSize;
}

/** A counter per bucket, created on demand and returned in bucket order. */
export class Timeline<T> {
  private readonly byBucket = new Map<string, T>();
  private readonly size: BucketSize;
  constructor(
    grid: Grid,
    private readonly empty: () => T,
  ) {
    this.size = grid.size;
    for (const bucket of grid.buckets) this.byBucket.set(bucket, empty());
  }

  /** The slot for a day; a day outside the period gets a slot of its own rather than being lost. */
  at(day: string): T {
    const bucket = bucketOf(day, this.size);
    let slot = this.byBucket.get(bucket);
    if (slot === undefined) {
      slot = this.empty();
      this.byBucket.set(bucket, slot);
    }
    return slot;
  }

  rows(): { bucket: string; value: T }[] {
    return [...this.byBucket.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([bucket, value]) => ({ bucket, value }));
  }
}
