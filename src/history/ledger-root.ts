import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../core/errors.js';
import { findConfig } from '../config/load.js';
import { repoRootOf } from '../git/git.js';

/** The ledger sits beside the config, as `run` writes it; without a config, at the repository root. */
export async function ledgerRoot(cwd: string): Promise<string> {
  const start = path.resolve(cwd);
  if (!existsSync(start)) throw new UserFacingError(`--cwd ${cwd}: no such folder. Name the project folder whose history you want.`);
  const repoRoot = await repoRootOf(start);
  const config = findConfig(start, repoRoot);
  return config ? path.dirname(config) : (repoRoot ?? start);
}
