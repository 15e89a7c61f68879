import { monotonicMs } from '../core/clock.js';

/**
 * The time a whole run may spend on the remote cache. Requests share it: each may take at most
 * what is left, so a slow or hanging server costs the run this much once, not once per gate.
 */
export class TimeBudget {
  private spentMs = 0;

  constructor(private readonly totalMs: number) {}

  remainingMs(): number {
    return Math.max(0, this.totalMs - this.spentMs);
  }

  /** Runs `work` with a signal that aborts when the budget runs out; charges the time it took. */
  async spend<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const remaining = this.remainingMs();
    if (remaining <= 0) throw new Error(`the time budget of ${this.totalMs} ms is spent`);
    const started = monotonicMs();
    try {
      return await work(AbortSignal.timeout(Math.ceil(remaining)));
    } finally {
      this.spentMs += monotonicMs() - started;
    }
  }
}
