import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Scope } from '../core/scope.js';
import { gitMaybe, splitNul } from './git.js';
import type { IgnoredFiles } from './ignored-files.js';

/**
 * One read of a project's index (`git ls-files -s`) and of how its work tree differs from it
 * (`git status`). The scope and the result cache's key both need exactly this; at 100,000 tracked
 * files each read costs about one `git status`, so a run makes it once, not once per user.
 */
export interface WorkTreeRead {
  /** Stage-0 index entries, path relative to the project root → "mode:blob". */
  staged: Map<string, string>;
  /** Index entries whose presence git does not check (skip-worktree, assume-unchanged), symbolic links, submodules and conflicts: their existence is asked of the file system. */
  unsure: string[];
  /** Relative to the project root: paths whose work-tree copy differs from the index (modified, deleted, unmerged) and untracked ones. */
  dirty: string[];
  /** Of the dirty paths, those git saw missing from the work tree. */
  missing: Set<string>;
  /** Of the dirty paths, the untracked ones. */
  untracked: string[];
  /** A scope's read only: the git-ignored files, listed while the read was taken, for the cache's first key. */
  ignored?: Promise<IgnoredFiles | undefined>;
}

const PLAIN_FILE_MODES = new Set(['100644', '100755']);

/**
 * `git ls-files -s -v -z`: "<tag> <mode> <blob> <stage>\t<path>", paths relative to the cwd. Read
 * with indexOf rather than split: at 100,000 entries the array-per-record way took most of a second.
 */
function parseIndex(text: string, into: Pick<WorkTreeRead, 'staged' | 'unsure'>): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\0', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab > start && tab < end) {
      const tag = text[start];
      const modeEnd = text.indexOf(' ', start + 2);
      const blobEnd = text.indexOf(' ', modeEnd + 1);
      const mode = text.slice(start + 2, modeEnd);
      const stage = text[blobEnd + 1];
      const file = text.slice(tab + 1, end);
      // A conflicted path has several stages: whatever the work tree holds is hashed by the snapshot.
      if (stage === '0') into.staged.set(file, `${mode}:${text.slice(modeEnd + 1, blobEnd)}`);
      if (stage !== '0' || tag !== 'H' || !PLAIN_FILE_MODES.has(mode)) into.unsure.push(file);
    }
    start = end + 1;
  }
}

/**
 * `git status --porcelain=v2 -z --no-renames`: the paths whose work-tree copy differs from the
 * index (Y ≠ '.'), unmerged paths, and untracked ones. Paths are relative to the repository.
 */
function parseStatus(text: string): { dirty: string[]; missing: string[]; untracked: string[] } {
  const dirty: string[] = [];
  const missing: string[] = [];
  const untracked: string[] = [];
  for (const record of splitNul(text)) {
    const type = record[0];
    if (type === '?') {
      dirty.push(record.slice(2));
      untracked.push(record.slice(2));
    } else if (type === '1') {
      if (record[3] === '.') continue;
      const file = record.split(' ').slice(8).join(' ');
      dirty.push(file);
      if (record[3] === 'D') missing.push(file);
    } else if (type === 'u') dirty.push(record.split(' ').slice(10).join(' '));
  }
  return { dirty, missing, untracked };
}

/** undefined when git fails (outside a work tree). */
export async function readWorkTree(root: string, repoRoot: string): Promise<WorkTreeRead | undefined> {
  const [index, status] = await Promise.all([
    gitMaybe(['ls-files', '-s', '-v', '-z', '--', '.'], root),
    gitMaybe(['status', '--porcelain=v2', '-z', '--no-renames', '--untracked-files=all', '--ignore-submodules=none', '--', '.'], root),
  ]);
  if (index === undefined || status === undefined) return undefined;
  const read: WorkTreeRead = { staged: new Map(), unsure: [], dirty: [], missing: new Set(), untracked: [] };
  parseIndex(index, read);
  const prefix = path.relative(repoRoot, root).split(path.sep).join('/');
  const under = (p: string): string | undefined => (prefix === '' ? p : p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : undefined);
  const own = (paths: string[]): string[] => paths.flatMap((p) => under(p) ?? []);
  const parsed = parseStatus(status);
  read.dirty = own(parsed.dirty);
  read.missing = new Set(own(parsed.missing));
  read.untracked = own(parsed.untracked);
  return read;
}

/** Every tracked and untracked-not-ignored file of the read that exists in the work tree, sorted. */
export function existingFiles(root: string, read: WorkTreeRead): string[] {
  // Each path comes once: index paths are unique (a conflict's stages are one path in `unsure`), and an untracked path is in no index.
  const unsure = new Set(read.unsure);
  const files: string[] = [];
  for (const file of read.staged.keys()) if (!unsure.has(file) && !read.missing.has(file)) files.push(file);
  for (const file of unsure) if (existsSync(path.join(root, file))) files.push(file);
  for (const file of read.untracked) files.push(file);
  return files.sort();
}

/**
 * The read a scope was computed from, handed once to the result cache of the run that uses that
 * scope, so that its first key needs no second read. Once only: after a gate ran, the tree may differ.
 */
const readOfScope = new WeakMap<Scope, { root: string; read: WorkTreeRead }>();

export function attachRead(scope: Scope, root: string, read: WorkTreeRead): Scope {
  readOfScope.set(scope, { root, read });
  return scope;
}

export function claimRead(scope: Scope, root: string): WorkTreeRead | undefined {
  const attached = readOfScope.get(scope);
  readOfScope.delete(scope);
  return attached?.root === root ? attached.read : undefined;
}
