/**
 * Milliseconds on a monotonic clock, for durations. Not `performance.now()`: on Node 20 the global
 * `performance` loads perf_hooks on first use (1.3 ms here), which every run would pay at its start.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
