import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { repoRootOf } from '../git/git.js';
import { recordRun } from '../history/record-run.js';
import { sinceScope, wholeProjectScope } from '../git/scope.js';
import { AUTO, autoSinceScope } from '../git/base-ref.js';
import { fanOut, type Reporter, type RunReport } from '../report/reporter.js';
import { cacheDirFor } from '../core/cache-dir.js';
import { EXIT, UserFacingError } from '../core/errors.js';
import { runPipeline, skippedResult } from './pipeline.js';
import { allPassed, type GateResult } from '../core/result.js';
import type { Scope } from '../core/scope.js';
import { selectGates } from './select-gates.js';
import type { Place } from '../cache/cache-key.js';
import { planShard, type Shard } from './shard.js';
import { createHoldJudge } from './hold-the-line.js';
import { defaultHoldBase, type HoldBase } from '../git/hold-base.js';

export interface RunRequest {
  cwd: string;
  configPath?: string;
  only?: string[];
  skip?: string[];
  /** Why skipped gates are skipped, as the reports show it (default: skipped by --skip). */
  skipReason?: string;
  since?: string;
  /** Overrides the config's failFast. */
  failFast?: boolean;
  /** A scope computed by the caller (the pre-push hook's push range). */
  scope?: Scope;
  reporters: Reporter[];
  signal?: AbortSignal;
  /** Use the result cache (default true; `--no-cache` sets false). */
  cache?: boolean;
  /** Hold the line: overrides the config's `holdTheLine` (`--no-hold-the-line` sets false). */
  holdTheLine?: boolean;
  /** The base to hold the line against, when the caller knows it (the hook's push range). */
  holdBase?: HoldBase;
  /** Append a `run` line to the ledger (default true; the hook and the loop write their own). */
  ledger?: boolean;
  /** The hook runs in a snapshot worktree: its results are kept apart from the work tree's. */
  place?: Place;
  /** This machine's part of a sharded CI run (`--shard i/n`). */
  shard?: Shard;
}

export interface RunResponse {
  exitCode: number;
  results: GateResult[];
}

/**
 * Every reporter gets its turn even when one fails (an unwritable report file must not hide the
 * others, the ledger line or the gates' verdict); each failure is said on stderr. Returns the exit
 * code of the first failure, if any.
 */
async function finishReporters(reporters: readonly Reporter[], report: RunReport): Promise<number | undefined> {
  let failure: number | undefined;
  for (const reporter of reporters) {
    try {
      await reporter.finish(report);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`gatekeeper: ${message}\n`);
      failure ??= error instanceof UserFacingError ? error.exitCode : EXIT.internal;
    }
  }
  return failure;
}

function inConfigOrder(gates: readonly { id: string }[], results: GateResult[]): GateResult[] {
  const order = new Map(gates.map((g, i) => [g.id, i]));
  return results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** A `--since` scope's merge-base, else the default (upstream, the remote's default branch, HEAD). */
function holdBaseFor(request: RunRequest, scope: Scope, root: string): Promise<HoldBase> {
  if (request.holdBase) return Promise.resolve(request.holdBase);
  if (scope.base !== undefined) return Promise.resolve({ commit: scope.base, why: `the base of the scope (${scope.description})` });
  return defaultHoldBase(root);
}

function scopeFor(since: string | undefined, root: string, inGit: boolean): Promise<Scope> {
  if (since === AUTO) return autoSinceScope(root);
  return since !== undefined ? sinceScope(since, root) : wholeProjectScope(root, inGit);
}

/** `gatekeeper run`: config → scope → pipeline → reporters. Throws UserFacingError on bad input. */
export async function runGates(request: RunRequest): Promise<RunResponse> {
  const started = performance.now();
  const cwd = path.resolve(request.cwd);
  const repoRoot = await repoRootOf(cwd);
  const { config, file, root } = loadConfig(request.configPath, cwd, repoRoot);
  const selected = selectGates(config.gates, request.only, request.skip, request.skipReason);
  const wholeScope = request.scope ?? (await scopeFor(request.since, root, repoRoot !== undefined));
  const plan = request.shard ? planShard(selected.run, wholeScope, request.shard) : undefined;
  const selection = plan ? { run: plan.run, left: [...selected.left, ...plan.left] } : selected;
  const scope = plan?.scope ?? wholeScope;
  const repoBase = repoRoot ?? root;

  const hold = (request.holdTheLine ?? config.holdTheLine === true) && repoRoot !== undefined;
  const judge = hold
    ? createHoldJudge({ gates: selection.run, root, repoRoot: repoBase, scope, base: () => holdBaseFor(request, scope, root), ...(request.signal ? { signal: request.signal } : {}) })
    : undefined;
  const ran = await runPipeline({
    gates: selection.run,
    failFast: request.failFast ?? config.failFast ?? true,
    root,
    repoRoot: repoBase,
    scope,
    cacheDir: cacheDirFor(root),
    cache: request.cache !== false,
    configFile: file,
    parallel: config.parallel === true,
    place: request.place ?? 'work-tree',
    ownOutputs: request.reporters.flatMap((r) => (r.file === undefined ? [] : [r.file])),
    ...(config.remoteCache ? { remoteCache: config.remoteCache } : {}),
    signal: request.signal,
    listener: fanOut(request.reporters),
    ...(judge ? { judge: (r: GateResult) => judge.judge(r) } : {}),
  });
  const results = inConfigOrder(config.gates, [...ran, ...selection.left.map(({ gate, why }) => skippedResult(gate, why))]);
  const ok = allPassed(ran) && !request.signal?.aborted;
  const held = judge?.summary();
  const report = { ok, results, durationMs: Math.round(performance.now() - started), scope, configFile: file, repoRoot: repoBase, ...(plan ? { shard: plan.info } : {}), ...(held ? { hold: held } : {}) };
  const reportFailure = await finishReporters(request.reporters, report);
  if (request.ledger !== false) await recordRun(root, 'run', ok ? 'passed' : 'failed', report.durationMs, results, (request.skip ?? []).map((id) => `--skip ${id}`));
  if (!ok) return { exitCode: EXIT.failed, results };
  // The gates passed but a report asked for could not be written: the run did not do what was asked.
  return { exitCode: reportFailure ?? EXIT.passed, results };
}
