import path from 'node:path';
import { UserFacingError } from '../core/errors.js';
import { repoRootOf } from './git.js';

export async function requireRepoRoot(cwd: string): Promise<string> {
  const root = await repoRootOf(path.resolve(cwd));
  if (root === undefined) throw new UserFacingError(`${path.resolve(cwd)} is not inside a git repository; checkpoints live in one (refs/gatekeeper/checkpoints).`);
  return root;
}
