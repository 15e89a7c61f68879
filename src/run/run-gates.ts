import path from 'node:path';
import { loadValidatedConfig } from '../config/validated-config.js';
import type { GatekeeperConfig } from '../config/schema.js';
import { recordRun } from '../history/record-run.js';
import { sinceScope, wholeProjectListing } from '../git/scope.js';
import { runStartAnswers } from '../git/run-start.js';
import type { EarlyListings, WorkTreeListing } from '../git/work-tree-listing.js';
import type { IgnoredFiles } from '../git/ignored-files.js';
import { AUTO, autoSinceScope } from '../git/base-ref.js';
import { fanOut, type Reporter, type RunReport } from '../report/reporter.js';
import { cacheDirFor } from '../core/cache-dir.js';
import { EXIT, UserFacingError } from '../core/errors.js';
import { runPipeline, skippedResult, type PipelineInput } from './pipeline.js';
import { allPassed, type GateResult } from '../core/result.js';
import type { Scope } from '../core/scope.js';
import { selectGates, type Selection } from './select-gates.js';
import type { Place } from '../cache/cache-key.js';
import { planShard, type Shard, type ShardPlan } from './shard.js';
import type { HoldJudge } from './hold-the-line.js';
import { defaultHoldBase, type HoldBase } from '../git/hold-base.js';
import { monotonicMs } from '../core/clock.js';

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

/** The run's scope; for the whole project, also git's listing of the tree, which the result cache reuses. */
async function scopeFor(request: RunRequest, root: string, inGit: boolean, early: EarlyListings): Promise<{ scope: Scope; listing?: WorkTreeListing }> {
  if (request.scope) return { scope: request.scope };
  if (request.since === AUTO) return { scope: await autoSinceScope(root) };
  return request.since !== undefined ? { scope: await sinceScope(request.since, root) } : wholeProjectListing(root, inGit, early);
}

/** What a run settled before any gate starts: its config, the gates to run and to leave out, and the scope. */
interface RunSetup {
  config: GatekeeperConfig;
  file: string;
  root: string;
  /** The git work tree, or the project root outside git. */
  repoBase: string;
  inGit: boolean;
  selection: Selection;
  scope: Scope;
  plan: ShardPlan | undefined;
  listing: WorkTreeListing | undefined;
  ignoredListing: Promise<IgnoredFiles | undefined> | undefined;
  /** The commit judged, for the ledger line (asked with the repository's root: one git process less). */
  head: string | undefined;
}

async function prepareRun(request: RunRequest): Promise<RunSetup> {
  const cwd = path.resolve(request.cwd);
  // The project folder is nearly always cwd: git lists it while rev-parse finds the repository.
  const { repo, listings: early } = runStartAnswers(cwd, request.scope === undefined && request.since === undefined);
  const { root: repoRoot, head } = await repo;
  const { config, file, root } = await loadValidatedConfig(request.configPath, cwd, repoRoot);
  const selected = selectGates(config.gates, request.only, request.skip, request.skipReason);
  const { scope: wholeScope, listing } = await scopeFor(request, root, repoRoot !== undefined, early);
  const plan = request.shard ? planShard(selected.run, wholeScope, request.shard) : undefined;
  const selection = plan ? { run: plan.run, left: [...selected.left, ...plan.left] } : selected;
  // HEAD of the repository the config is in (a --config may name one in another repository).
  const ownHead = repoRoot !== undefined && !path.relative(repoRoot, root).startsWith('..') ? head : undefined;
  const ignoredListing = early.folder === root ? early.ignored : undefined;
  return { config, file, root, repoBase: repoRoot ?? root, inGit: repoRoot !== undefined, selection, scope: plan?.scope ?? wholeScope, plan, listing, ignoredListing, head: ownHead };
}

/** Hold the line's judge, when it is on; its code loads only then (a green run of cache hits never needs it). */
async function holdJudgeFor(request: RunRequest, setup: RunSetup): Promise<HoldJudge | undefined> {
  const hold = (request.holdTheLine ?? setup.config.holdTheLine === true) && setup.inGit;
  if (!hold) return undefined;
  const { createHoldJudge } = await import('./hold-the-line.js');
  const { root, repoBase, scope } = setup;
  return createHoldJudge({ gates: setup.selection.run, root, repoRoot: repoBase, scope, base: () => holdBaseFor(request, scope, root), ...(request.signal ? { signal: request.signal } : {}) });
}

/**
 * The files the run itself writes: report files, and the reports command gates read. Neither is an
 * input; a report left in the tree would otherwise change the next run's key, and nothing would hit.
 */
function ownOutputs(request: RunRequest, setup: RunSetup): string[] {
  const reports = request.reporters.flatMap((r) => (r.file === undefined ? [] : [path.resolve(r.file)]));
  for (const gate of setup.selection.run) {
    const { report, cwd } = gate as { report?: unknown; cwd?: unknown };
    if (gate.kind === 'command' && typeof report === 'string') reports.push(path.resolve(setup.root, typeof cwd === 'string' ? cwd : '.', report));
  }
  return reports;
}

function pipelineInput(request: RunRequest, setup: RunSetup, judge: HoldJudge | undefined): PipelineInput {
  const { config, root } = setup;
  return {
    gates: setup.selection.run,
    failFast: request.failFast ?? config.failFast ?? true,
    root,
    repoRoot: setup.repoBase,
    scope: setup.scope,
    cacheDir: cacheDirFor(root),
    cache: request.cache !== false,
    configFile: setup.file,
    parallel: config.parallel === true,
    place: request.place ?? 'work-tree',
    ownOutputs: ownOutputs(request, setup),
    ...(config.remoteCache ? { remoteCache: config.remoteCache } : {}),
    signal: request.signal,
    listener: fanOut(request.reporters),
    ...(judge ? { judge: (r: GateResult) => judge.judge(r) } : {}),
    ...(setup.listing ? { listing: setup.listing } : {}),
    ...(setup.ignoredListing ? { ignoredListing: setup.ignoredListing } : {}),
  };
}

function reportOf(request: RunRequest, setup: RunSetup, ran: GateResult[], judge: HoldJudge | undefined, started: number): RunReport {
  const { selection, plan } = setup;
  const results = inConfigOrder(setup.config.gates, [...ran, ...selection.left.map(({ gate, why }) => skippedResult(gate, why))]);
  const ok = allPassed(ran) && !request.signal?.aborted;
  const held = judge?.summary();
  return { ok, results, durationMs: Math.round(monotonicMs() - started), scope: setup.scope, configFile: setup.file, repoRoot: setup.repoBase, ...(plan ? { shard: plan.info } : {}), ...(held ? { hold: held } : {}) };
}

/** `gatekeeper run`: config → scope → pipeline → reporters. Throws UserFacingError on bad input. */
export async function runGates(request: RunRequest): Promise<RunResponse> {
  const started = monotonicMs();
  const setup = await prepareRun(request);
  const judge = await holdJudgeFor(request, setup);
  const ran = await runPipeline(pipelineInput(request, setup, judge));
  const report = reportOf(request, setup, ran, judge, started);
  const reportFailure = await finishReporters(request.reporters, report);
  if (request.ledger !== false) await recordRun(setup.root, 'run', report.ok ? 'passed' : 'failed', report.durationMs, report.results, (request.skip ?? []).map((id) => `--skip ${id}`), setup.head ? { commit: setup.head } : {});
  if (!report.ok) return { exitCode: EXIT.failed, results: report.results };
  // The gates passed but a report asked for could not be written: the run did not do what was asked.
  return { exitCode: reportFailure ?? EXIT.passed, results: report.results };
}
