import type { GateConfig } from '../config/schema.js';
import type { GateContext, GateDefinition } from '../core/gate.js';
import type { ResultCache } from '../cache/result-cache.js';

/**
 * In a sequential run Gatekeeper's own thread mostly waits: tsc, the build and the test runner
 * work in processes of their own. A gate that has work of its own to do in that thread (the
 * complexity gate parses every source file) can do it then, with its `prepare`, while an earlier
 * gate's tool runs; when its turn comes, `run` finds the work in its cache (issue #16: a cold run
 * at 1,000 modules spent 1.9 s of 43 s on complexity, the other core idle meanwhile).
 *
 * Only gates the result cache will not replay are prepared, each once; a gate waits for its own
 * preparation before it runs, so the work is never done twice; everything still preparing is
 * stopped when the run ends (fail-fast, a cancel) — a preparation decides nothing. One that has
 * not yet noticed the stop when the next run of the same process starts (the loop's next attempt)
 * is waited for by the same gate there, so that two never write its cache at once.
 */
export interface PreparesAhead {
  /** `current` is about to run its tool: the gates after it start preparing. */
  startAfter(current: GateConfig): Promise<void>;
  /** Resolves when `gate`'s own preparation, if any, has ended. */
  settled(gate: GateConfig): Promise<void>;
  stop(): void;
}

export interface PrepareAheadInput {
  gates: readonly GateConfig[];
  cache: ResultCache | undefined;
  definitionOf(kind: string): Promise<GateDefinition | undefined>;
  /** The context and parsed options the gate's run would get. */
  contextOf(gate: GateConfig, signal: AbortSignal): GateContext;
  optionsOf(gate: GateConfig, definition: GateDefinition): ReturnType<GateDefinition['options']['parse']>;
}

/** Every preparation of this process still running, by the gate's cache folder. */
const running = new Map<string, Promise<void>>();

export function prepareAhead(input: PrepareAheadInput): PreparesAhead {
  const controller = new AbortController();
  const started = new Map<string, Promise<void>>();
  let begun = false;

  async function prepare(gate: GateConfig): Promise<void> {
    const definition = await input.definitionOf(gate.kind);
    if (!definition?.prepare || controller.signal.aborted) return;
    const probe = await input.cache?.lookup(gate);
    if (probe?.hit || controller.signal.aborted) return;
    const ctx = input.contextOf(gate, controller.signal);
    await running.get(ctx.cacheDir);
    const work = definition.prepare(input.optionsOf(gate, definition), ctx).catch(() => undefined);
    running.set(ctx.cacheDir, work);
    await work;
    if (running.get(ctx.cacheDir) === work) running.delete(ctx.cacheDir);
  }

  return {
    async startAfter(current) {
      if (begun) return;
      begun = true;
      const later = input.gates.slice(input.gates.indexOf(current) + 1);
      for (const gate of later) started.set(gate.id, prepare(gate).catch(() => undefined));
    },
    settled: async (gate) => {
      await started.get(gate.id);
      await running.get(input.contextOf(gate, controller.signal).cacheDir);
    },
    stop: () => controller.abort(),
  };
}
