import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UserFacingError } from '../core/errors.js';
import { gitMaybe } from '../git/git.js';

/** Where husky 9 points git: its generated stubs, each of which runs `.husky/<hook>`. */
export const HUSKY_HOOKS_PATH = '.husky/_';

export interface HuskyPackage {
  dir: string;
  version: string;
}

/** husky as the project resolves it (its package exports only index.js, so go through that). */
export function findHusky(projectRoot: string): HuskyPackage | undefined {
  try {
    const entry = createRequire(path.join(projectRoot, 'package.json')).resolve('husky');
    const dir = path.dirname(entry);
    const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
    return { dir, version };
  } catch {
    return undefined;
  }
}

/** The effective core.hooksPath (any scope), or only this repository's own with `local`. */
export async function hooksPathOf(repoRoot: string, scope: 'effective' | 'local' = 'effective'): Promise<string | undefined> {
  const args = scope === 'local' ? ['config', '--local', '--get', 'core.hooksPath'] : ['config', '--get', 'core.hooksPath'];
  return (await gitMaybe(args, repoRoot))?.trim() || undefined;
}

export function huskyIsSetUp(repoRoot: string, hooksPath: string | undefined): boolean {
  return hooksPath === HUSKY_HOOKS_PATH && existsSync(path.join(repoRoot, HUSKY_HOOKS_PATH, 'h'));
}

/** Runs husky's own bin, exactly what `"prepare": "husky"` runs: it sets core.hooksPath and writes `.husky/_`. */
export async function runHusky(repoRoot: string, husky: HuskyPackage): Promise<void> {
  // Loaded on first use: execa is a hundred modules that most commands never need.
  const { execa } = await import('execa');
  const result = await execa(process.execPath, [path.join(husky.dir, 'bin.js')], { cwd: repoRoot, reject: false, env: { HUSKY: '' } });
  const said = `${String(result.stdout)}${String(result.stderr)}`.trim();
  if (result.exitCode !== 0 || said !== '') {
    throw new UserFacingError(`husky ${husky.version} could not set up the hooks in ${repoRoot}: ${said || `exit code ${String(result.exitCode)}`}`);
  }
}
