import { lstat, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { listIgnoredFiles, type IgnoredFiles } from '../git/ignored-files.js';
import { hashText } from './tree-snapshot.js';

/** Past this many bytes of ignored files, the rest are identified by size and time rather than read. */
const HASH_BUDGET_BYTES = 64 * 1024 * 1024;

/** One process re-keys after every gate: a file whose size, time and inode did not move is not read again. */
const memo = new Map<string, { stamp: string; id: string }>();

async function idOf(file: string, budget: { left: number }): Promise<string | undefined> {
  const info = await lstat(file).catch(() => undefined);
  if (!info) return undefined;
  const stamp = `${info.size}:${info.mtimeMs}:${info.ino}:${info.mode}`;
  const known = memo.get(file);
  if (known?.stamp === stamp) return known.id;
  let id: string;
  if (info.isSymbolicLink()) id = `l:${await readlink(file).catch(() => '')}`;
  else if (info.size > budget.left) id = `s:${stamp}`;
  else {
    budget.left -= info.size;
    const content = await readFile(file).catch(() => undefined);
    if (!content) return undefined;
    id = `c:${hashText(content)}`;
  }
  memo.set(file, { stamp, id });
  return id;
}

/**
 * "path\0id" for every git-ignored file under `root` that a gate may read (a built dist/, generated
 * types), by content. A key without them would replay a pass computed against files that have
 * changed since: a false green. undefined outside a git work tree.
 */
export async function ignoredInputIds(root: string, asked?: Promise<IgnoredFiles | undefined>): Promise<string[] | undefined> {
  // A listing the run's start asked for is used once; one that failed is asked again.
  const listed = (await asked) ?? (await listIgnoredFiles(root));
  if (!listed) return undefined;
  const budget = { left: HASH_BUDGET_BYTES };
  const ids: string[] = [];
  for (const rel of listed.files) {
    const id = await idOf(path.join(root, rel), budget);
    if (id !== undefined) ids.push(`${rel}\0${id}`);
  }
  return ids;
}
