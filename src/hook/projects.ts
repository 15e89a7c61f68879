import path from 'node:path';
import { CONFIG_FILE, loadConfig, type LoadedConfig } from '../config/load.js';
import { gitMaybe, splitNul } from '../git/git.js';

export interface HookProject {
  loaded: LoadedConfig;
  /** The project folder relative to the repository root, forward slashes; '' for the root. */
  rel: string;
}

/**
 * Every Gatekeeper project of the repository: each `.gatekeeper.json` git tracks or would track
 * (a workspace package's `packages/lib/.gatekeeper.json` as well as the root's). The hook runs
 * from the repository root, so it cannot find a subfolder's config by looking upwards.
 * With none, the usual search from `cwd` decides (and says what is missing).
 */
export async function findHookProjects(repoRoot: string, cwd: string): Promise<HookProject[]> {
  const listed = await gitMaybe(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', `:(glob)**/${CONFIG_FILE}`], repoRoot);
  const files = [...new Set(splitNul(listed ?? ''))].filter((f) => path.posix.basename(f) === CONFIG_FILE).sort();
  if (files.length === 0) {
    const loaded = loadConfig(undefined, cwd, repoRoot);
    return [{ loaded, rel: path.relative(repoRoot, loaded.root).split(path.sep).join('/') }];
  }
  return files.map((file) => {
    const loaded = loadConfig(path.join(repoRoot, file), repoRoot, repoRoot);
    return { loaded, rel: path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file) };
  });
}

/** Whether any of the repo-relative files lies in the project folder (the root project holds every file). */
export function touches(project: HookProject, files: readonly string[]): boolean {
  return project.rel === '' || files.some((f) => f.startsWith(`${project.rel}/`));
}
