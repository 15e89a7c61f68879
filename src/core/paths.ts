import path from 'node:path';

/** Repo-relative, forward slashes: the one spelling of a path in diagnostics. */
export function toRepoPath(repoRoot: string, file: string, base = repoRoot): string {
  const abs = path.resolve(base, file);
  return path.relative(repoRoot, abs).split(path.sep).join('/');
}
