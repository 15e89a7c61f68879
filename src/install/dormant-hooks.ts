import { existsSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { HUSKY_HOOKS_PATH } from './husky.js';

/** The hooks husky 9 writes a stub for; each stub runs `.husky/<name>` when that file exists. */
const HUSKY_HOOK_NAMES = [
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-rebase',
  'post-rewrite',
  'post-checkout',
  'post-merge',
  'pre-auto-gc',
];

/**
 * The repository's own `.husky/<hook>` scripts other than pre-push (Gatekeeper's), which pointing
 * core.hooksPath at husky turns on: a clone that never ran husky has them in the tree, dormant.
 */
export function dormantHuskyHooks(repoRoot: string): string[] {
  return HUSKY_HOOK_NAMES.filter((name) => {
    const file = path.join(repoRoot, '.husky', name);
    return existsSync(file) && statSync(file).isFile();
  }).map((name) => `.husky/${name}`);
}

/**
 * Keeps them off after husky wrote its stubs: the stub of each is removed from `.husky/_/`
 * (git-ignored, husky's own), so git finds no hook of that name. husky writes the stubs again
 * whenever it runs (`npm install` runs `prepare: husky`); the caller says so.
 */
export function removeStubs(repoRoot: string, hooks: readonly string[]): void {
  for (const hook of hooks) {
    const stub = path.join(repoRoot, HUSKY_HOOKS_PATH, path.basename(hook));
    if (existsSync(stub)) unlinkSync(stub);
  }
}
