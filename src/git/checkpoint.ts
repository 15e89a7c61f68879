import { mkdtempSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserFacingError } from '../core/errors.js';
import { git, gitMaybe, splitNul } from './git.js';
import { copyIndex } from './index-copy.js';

/**
 * Checkpoints: the whole work tree (tracked changes and untracked-not-ignored files) as a commit
 * object under refs/gatekeeper/checkpoints/. Every step goes through a throw-away index file
 * (GIT_INDEX_FILE), so the user's index, branch and files are never touched by recording.
 */
export const CHECKPOINT_REFS = 'refs/gatekeeper/checkpoints';

/** Gatekeeper's own folder (feedback, logs, ledger) is not the user's work: never recorded or restored. */
const PATHSPEC = [':(top)', ':(exclude,glob)**/.gatekeeper/**'];

/** Checkpoints are Gatekeeper's objects; a fixed identity works where the user has none configured. */
const IDENTITY = {
  GIT_AUTHOR_NAME: 'Gatekeeper',
  GIT_AUTHOR_EMAIL: 'checkpoint@gatekeeper.invalid',
  GIT_COMMITTER_NAME: 'Gatekeeper',
  GIT_COMMITTER_EMAIL: 'checkpoint@gatekeeper.invalid',
};

export interface Checkpoint {
  id: string;
  commit: string;
  tree: string;
  time: string;
  message: string;
}

function gitEnv(args: readonly string[], cwd: string, env: Record<string, string> = {}, input?: string): Promise<string> {
  return git(args, cwd, { env, ...(input === undefined ? {} : { input }) });
}

async function headCommit(repoRoot: string): Promise<string | undefined> {
  return (await gitMaybe(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], repoRoot))?.trim() || undefined;
}

/** Runs `use` with a private index file that starts as a copy of the real one (its stat cache saves re-hashing). */
async function withScratchIndex<T>(repoRoot: string, use: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-index-'));
  const scratch = path.join(dir, 'index');
  try {
    const real = path.resolve(repoRoot, (await gitEnv(['rev-parse', '--git-path', 'index'], repoRoot)).trim());
    await copyIndex(real, scratch);
    return await use({ GIT_INDEX_FILE: scratch });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The tree object of the work tree as it is now (nothing is written but git objects). */
export async function workTreeHash(repoRoot: string): Promise<string> {
  return withScratchIndex(repoRoot, async (env) => {
    await gitEnv(['add', '-A', '--', ...PATHSPEC], repoRoot, env);
    return (await gitEnv(['write-tree'], repoRoot, env)).trim();
  });
}

function validId(id: string): boolean {
  return /^[A-Za-z0-9][\w.-]*$/.test(id) && !id.includes('..') && !id.endsWith('.lock');
}

export async function createCheckpoint(repoRoot: string, id: string, message: string): Promise<Checkpoint> {
  if (!validId(id)) throw new UserFacingError(`Checkpoint id "${id}" is not valid: use letters, digits, ".", "_" or "-".`);
  const tree = await workTreeHash(repoRoot);
  const parent = await headCommit(repoRoot);
  const args = ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message];
  const commit = (await gitEnv(args, repoRoot, IDENTITY)).trim();
  await gitEnv(['update-ref', `${CHECKPOINT_REFS}/${id}`, commit], repoRoot);
  return { id, commit, tree, time: new Date().toISOString(), message };
}

/** Oldest first: ids begin with a UTC timestamp, so their order is the order they were taken in. */
export async function listCheckpoints(repoRoot: string): Promise<Checkpoint[]> {
  const format = '%(refname)%00%(objectname)%00%(tree)%00%(creatordate:iso-strict)%00%(contents:subject)';
  const out = await gitEnv(['for-each-ref', '--sort=refname', `--format=${format}`, `${CHECKPOINT_REFS}/`], repoRoot);
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [ref = '', commit = '', tree = '', time = '', message = ''] = line.split('\0');
      return { id: ref.slice(CHECKPOINT_REFS.length + 1), commit, tree, time, message };
    });
}

export async function findCheckpoint(repoRoot: string, id: string): Promise<Checkpoint> {
  const all = await listCheckpoints(repoRoot);
  const found = all.find((c) => c.id === id);
  if (found) return found;
  const known = all.length === 0 ? 'there are no checkpoints in this repository' : `the latest is ${all[all.length - 1]?.id ?? ''} (gatekeeper checkpoints lists them all)`;
  throw new UserFacingError(`No checkpoint "${id}": ${known}.`);
}

/** What differs between two trees: the paths to delete and the paths to write from `to`. */
async function treeChanges(repoRoot: string, from: string, to: string): Promise<{ remove: string[]; write: string[] }> {
  const fields = splitNul(await gitEnv(['diff-tree', '-r', '-z', '--no-renames', '--name-status', from, to], repoRoot));
  const changes = { remove: [] as string[], write: [] as string[] };
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const file = fields[i + 1] ?? '';
    if (fields[i] === 'D') changes.remove.push(file);
    else changes.write.push(file);
  }
  return changes;
}

function removeFileAndEmptyParents(repoRoot: string, file: string): void {
  try {
    unlinkSync(path.join(repoRoot, file));
  } catch {
    return;
  }
  for (let dir = path.dirname(file); dir !== '.' && dir !== ''; dir = path.dirname(dir)) {
    try {
      rmdirSync(path.join(repoRoot, dir));
    } catch {
      return;
    }
  }
}

export interface RestoreResult {
  restored: Checkpoint;
  /** The checkpoint of the tree as it was just before a forced restore, if it held unrecorded work. */
  safety?: Checkpoint;
  removed: string[];
}

/**
 * Refuses when the tree holds work that neither HEAD nor a checkpoint has: the latest one, or
 * any earlier one (after a restore, the tree is an earlier checkpoint's, and nothing is at risk).
 */
async function guardUnrecordedWork(repoRoot: string, force: boolean): Promise<Checkpoint | undefined> {
  const current = await workTreeHash(repoRoot);
  const head = await headCommit(repoRoot);
  const headTree = head ? (await gitEnv(['rev-parse', `${head}^{tree}`], repoRoot)).trim() : undefined;
  const all = await listCheckpoints(repoRoot);
  const latest = all.at(-1);
  if (current === headTree || all.some((c) => c.tree === current)) return undefined;
  if (!force) {
    throw new UserFacingError(
      `The work tree has uncommitted changes that differ from the latest checkpoint${latest ? ` (${latest.id})` : ''}; restoring would overwrite them. Commit or stash them first, or pass --force (the current tree is then saved as a checkpoint of its own before it is replaced).`,
    );
  }
  return createCheckpoint(repoRoot, `${checkpointStamp()}-before-restore`, 'gatekeeper: the work tree before a forced restore');
}

/** Makes the work tree exactly the checkpoint's: changed files rewritten, deleted ones back, added ones removed. */
export async function restoreCheckpoint(repoRoot: string, id: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const target = await findCheckpoint(repoRoot, id);
  const safety = await guardUnrecordedWork(repoRoot, options.force === true);
  // Only what differs is touched: unchanged files keep their timestamps (and tools their caches).
  const removed = await withScratchIndex(repoRoot, async (env) => {
    await gitEnv(['add', '-A', '--', ...PATHSPEC], repoRoot, env);
    const current = (await gitEnv(['write-tree'], repoRoot, env)).trim();
    const changes = await treeChanges(repoRoot, current, target.tree);
    for (const file of changes.remove) removeFileAndEmptyParents(repoRoot, file);
    await gitEnv(['read-tree', target.commit], repoRoot, env);
    if (changes.write.length > 0) await gitEnv(['checkout-index', '-f', '-z', '--stdin'], repoRoot, env, changes.write.map((f) => `${f}\0`).join(''));
    return changes.remove;
  });
  return { restored: target, removed, ...(safety ? { safety } : {}) };
}

/** A UTC timestamp that sorts as text: 20261124T210400123Z. */
export function checkpointStamp(date = new Date()): string {
  return date.toISOString().replace(/[-:.]/g, '');
}
