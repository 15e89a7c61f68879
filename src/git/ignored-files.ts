import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gitMaybe, splitNul } from './git.js';

/**
 * Git-ignored paths that are no gate's input: installed packages (their versions are in the
 * tracked lockfile and in each key's tool versions), Gatekeeper's own folder, husky's generated .husky/_, and the caches tools
 * keep for speed, which by their nature do not change a verdict. Everything else that is ignored
 * (a built `dist/`, generated types, a `.env`) can: a package that imports itself by name reads
 * its own `dist/`.
 */
const NOT_INPUTS = /(^|\/)(node_modules|\.husky\/_|\.gatekeeper|\.git|\.cache|\.turbo|\.nx|\.eslintcache|coverage|[^/]*\.tsbuildinfo|[^/]*\.log|\.DS_Store)(\/|$)/;

export function isToolCache(rel: string): boolean {
  return NOT_INPUTS.test(rel);
}

export interface IgnoredFiles {
  /** Paths relative to the listed folder, forward slashes, sorted. Symbolic links are listed, not followed. */
  files: string[];
}

async function walk(root: string, rel: string, into: string[]): Promise<void> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const child = `${rel}${entry.name}`;
    if (isToolCache(child)) continue;
    if (entry.isDirectory()) await walk(root, `${child}/`, into);
    else into.push(child);
  }
}

/**
 * The git-ignored files under `root` that a gate may read, or undefined outside a git work tree.
 * `--directory` makes git stop at an ignored folder (node_modules is never walked by git); the
 * folders that are inputs are walked here.
 */
export async function listIgnoredFiles(root: string): Promise<IgnoredFiles | undefined> {
  return ignoredFilesFrom(await gitMaybe(IGNORED_ARGS, root), root);
}

export const IGNORED_ARGS = ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--', '.'];

/** The ignored files, from what git answered to IGNORED_ARGS in `root` (undefined: git failed). */
export async function ignoredFilesFrom(out: string | undefined, root: string): Promise<IgnoredFiles | undefined> {
  if (out === undefined) return undefined;
  const files: string[] = [];
  // A folder with no tracked file in it is listed whole ("./", "packages/b/"); a file is taken once.
  for (const rel of splitNul(out)) {
    if (isToolCache(rel)) continue;
    if (rel.endsWith('/')) await walk(root, rel, files);
    else {
      const info = await lstat(path.join(root, rel)).catch(() => undefined);
      if (info) files.push(rel);
    }
  }
  return { files: [...new Set(files)].sort() };
}
