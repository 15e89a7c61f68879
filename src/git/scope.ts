import { existsSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { UserFacingError } from '../core/errors.js';
import { ALWAYS_EXCLUDED } from '../core/file-set.js';
import type { Scope } from '../core/scope.js';
import { git, GitError, gitMaybe, splitNul } from './git.js';
import { listIgnoredFiles } from './ignored-files.js';
import { attachRead, existingFiles, readWorkTree, type WorkTreeRead } from './work-tree-read.js';

function existing(root: string, files: Iterable<string>): string[] {
  return [...new Set(files)].filter((f) => existsSync(path.join(root, f))).sort();
}

/** Every tracked and untracked-not-ignored file under `root` (or every file, outside git). */
export async function wholeProjectScope(root: string, inGit: boolean): Promise<Scope> {
  if (!inGit) {
    const files = await glob(['**/*'], { cwd: root, ignore: ALWAYS_EXCLUDED, dot: true, onlyFiles: true });
    return { mode: 'all', files: existing(root, files), description: 'all files' };
  }
  const read = await readTree(root);
  return attachRead({ mode: 'all', files: existingFiles(root, read), description: 'all files' }, root, read);
}

async function readTree(root: string): Promise<WorkTreeRead> {
  const repoRoot = (await git(['rev-parse', '--show-toplevel'], root)).trim();
  // The result cache's first key needs the ignored files next: list them beside the read, not after it.
  const ignored = listIgnoredFiles(root);
  const read = await readWorkTree(root, repoRoot);
  if (read === undefined) throw new GitError(`git could not list the files of ${root} (git ls-files or git status failed).`);
  read.ignored = ignored;
  return read;
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
  // The index against the base (no work-tree read), then the work tree against the index from the
  // read the cache's key takes too: together every file that differs from the base.
  const [staged, read] = await Promise.all([git(['diff', '--cached', '--name-only', '-z', '--relative', '--no-renames', base, '--', '.'], root), readTree(root)]);
  const present = new Set(existingFiles(root, read));
  const files = [...new Set([...splitNul(staged), ...read.dirty])].filter((f) => present.has(f)).sort();
  return attachRead({ mode: 'changed', files, base, description: `files changed since ${ref}` }, root, read);
}

export function scopeOfFiles(root: string, files: Iterable<string>, base: string | undefined, description: string): Scope {
  return { mode: 'changed', files: existing(root, files), ...(base === undefined ? {} : { base }), description };
}
