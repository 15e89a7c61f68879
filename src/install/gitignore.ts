import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gitMaybe } from '../git/git.js';
import { writeFileAtomic } from './atomic-write.js';

export const GATEKEEPER_IGNORE_LINE = '.gatekeeper/';

/** Whether git already ignores Gatekeeper's folder (by any rule, in any ignore file). */
export async function gatekeeperDirIgnored(repoRoot: string): Promise<boolean> {
  return (await gitMaybe(['check-ignore', '-q', '--no-index', '.gatekeeper/history.jsonl'], repoRoot)) !== undefined;
}

/** Appends the line; returns exactly what was appended (with the newline a last line lacked). */
export function addIgnoreLine(repoRoot: string): string {
  const file = path.join(repoRoot, '.gitignore');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const appended = `${text === '' || text.endsWith('\n') ? '' : '\n'}${GATEKEEPER_IGNORE_LINE}\n`;
  writeFileAtomic(file, `${text}${appended}`);
  return appended;
}

/**
 * Removes what install added: byte for byte when the file still ends with the appended text
 * (the newline added to a last line that had none goes too); else the line alone, wherever it
 * moved. Returns false when it is no longer there.
 */
export function removeIgnoreLine(repoRoot: string, appended?: string): boolean {
  const file = path.join(repoRoot, '.gitignore');
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  if (appended !== undefined && appended !== '' && text.endsWith(appended)) {
    writeFileAtomic(file, text.slice(0, text.length - appended.length));
    return true;
  }
  const lines = text.split('\n');
  const index = lines.lastIndexOf(GATEKEEPER_IGNORE_LINE);
  if (index === -1) return false;
  lines.splice(index, 1);
  writeFileAtomic(file, lines.join('\n'));
  return true;
}
