import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gitMaybe } from '../git/git.js';
import { writeFileAtomic } from './atomic-write.js';

export const GATEKEEPER_IGNORE_LINE = '.gatekeeper/';

/** Whether git already ignores Gatekeeper's folder (by any rule, in any ignore file). */
export async function gatekeeperDirIgnored(repoRoot: string): Promise<boolean> {
  return (await gitMaybe(['check-ignore', '-q', '--no-index', '.gatekeeper/history.jsonl'], repoRoot)) !== undefined;
}

export function addIgnoreLine(repoRoot: string): void {
  const file = path.join(repoRoot, '.gitignore');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  writeFileAtomic(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${GATEKEEPER_IGNORE_LINE}\n`);
}

/** Removes the line install added; returns false when it is no longer there. */
export function removeIgnoreLine(repoRoot: string): boolean {
  const file = path.join(repoRoot, '.gitignore');
  if (!existsSync(file)) return false;
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.lastIndexOf(GATEKEEPER_IGNORE_LINE);
  if (index === -1) return false;
  lines.splice(index, 1);
  writeFileAtomic(file, lines.join('\n'));
  return true;
}
