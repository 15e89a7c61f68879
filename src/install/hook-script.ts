import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_NAME } from '../core/package-name.js';

/** This Gatekeeper's own package folder (dist/src/install/ is three levels down). */
const OWN_PACKAGE = fileURLToPath(new URL('../../../', import.meta.url));

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * The folder whose node_modules holds Gatekeeper, from `start` up to the repository root: a
 * workspace package's own node_modules, or the root's where the package manager hoisted it.
 */
export function packageHome(start: string, repoRoot: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'node_modules', PACKAGE_NAME, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (path.resolve(dir) === path.resolve(repoRoot) || parent === dir) return repoRoot;
    dir = parent;
  }
}

/**
 * The path `.husky/pre-push` calls, as git runs it from the repository root: the copy installed
 * in the project's node_modules when there is one (it moves with `npm install`), else this
 * package's own when it lies inside the repository (Gatekeeper's own repo), else an absolute path.
 */
export function hookScriptPath(repoRoot: string, projectRoot: string): { path: string; stable: boolean } {
  const installed = path.join(projectRoot, 'node_modules', PACKAGE_NAME, 'hooks', 'pre-push');
  if (existsSync(installed)) return { path: posix(path.relative(repoRoot, installed)), stable: true };
  const own = path.join(OWN_PACKAGE, 'hooks', 'pre-push');
  const relative = path.relative(repoRoot, own);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return { path: posix(relative), stable: true };
  return { path: own, stable: false };
}
