import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gitMaybe, splitNul } from '../git/git.js';

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

/** `git ls-files -s -z`: "<mode> <blob> <stage>\t<path>", paths relative to the cwd. */
function parseStage(text: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const record of splitNul(text)) {
    const tab = record.indexOf('\t');
    const [mode, blob, stage] = record.slice(0, tab).split(' ');
    // A conflicted path has several stages: whatever the work tree holds is rehashed anyway.
    if (stage === '0') files.set(record.slice(tab + 1), `${mode ?? ''}:${blob ?? ''}`);
  }
  return files;
}

/**
 * `git status --porcelain=v2 -z --no-renames`: the paths whose work-tree copy differs from
 * the index (Y ≠ '.'), unmerged paths, and untracked ones. Paths are relative to the repository.
 */
function parseDirty(text: string): string[] {
  const dirty: string[] = [];
  for (const record of splitNul(text)) {
    const type = record[0];
    if (type === '?') dirty.push(record.slice(2));
    else if (type === '1') {
      if (record[3] !== '.') dirty.push(record.split(' ').slice(8).join(' '));
    } else if (type === 'u') dirty.push(record.split(' ').slice(10).join(' '));
  }
  return dirty;
}

const GATEKEEPER_OWN = /^\.gatekeeper\//;

/** undefined outside a git work tree, when git fails or sees no file: then nothing can be keyed reliably. */
export async function takeSnapshot(root: string, repoRoot: string): Promise<TreeSnapshot | undefined> {
  const [staged, status] = await Promise.all([
    gitMaybe(['ls-files', '-s', '-z', '--', '.'], root),
    gitMaybe(['status', '--porcelain=v2', '-z', '--no-renames', '--untracked-files=all', '--ignore-submodules=none', '--', '.'], root),
  ]);
  if (staged === undefined || status === undefined) return undefined;
  const files = parseStage(staged);
  const prefix = path.relative(repoRoot, root).split(path.sep).join('/');
  const dirty = parseDirty(status)
    .filter((p) => prefix === '' || p.startsWith(`${prefix}/`))
    .map((p) => (prefix === '' ? p : p.slice(prefix.length + 1)))
    // Gatekeeper's own folder (history, result cache, loop logs) is no gate's input, even where the
    // repository does not ignore it: otherwise every run's own ledger line would change the next key.
    .filter((p) => !GATEKEEPER_OWN.test(p));
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
