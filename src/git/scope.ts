import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../core/errors.js';
import { ALWAYS_EXCLUDED } from '../core/always-excluded.js';
import type { Scope } from '../core/scope.js';
import { git, gitMaybe, splitNul } from './git.js';
import { existingFiles, LISTING_ARGS, parseListing, type EarlyListings, type WorkTreeListing } from './work-tree-listing.js';

function existing(root: string, files: Iterable<string>): string[] {
  return [...new Set(files)].filter((f) => existsSync(path.join(root, f))).sort();
}

/** Every tracked and untracked-not-ignored file under `root` (or every file, outside git). */
export async function wholeProjectScope(root: string, inGit: boolean): Promise<Scope> {
  return (await wholeProjectListing(root, inGit)).scope;
}

/** wholeProjectScope, and in git the listing it came from (the result cache's first snapshot reuses it). */
export async function wholeProjectListing(root: string, inGit: boolean, early?: EarlyListings): Promise<{ scope: Scope; listing?: WorkTreeListing }> {
  if (!inGit) {
    // tinyglobby (and its picomatch) load only outside git, where they are needed.
    const files = await (await import('tinyglobby')).glob(['**/*'], { cwd: root, ignore: ALWAYS_EXCLUDED, dot: true, onlyFiles: true });
    return { scope: { mode: 'all', files: existing(root, files), description: 'all files' } };
  }
  const listed = early?.folder === root ? await early.tree : undefined;
  const listing = parseListing(listed ?? (await git(LISTING_ARGS, root)));
  return { scope: { mode: 'all', files: existingFiles(root, listing), description: 'all files' }, listing };
}

export async function resolveCommit(ref: string, cwd: string): Promise<string | undefined> {
  return (await gitMaybe(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd))?.trim() || undefined;
}

/**
 * The files changed between `ref`'s merge-base with HEAD and the work tree: committed, staged,
 * unstaged, and untracked-not-ignored. Paths are relative to `root`.
 */
export async function sinceScope(ref: string, root: string): Promise<Scope> {
  const target = await resolveCommit(ref, root);
  if (target === undefined) {
    throw new UserFacingError(`--since ${ref}: no such commit in ${root}. Name a branch, tag or commit that exists here (in a shallow clone, fetch more history first).`);
  }
  const head = await resolveCommit('HEAD', root);
  const base = head === undefined ? target : ((await gitMaybe(['merge-base', target, head], root))?.trim() ?? '');
  if (base === '') throw new UserFacingError(`--since ${ref}: it has no common history with HEAD, so there is no base to compare with.`);
  const changed = splitNul(await git(['diff', '--name-only', '-z', '--relative', '--no-renames', base, '--', '.'], root));
  const untracked = splitNul(await git(['ls-files', '-z', '--others', '--exclude-standard'], root));
  return scopeOfFiles(root, [...changed, ...untracked], base, `files changed since ${ref}`);
}

export function scopeOfFiles(root: string, files: Iterable<string>, base: string | undefined, description: string): Scope {
  return { mode: 'changed', files: existing(root, files), ...(base === undefined ? {} : { base }), description };
}
