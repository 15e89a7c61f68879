import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import type { Scope } from './scope.js';

export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**', '**/.gatekeeper/**'];

/**
 * The files a file-level gate looks at: its include globs minus its exclude globs, and in a
 * changed-files scope only the changed ones among them. Paths are relative to `root`.
 */
export async function filesInScope(root: string, scope: Scope, include: string[], exclude: string[]): Promise<string[]> {
  const ignore = [...ALWAYS_EXCLUDED, ...exclude];
  if (scope.mode === 'changed') {
    const isIncluded = picomatch(include, { dot: true });
    const isExcluded = picomatch(ignore, { dot: true });
    return scope.files.filter((f) => isIncluded(f) && !isExcluded(f)).sort();
  }
  const files = await glob(include, { cwd: root, ignore, dot: true, onlyFiles: true, followSymbolicLinks: false });
  return files.sort();
}
