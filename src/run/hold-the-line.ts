import path from 'node:path';
import type { GateConfig } from '../config/schema.js';
import { cacheDirFor } from '../core/cache-dir.js';
import type { GateResult, HoldTheLine } from '../core/result.js';
import type { Scope } from '../core/scope.js';
import { gitMaybe } from '../git/git.js';
import type { HoldBase } from '../git/hold-base.js';
import { scopeOfFiles, wholeProjectScope } from '../git/scope.js';
import { withSnapshot } from '../git/snapshot.js';
import { treeDiff, type TreeDiff } from '../git/tree-diff.js';
import { baseKey, readBase, rememberBase } from '../baseline/base-store.js';
import { holdGate, isHoldable, type BaseOutcome } from '../baseline/hold-gate.js';
import { loadSides, type Sides } from '../baseline/sides.js';
import { runPipeline } from './pipeline.js';

export interface HoldRequest {
  results: GateResult[];
  gates: readonly GateConfig[];
  /** The project folder and the git work tree of the run (a snapshot's, in the hook). */
  root: string;
  repoRoot: string;
  scope: Scope;
  /** Resolved only when a gate failed: a green run pays nothing for hold the line. */
  base: () => Promise<HoldBase>;
  signal?: AbortSignal;
}

export interface HoldResponse {
  results: GateResult[];
  hold?: HoldTheLine;
}

const ROOT_MARK = '<root>';

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** In a changed-files scope the base looks at the same files, under their names in the base. */
function baseScopeFiles(scope: Scope, projectRel: string, diff: TreeDiff): string[] {
  const prefix = projectRel === '' ? '' : `${toPosix(projectRel)}/`;
  return scope.files.map((f) => {
    const repoPath = `${prefix}${f}`;
    const old = diff.renamedFrom.get(repoPath) ?? repoPath;
    return old.startsWith(prefix) ? old.slice(prefix.length) : old;
  });
}

function keyScope(scope: Scope, files: string[]): Scope {
  return scope.mode === 'all' ? { mode: 'all', files: [], description: 'the base' } : { mode: 'changed', files, description: 'the base' };
}

/** Runs the gates that have no stored base result on a throw-away worktree of the base commit. */
async function runOnBase(request: HoldRequest, commit: string, gates: GateConfig[], files: string[]): Promise<Map<string, GateResult>> {
  const projectRel = path.relative(request.repoRoot, request.root);
  return withSnapshot(request.repoRoot, commit, [projectRel], async (dir) => {
    const baseRoot = path.join(dir, projectRel);
    const scope = request.scope.mode === 'all' ? await wholeProjectScope(baseRoot, true) : scopeOfFiles(baseRoot, files, undefined, 'the base');
    const results = await runPipeline({
      gates,
      failFast: false,
      root: baseRoot,
      repoRoot: dir,
      scope,
      // Its own folder: the base's incremental state (tsc build info) must not replace the tree's.
      cacheDir: path.join(cacheDirFor(request.root), '.base'),
      cache: false,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    // The snapshot's path is random: out of the stored output, so output comparisons can match.
    return new Map(results.map((r) => [r.id, { ...r, output: r.output.split(baseRoot).join(ROOT_MARK).split(dir).join(ROOT_MARK) }]));
  });
}

async function baseOutcomes(request: HoldRequest, commit: string, candidates: GateResult[], diff: TreeDiff): Promise<Map<string, BaseOutcome>> {
  const outcomes = new Map<string, BaseOutcome>();
  const tree = (await gitMaybe(['rev-parse', '--verify', '--quiet', `${commit}^{tree}`], request.repoRoot))?.trim();
  if (!tree) {
    for (const c of candidates) outcomes.set(c.id, { unknown: `the base commit ${commit.slice(0, 12)} is not in this clone (shallow?)` });
    return outcomes;
  }
  const cacheDir = cacheDirFor(request.root);
  const files = baseScopeFiles(request.scope, path.relative(request.repoRoot, request.root), diff);
  const missing: { gate: GateConfig; key: string }[] = [];
  for (const c of candidates) {
    const gate = request.gates.find((g) => g.id === c.id);
    if (!gate) continue;
    const key = baseKey(gate, tree, keyScope(request.scope, files), request.root);
    const stored = await readBase(cacheDir, key);
    if (stored) outcomes.set(c.id, { result: stored, roots: [] });
    else missing.push({ gate, key });
  }
  if (missing.length === 0) return outcomes;
  try {
    const ran = await runOnBase(request, commit, missing.map((m) => m.gate), files);
    for (const { gate, key } of missing) {
      const result = ran.get(gate.id);
      if (!result) continue;
      outcomes.set(gate.id, { result, roots: [] });
      if (!request.signal?.aborted) await rememberBase(cacheDir, key, result);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    for (const { gate } of missing) outcomes.set(gate.id, { unknown: `the base could not be checked out and run (${message})` });
  }
  return outcomes;
}

async function sidesFor(request: HoldRequest, commit: string, diff: TreeDiff, candidates: GateResult[], outcomes: Map<string, BaseOutcome>): Promise<Sides | undefined> {
  const currentFiles = candidates.flatMap((c) => c.diagnostics.map((d) => d.file).filter((f): f is string => f !== undefined));
  const baseFiles = [...outcomes.values()].flatMap((o) => ('result' in o ? o.result.diagnostics.map((d) => d.file).filter((f): f is string => f !== undefined) : []));
  return loadSides(request.repoRoot, commit, diff, currentFiles, baseFiles).catch(() => undefined);
}

/**
 * Hold the line: the failed gates are compared with the same gates on the base commit, and a gate
 * passes when everything that made it fail was already there. Errored gates and the guard are
 * never excused; an unknown base excuses nothing.
 */
export async function holdTheLine(request: HoldRequest): Promise<HoldResponse> {
  const candidates = request.results.filter(isHoldable);
  if (candidates.length === 0) return { results: request.results };
  const base = await request.base();
  if (base.commit === undefined) return { results: request.results, hold: { why: base.why } };
  const commit = base.commit;
  let diff: TreeDiff;
  try {
    diff = await treeDiff(request.repoRoot, commit);
  } catch (error) {
    const why = `the base ${commit.slice(0, 12)} could not be compared (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    const results = request.results.map((r) => (isHoldable(r) ? holdGate(r, { unknown: why }, undefined, commit, []) : r));
    return { results, hold: { base: commit, why: base.why } };
  }
  const outcomes = await baseOutcomes(request, commit, candidates, diff);
  const sides = await sidesFor(request, commit, diff, candidates, outcomes);
  const roots = [request.root, request.repoRoot];
  const results = request.results.map((r) => {
    if (!isHoldable(r)) return r;
    const outcome = outcomes.get(r.id) ?? { unknown: 'the base produced no result for this gate' };
    return holdGate(r, outcome, sides, commit, roots);
  });
  return { results, hold: { base: commit, why: base.why } };
}
