import type { Stats } from 'node:fs';
import { lstat, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { listIgnoredFiles, type IgnoredFiles } from '../git/ignored-files.js';
import { hashText } from './tree-snapshot.js';

/** Past this many bytes of ignored files, the rest are identified by size and time rather than read. */
const HASH_BUDGET_BYTES = 64 * 1024 * 1024;

/** One process re-keys after every gate: a file whose size, time and inode did not move is not read again. */
const memo = new Map<string, { stamp: string; id: string }>();

const stampOf = (info: Stats): string => `${info.size}:${info.mtimeMs}:${info.ino}:${info.mode}`;

/** A file's id without reading it (memo, link, past the budget), or undefined when it must be read. */
function idWithoutReading(file: string, info: Stats, budget: { left: number }): string | undefined {
  const stamp = stampOf(info);
  const known = memo.get(file);
  if (known?.stamp === stamp) return known.id;
  if (info.isSymbolicLink()) return undefined;
  if (info.size > budget.left) return `s:${stamp}`;
  budget.left -= info.size;
  return undefined;
}

async function readId(file: string, info: Stats): Promise<string | undefined> {
  const id = info.isSymbolicLink() ? `l:${await readlink(file).catch(() => '')}` : await readFile(file).then((c) => `c:${hashText(c)}`, () => undefined);
  if (id !== undefined) memo.set(file, { stamp: stampOf(info), id });
  return id;
}

/**
 * `work` over `items`, at most `limit` at a time, results in order. One file at a time, a build's
 * 5,000 outputs waited seconds on Node's thread pool; all at once could run out of file handles.
 */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const CONCURRENCY = 32;

/**
 * "path\0id" for every git-ignored file under `root` that a gate may read (a built dist/, generated
 * types), by content. A key without them would replay a pass computed against files that have
 * changed since: a false green. undefined outside a git work tree.
 */
export async function ignoredInputIds(root: string, asked?: Promise<IgnoredFiles | undefined>): Promise<string[] | undefined> {
  // A listing the run's start asked for is used once; one that failed is asked again.
  const listed = (await asked) ?? (await listIgnoredFiles(root));
  if (!listed) return undefined;
  const files = listed.files.map((rel) => path.join(root, rel));
  const infos = await mapLimit(files, CONCURRENCY, (file) => lstat(file).catch(() => undefined));
  // The budget is spent in path order, as before, so the same tree always gets the same ids.
  const budget = { left: HASH_BUDGET_BYTES };
  const known = files.map((file, i) => {
    const info = infos[i];
    return info ? idWithoutReading(file, info, budget) : undefined;
  });
  const read = await mapLimit(files, CONCURRENCY, async (file, i) => {
    const info = infos[i];
    return known[i] === undefined && info ? readId(file, info) : known[i];
  });
  const ids: string[] = [];
  listed.files.forEach((rel, i) => {
    const id = read[i];
    if (id !== undefined) ids.push(`${rel}\0${id}`);
  });
  return ids;
}
