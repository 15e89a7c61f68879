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
import { loadSides } from '../baseline/sides.js';
import { runBaseChild } from './base-run.js';

export interface HoldSetup {
  gates: readonly GateConfig[];
  /** The project folder and the git work tree of the run (a snapshot's, in the hook). */
  root: string;
  repoRoot: string;
  scope: Scope;
  /** Resolved only when a gate fails: a green run pays nothing for hold the line. */
  base: () => Promise<HoldBase>;
  signal?: AbortSignal;
}

/** Judges each gate's result against the base as it ends, so that fail-fast sees the held verdict. */
export interface HoldJudge {
  judge(result: GateResult): Promise<GateResult>;
  /** The base compared with, for the reports; undefined when no gate needed it. */
  summary(): HoldTheLine | undefined;
}

const ROOT_MARK = '<root>';

interface Prepared {
  base: HoldBase;
  commit?: string;
  tree?: string;
  diff?: TreeDiff;
  /** Why the base cannot be used at all. */
  unusable?: string;
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

async function prepare(setup: HoldSetup): Promise<Prepared> {
  const base = await setup.base();
  if (base.commit === undefined) return { base };
  const commit = base.commit;
  const tree = (await gitMaybe(['rev-parse', '--verify', '--quiet', `${commit}^{tree}`], setup.repoRoot))?.trim();
  if (!tree) return { base, commit, unusable: `the base commit ${commit.slice(0, 12)} is not in this clone (a shallow clone? fetch more history)` };
  try {
    return { base, commit, tree, diff: await treeDiff(setup.repoRoot, commit) };
  } catch (error) {
    return { base, commit, unusable: `the tree could not be compared with the base ${commit.slice(0, 12)} (${firstLine(error)})` };
  }
}

/** In a changed-files scope the base looks at the same files, under their names in the base. */
function baseScopeFiles(scope: Scope, projectRel: string, diff: TreeDiff): string[] {
  const prefix = projectRel === '' ? '' : `${projectRel.split(path.sep).join('/')}/`;
  return scope.files.map((f) => {
    const old = diff.renamedFrom.get(`${prefix}${f}`) ?? `${prefix}${f}`;
    return old.startsWith(prefix) ? old.slice(prefix.length) : old;
  });
}

/** The gate on a throw-away worktree of the base commit, with the project's node_modules linked in. */
async function runOnBase(setup: HoldSetup, commit: string, gate: GateConfig, files: string[]): Promise<GateResult | undefined> {
  const projectRel = path.relative(setup.repoRoot, setup.root);
  return withSnapshot(setup.repoRoot, commit, [projectRel], async (dir) => {
    const baseRoot = path.join(dir, projectRel);
    const scope = setup.scope.mode === 'all' ? await wholeProjectScope(baseRoot, true) : scopeOfFiles(baseRoot, files, undefined, 'the base');
    // Its own state folder: the base's incremental state (tsc build info) must not replace the tree's.
    const cacheDir = path.join(cacheDirFor(setup.root), '.base');
    const [result] = await runBaseChild({ gates: [gate], root: baseRoot, repoRoot: dir, scope, cacheDir }, setup.signal);
    // The snapshot's path is random: out of the stored output, so that output comparisons can match.
    return result && { ...result, output: result.output.split(baseRoot).join(ROOT_MARK).split(dir).join(ROOT_MARK) };
  });
}

async function baseOutcome(setup: HoldSetup, prepared: Prepared, gate: GateConfig): Promise<BaseOutcome> {
  const { commit, tree, diff } = prepared;
  if (prepared.unusable !== undefined || commit === undefined || tree === undefined || diff === undefined) return { unknown: prepared.unusable ?? 'no base' };
  const files = baseScopeFiles(setup.scope, path.relative(setup.repoRoot, setup.root), diff);
  const keyScope: Scope = setup.scope.mode === 'all' ? { mode: 'all', files: [], description: 'the base' } : { mode: 'changed', files, description: 'the base' };
  const cacheDir = cacheDirFor(setup.root);
  const key = baseKey(gate, tree, keyScope, setup.root);
  const stored = await readBase(cacheDir, key);
  if (stored) return { result: stored, roots: [] };
  try {
    const result = await runOnBase(setup, commit, gate, files);
    if (!result) return { unknown: 'the base run gave no result for this gate' };
    if (!setup.signal?.aborted) await rememberBase(cacheDir, key, result);
    return { result, roots: [] };
  } catch (error) {
    return { unknown: `the base could not be checked out and run (${firstLine(error)})` };
  }
}

/**
 * Hold the line: a failed gate is compared with the same gate on the base commit, and passes when
 * everything that made it fail was already there. Errored gates and the guard are never excused;
 * an unknown base excuses nothing.
 */
export function createHoldJudge(setup: HoldSetup): HoldJudge {
  let prepared: Promise<Prepared> | undefined;
  let used: Prepared | undefined;
  return {
    async judge(result) {
      if (!isHoldable(result) || setup.signal?.aborted) return result;
      const gate = setup.gates.find((g) => g.id === result.id);
      if (!gate) return result;
      prepared ??= prepare(setup);
      used = await prepared;
      if (used.commit === undefined) return result;
      const outcome = await baseOutcome(setup, used, gate);
      const sides =
        used.diff && 'result' in outcome
          ? await loadSides(setup.repoRoot, used.commit, used.diff, result.diagnostics.flatMap((d) => d.file ?? []), outcome.result.diagnostics.flatMap((d) => d.file ?? [])).catch(() => undefined)
          : undefined;
      return holdGate(result, outcome, sides, used.commit, [setup.root, setup.repoRoot]);
    },
    summary() {
      if (!used) return undefined;
      return used.commit === undefined ? { why: used.base.why } : { base: used.commit, why: used.base.why };
    },
  };
}

/** Every result at once (the loop, which runs every gate anyway). */
export async function holdTheLine(setup: HoldSetup, results: readonly GateResult[]): Promise<{ results: GateResult[]; hold?: HoldTheLine }> {
  const judge = createHoldJudge(setup);
  const held: GateResult[] = [];
  for (const result of results) held.push(await judge.judge(result));
  const hold = judge.summary();
  return { results: held, ...(hold ? { hold } : {}) };
}
