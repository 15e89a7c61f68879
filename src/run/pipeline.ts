import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { GateConfig } from '../config/schema.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../config/gate-defaults.js';
import type { GateContext, GateDefinition, GateOutcome } from '../core/gate.js';
import { prepareAhead, type PreparesAhead } from './prepare-ahead.js';
import { blocks, type GateResult } from '../core/result.js';
import type { Scope } from '../core/scope.js';
import { boundText } from '../core/bounded-text.js';
import { CancelledError, TimeoutError, withTimeout } from '../core/with-timeout.js';
import { ResultCache, type Probe } from '../cache/result-cache.js';
import type { Place } from '../cache/cache-key.js';
import type { WorkTreeListing } from '../git/work-tree-listing.js';
import type { IgnoredFiles } from '../git/ignored-files.js';
import { openRemoteCache, type RemoteCache } from '../remote/remote-cache.js';
import type { RemoteCacheConfig } from '../config/schema.js';
import { runInLanes } from './lanes.js';
import type { PipelineListener } from '../core/pipeline-listener.js';
import { monotonicMs } from '../core/clock.js';

export type { PipelineListener };

export interface PipelineInput {
  gates: readonly GateConfig[];
  failFast: boolean;
  root: string;
  repoRoot: string;
  scope: Scope;
  cacheDir: string;
  signal?: AbortSignal;
  listener?: PipelineListener;
  /** Replay stored results of unchanged inputs (default true; `--no-cache` turns it off). */
  cache?: boolean;
  /** The config file: each gate's own entry is in its cache key, so the file itself is left out. */
  configFile?: string;
  /** Run gates concurrently, one per core; exclusive gates run alone. */
  parallel?: boolean;
  /** Where the gates run (a snapshot of a pushed commit, or the work tree): part of every cache key. */
  place?: Place;
  /** Files the run writes itself (reports): not inputs of any gate. */
  ownOutputs?: readonly string[];
  /** The config's shared cache, looked up after the local one (only when `cache` is on). */
  remoteCache?: RemoteCacheConfig;
  /** Re-judges each result as it ends, before fail-fast and the listeners see it (hold the line). */
  judge?: (result: GateResult) => Promise<GateResult>;
  /** The work tree as the run's scope listed it just before, and its ignored files (see CacheSetup). */
  listing?: WorkTreeListing;
  ignoredListing?: Promise<IgnoredFiles | undefined>;
}

/** The two caches of one run: the local store first, then the shared one. */
interface Caches {
  local: ResultCache;
  remote?: RemoteCache;
}

/** In-process gates cannot be killed; past their deadline plus this grace, stop waiting. */
const BACKSTOP_GRACE_MS = 5000;

function finish(gate: GateConfig, outcome: GateOutcome, startedAt: number): GateResult {
  return {
    id: gate.id,
    kind: gate.kind,
    status: outcome.status,
    diagnostics: outcome.diagnostics,
    summary: outcome.summary,
    output: boundText(outcome.output),
    durationMs: Math.round(monotonicMs() - startedAt),
    cached: false,
    ...(outcome.tool !== undefined ? { tool: outcome.tool } : {}),
  };
}

export function skippedResult(gate: GateConfig, why: string): GateResult {
  return { id: gate.id, kind: gate.kind, status: 'skipped', diagnostics: [], summary: why, output: '', durationMs: 0, cached: false };
}

/** The gates (and zod, their option schemas) load only when one runs: a run of cache hits needs none. */
async function definitionOf(kind: string): Promise<GateDefinition | undefined> {
  const { findGate } = await import('../../gates/index.js');
  return findGate(kind);
}

function contextOf(gate: GateConfig, input: PipelineInput, signal: AbortSignal, cacheSettings?: string): GateContext {
  const timeoutMs = (gate.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const cacheDir = path.join(input.cacheDir, gate.id.replace(/[^\w.-]/g, '_'));
  return { root: input.root, repoRoot: input.repoRoot, scope: input.scope, signal, timeoutMs, cacheDir, ...(cacheSettings !== undefined ? { cacheSettings } : {}) };
}

type GateOptions = ReturnType<GateDefinition['options']['parse']>;

/** The gate's own options: its config entry without the keys every gate has. */
function optionsOf(gate: GateConfig, definition: GateDefinition): GateOptions {
  const { id: _id, kind: _kind, timeout: _timeout, cache: _cache, cacheEnv: _cacheEnv, exclusive: _exclusive, ...options } = gate;
  return definition.options.parse(options);
}

/** A gate's result, and the files its tool said it read (for the result cache, not for reports). */
interface Ran {
  result: GateResult;
  readFiles?: readonly string[];
}

async function runGate(gate: GateConfig, input: PipelineInput, cacheSettings?: string, ahead?: PreparesAhead): Promise<Ran> {
  const startedAt = monotonicMs();
  const errored = (summary: string, output = ''): Ran => ({ result: finish(gate, { status: 'errored', diagnostics: [], summary, output }, startedAt) });
  const definition = await definitionOf(gate.kind);
  if (!definition) return errored(`unknown gate kind "${gate.kind}"`);
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort();
  input.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const ctx = contextOf(gate, input, controller.signal, cacheSettings);
  const timeoutMs = ctx.timeoutMs;
  try {
    await mkdir(ctx.cacheDir, { recursive: true }).catch(() => undefined);
    const options = optionsOf(gate, definition);
    // What the gate prepared ahead of its turn is in its cache once this resolves; the gates after it may start preparing now.
    await ahead?.settled(gate);
    void ahead?.startAfter(gate);
    const outcome = await withTimeout(definition.run(options, ctx), timeoutMs + BACKSTOP_GRACE_MS, input.signal);
    const result = finish(gate, { tool: definition.tool?.(input.root), ...outcome }, startedAt);
    return outcome.readFiles ? { result, readFiles: outcome.readFiles } : { result };
  } catch (error) {
    controller.abort();
    if (error instanceof TimeoutError) return errored(`timed out after ${Math.round(timeoutMs / 1000)} s`);
    if (error instanceof CancelledError) return errored('cancelled');
    const message = error instanceof Error ? error.message : String(error);
    // An exception inside a gate is Gatekeeper's fault, not the user's; the verdict is unknown.
    // The stack helps us, not the user: it is kept only under GATEKEEPER_DEBUG.
    const output = process.env['GATEKEEPER_DEBUG'] && error instanceof Error ? (error.stack ?? message) : message;
    return errored(`internal error in the ${gate.kind} gate: ${message.split('\n')[0] ?? ''}`, output);
  } finally {
    input.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** A verdict from either cache, or undefined; a remote hit is kept locally too. */
async function replay(gate: GateConfig, probe: Probe | undefined, caches: Caches): Promise<GateResult | undefined> {
  if (!probe) return undefined;
  if (probe.hit) return probe.hit;
  const shared = await caches.remote?.lookup(probe.key, gate);
  if (shared) await caches.local.adopt(probe, shared);
  return shared;
}

/** runGate behind the caches: a hit replays the stored result without running the tool. */
async function runGateCached(gate: GateConfig, input: PipelineInput, caches: Caches | undefined, ahead?: PreparesAhead): Promise<GateResult> {
  const startedAt = monotonicMs();
  const probe = await caches?.local.lookup(gate);
  const hit = caches ? await replay(gate, probe, caches) : undefined;
  if (hit) return { ...hit, cached: true, durationMs: Math.round(monotonicMs() - startedAt) };
  const { result, readFiles } = await runGate(gate, input, probe?.settings, ahead);
  if (caches && probe) {
    const stored = await caches.local.remember(gate, probe, result, input.signal?.aborted === true, readFiles);
    if (stored !== undefined) await caches.remote?.store(stored, result);
  }
  // A gate that ran without a probe may still have written files the next gates' keys depend on.
  else caches?.local.invalidate();
  return result;
}

function openCaches(input: PipelineInput): Caches {
  // `--no-cache` still keys and stores locally: a fresh verdict replaces the stored one it contradicts.
  if (input.cache === false) return { local: new ResultCache({ ...input, replay: false }) };
  const remote = openRemoteCache(input.remoteCache);
  return { local: new ResultCache(input), ...(remote ? { remote } : {}) };
}

function runParallel(input: PipelineInput, cache: Caches | undefined): Promise<GateResult[]> {
  return runInLanes({
    gates: input.gates,
    failFast: input.failFast,
    ...(input.signal ? { signal: input.signal } : {}),
    run: (gate, signal) => {
      input.listener?.onGateStart?.(gate.id);
      return runGateCached(gate, { ...input, signal }, cache).then((r) => input.judge?.(r) ?? r);
    },
    skip: skippedResult,
    ended: (result) => input.listener?.onGateEnd?.(result),
  });
}

/** Runs the gates in order. Never prints: listeners and reporters turn the results into words. */
export async function runPipeline(input: PipelineInput): Promise<GateResult[]> {
  input.listener?.onPlan?.(input.gates.map((g) => ({ id: g.id, kind: g.kind })), { parallel: input.parallel === true });
  const cache = openCaches(input);
  if (input.parallel === true) return runParallel(input, cache);
  const ahead = prepareAhead({ gates: input.gates, cache: cache.local, definitionOf, contextOf: (gate, signal) => contextOf(gate, input, signal), optionsOf });
  const stop = (): void => ahead.stop();
  input.signal?.addEventListener('abort', stop, { once: true });
  try {
    return await runSequential(input, cache, ahead);
  } finally {
    stop();
    input.signal?.removeEventListener('abort', stop);
  }
}

async function runSequential(input: PipelineInput, cache: Caches, ahead: PreparesAhead): Promise<GateResult[]> {
  const results: GateResult[] = [];
  let stopReason: string | undefined;
  for (const gate of input.gates) {
    if (stopReason === undefined && input.signal?.aborted) stopReason = 'cancelled';
    if (stopReason !== undefined) {
      const skipped = skippedResult(gate, stopReason);
      results.push(skipped);
      input.listener?.onGateEnd?.(skipped);
      continue;
    }
    input.listener?.onGateStart?.(gate.id);
    const raw = await runGateCached(gate, input, cache, ahead);
    const result = input.judge ? await input.judge(raw) : raw;
    results.push(result);
    input.listener?.onGateEnd?.(result);
    if (input.failFast && blocks(result.status)) stopReason = `not run: ${gate.id} ${result.status} (fail-fast)`;
  }
  return results;
}
