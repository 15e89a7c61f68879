import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { git, gitMaybe } from './git.js';
import { isRunning } from '../core/liveness.js';
import { copyIgnoredFiles, type CopiedIgnored } from './copy-ignored.js';

/**
 * Snapshots live inside the repository (under the git-ignored `.gatekeeper/`) rather than in the
 * system temp folder, so that Node resolves packages from the snapshot exactly as from the work
 * tree: its own linked node_modules first, then the parents' (a monorepo's hoisted packages).
 */
export const SNAPSHOT_DIR = path.join('.gatekeeper', 'snapshots');

/** Uncommitted changes to tracked files, or untracked files git does not ignore (Gatekeeper's own folder aside). */
export async function hasUncommittedWork(repoRoot: string): Promise<boolean> {
  const status = await git(['status', '--porcelain=v1', '-z', '--untracked-files=normal', '--', '.', ':(exclude).gatekeeper'], repoRoot);
  return status.length > 0;
}

function unlinkLinks(dir: string, projectDirs: readonly string[]): void {
  for (const rel of projectDirs) {
    const link = path.join(dir, rel, 'node_modules');
    try {
      if (lstatSync(link).isSymbolicLink()) unlinkSync(link);
    } catch {
      // not there: nothing to unlink
    }
  }
}

/** Removes a snapshot: the node_modules links first, so nothing can ever follow them into the user's packages. */
async function removeSnapshot(repoRoot: string, dir: string, projectDirs: readonly string[]): Promise<void> {
  unlinkLinks(dir, projectDirs);
  if ((await gitMaybe(['worktree', 'remove', '--force', '--force', dir], repoRoot)) === undefined) {
    rmSync(dir, { recursive: true, force: true });
    await gitMaybe(['worktree', 'prune'], repoRoot);
  }
}

/** A snapshot left by a hook that was killed (its process is gone) is removed before a new one is made. */
async function removeStaleSnapshots(repoRoot: string, projectDirs: readonly string[]): Promise<void> {
  const parent = path.join(repoRoot, SNAPSHOT_DIR);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const pid = Number(name.split('-')[1]);
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) await removeSnapshot(repoRoot, path.join(parent, name), projectDirs);
  }
}

function linkNodeModules(repoRoot: string, dir: string, projectDirs: readonly string[]): void {
  for (const rel of projectDirs) {
    const source = path.join(repoRoot, rel, 'node_modules');
    const target = path.join(dir, rel, 'node_modules');
    if (!existsSync(source) || !existsSync(path.dirname(target)) || existsSync(target)) continue;
    symlinkSync(source, target, 'dir');
  }
}

/** The ignored files of each project folder, copied from the work tree; paths relative to the repository. */
async function copyIgnored(repoRoot: string, dir: string, projectDirs: readonly string[]): Promise<CopiedIgnored> {
  const all: CopiedIgnored = { copied: [], left: [] };
  for (const rel of projectDirs) {
    const from = path.join(repoRoot, rel);
    if (!existsSync(path.join(dir, rel))) continue;
    const one = await copyIgnoredFiles(from, path.join(dir, rel));
    const prefix = rel === '' ? '' : `${rel.split(path.sep).join('/')}/`;
    all.copied.push(...one.copied.map((f) => prefix + f));
    all.left.push(...one.left.map((f) => prefix + f));
  }
  return all;
}

/**
 * Runs `fn` in a temporary detached worktree of `commit` with the project's node_modules linked
 * in and its other git-ignored files (a built dist/) copied from the work tree, and removes it
 * afterwards. The user's work tree, index and stash are never touched. `projectDirs` are
 * repo-relative project folders ('' is the root); `fn` learns what was copied, to say so.
 */
export async function withSnapshot<T>(repoRoot: string, commit: string, projectDirs: readonly string[], fn: (dir: string, ignored: CopiedIgnored) => Promise<T>): Promise<T> {
  const dirs = [...new Set(['', ...projectDirs])];
  await removeStaleSnapshots(repoRoot, dirs);
  const dir = path.join(repoRoot, SNAPSHOT_DIR, `${commit.slice(0, 12)}-${process.pid}-${randomBytes(3).toString('hex')}`);
  mkdirSync(path.dirname(dir), { recursive: true });
  try {
    // No hooks: a post-checkout hook must not run (or install things) in the snapshot.
    await git(['-c', 'core.hooksPath=/dev/null', 'worktree', 'add', '--detach', '--quiet', dir, commit], repoRoot);
    linkNodeModules(repoRoot, dir, dirs);
    // The project folders only: a workspace's other packages are reached through the linked
    // node_modules, whose links point into the work tree.
    const ignored = await copyIgnored(repoRoot, dir, projectDirs.length > 0 ? [...new Set(projectDirs)] : ['']);
    return await fn(dir, ignored);
  } finally {
    await removeSnapshot(repoRoot, dir, dirs);
  }
}
