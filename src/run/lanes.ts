import os from 'node:os';
import type { GateConfig } from '../config/schema.js';
import { blocks, type GateResult } from '../core/result.js';

export interface LaneInput {
  gates: readonly GateConfig[];
  failFast: boolean;
  signal?: AbortSignal;
  /** Runs one gate; the signal aborts it (and kills its process groups) on a fail-fast stop. */
  run(gate: GateConfig, signal: AbortSignal): Promise<GateResult>;
  skip(gate: GateConfig, why: string): GateResult;
  /** Every result once final, in the order they end. */
  ended(result: GateResult): void;
}

/** Gates that write to the tree (build, by default) must not overlap with gates that read it. */
function isExclusive(gate: GateConfig): boolean {
  return typeof gate['exclusive'] === 'boolean' ? gate['exclusive'] : gate.kind === 'build';
}

function laneCount(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * Runs gates concurrently, at most one per core, in config order of starting; an exclusive gate
 * waits for the running ones to end and runs alone. With fail-fast, the first blocking result
 * aborts the others: they end as skipped ("cancelled"), the ones not started as skipped too.
 */
export async function runInLanes(input: LaneInput, lanes = laneCount()): Promise<GateResult[]> {
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort();
  input.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const results = new Map<string, GateResult>();
  const running = new Set<Promise<void>>();
  let stopReason: string | undefined;

  const settle = (gate: GateConfig, raw: GateResult): void => {
    // A gate we aborted ourselves was not judged: it was cancelled because another gate blocked.
    const cancelled = stopReason !== undefined && raw.status === 'errored' && !input.signal?.aborted;
    const result = cancelled ? { ...input.skip(gate, `cancelled: ${stopReason}`), durationMs: raw.durationMs } : raw;
    results.set(gate.id, result);
    input.ended(result);
    if (input.failFast && stopReason === undefined && blocks(result.status)) {
      stopReason = `not run: ${gate.id} ${result.status} (fail-fast)`;
      controller.abort();
    }
  };

  try {
    for (const gate of input.gates) {
      const exclusive = isExclusive(gate);
      while (running.size > 0 && (exclusive || running.size >= lanes)) await Promise.race(running);
      if (stopReason === undefined && input.signal?.aborted) stopReason = 'cancelled';
      if (stopReason !== undefined) {
        settle(gate, input.skip(gate, stopReason));
        continue;
      }
      const lane: Promise<void> = input
        .run(gate, controller.signal)
        .then((raw) => settle(gate, raw))
        .finally(() => running.delete(lane));
      running.add(lane);
      if (exclusive) await lane;
    }
    await Promise.all(running);
  } finally {
    input.signal?.removeEventListener('abort', onOuterAbort);
  }
  return input.gates.map((gate) => results.get(gate.id) ?? input.skip(gate, 'not run'));
}
