import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listWorkTree, type WorkTreeListing } from '../git/work-tree-listing.js';

/**
 * The identity of every tracked and untracked-not-ignored file under a project root, as
 * path → id. Unmodified tracked files take git's index blob id (no file is read); only files
 * that differ from the index, and untracked ones, are hashed here.
 */
export interface TreeSnapshot {
  /** Paths relative to the project root, forward slashes. */
  files: Map<string, string>;
  /** "path\0id" of the git-ignored files a gate may read (a built dist/); see ignored-inputs.ts. */
  ignored?: string[];
}

const GONE = 'deleted';

export function hashText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

async function contentId(root: string, rel: string): Promise<string> {
  try {
    return `w:${hashText(await readFile(path.join(root, rel)))}`;
  } catch {
    return GONE;
  }
}

const GATEKEEPER_OWN = /^\.gatekeeper\//;

/**
 * undefined outside a git work tree, when git fails or sees no file: then nothing can be keyed
 * reliably. `listing` is one the caller just took of `root` (the run's scope did), else git is asked.
 * (`_repoRoot` is no longer needed: ls-files gives paths relative to `root`; callers still pass it.)
 */
export async function takeSnapshot(root: string, _repoRoot?: string, listing?: WorkTreeListing): Promise<TreeSnapshot | undefined> {
  const listed = listing ?? (await listWorkTree(root));
  if (listed === undefined) return undefined;
  const files = new Map(listed.staged);
  // Gatekeeper's own folder (history, result cache, loop logs) is no gate's input, even where the
  // repository does not ignore it: otherwise every run's own ledger line would change the next key.
  const dirty = listed.dirty.filter((p) => !GATEKEEPER_OWN.test(p));
  const ids = await Promise.all(dirty.map((rel) => contentId(root, rel)));
  dirty.forEach((rel, i) => {
    const id = ids[i] ?? GONE;
    if (id === GONE) files.delete(rel);
    else files.set(rel, id);
  });
  // No file at all: the project is ignored by the repository it sits in (or empty). A key over
  // nothing would match any content, so there is no trustworthy key.
  return files.size > 0 ? { files } : undefined;
}

/** The ids of the given paths; a path git does not know (ignored, outside the tree) is hashed. */
export async function idsOf(root: string, snapshot: TreeSnapshot, paths: readonly string[]): Promise<string[]> {
  return Promise.all([...paths].sort().map(async (p) => `${p}\0${snapshot.files.get(p) ?? (await contentId(root, p))}`));
}

export function allIds(snapshot: TreeSnapshot): string[] {
  return [...snapshot.files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, id]) => `${p}\0${id}`);
}
