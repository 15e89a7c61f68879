import picomatch from 'picomatch';
import type { Scope } from './scope.js';
import { ALWAYS_EXCLUDED } from './always-excluded.js';

export { ALWAYS_EXCLUDED };

/**
 * The files a file-level gate looks at: the scope's files (every tracked and untracked-not-ignored
 * file, or only the changed ones) matched by its include globs and not by its exclude globs.
 * Never the disk as a whole: a git-ignored build output is not the user's source, and is not in
 * the result cache's key either. Paths are relative to `root`.
 */
export function filesInScope(scope: Scope, include: string[], exclude: string[]): string[] {
  const isIncluded = picomatch(include, { dot: true });
  const isExcluded = picomatch([...ALWAYS_EXCLUDED, ...exclude], { dot: true });
  return scope.files.filter((f) => isIncluded(f) && !isExcluded(f)).sort();
}
