import { lstatSync, type Stats } from 'node:fs';
import { readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { listIgnoredFiles, type IgnoredFiles } from '../git/ignored-files.js';
import { statStamp, type IgnoredIdMemo } from './ignored-id-memo.js';
import { hashText } from './tree-snapshot.js';

/** Past this many bytes of ignored files, the rest are identified by size and time rather than read. */
const HASH_BUDGET_BYTES = 64 * 1024 * 1024;

/** One process re-keys after every gate: a file whose stat data did not move is not read again. */
const seen = new Map<string, { stamp: string; id: string }>();

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
 * Which files are read: the budget is spent in path order on every file's size, whether its id is
 * known or not, so that the same tree always gets the same ids. Past it, a file is its stat data.
 */
function plan(infos: readonly (Stats | undefined)[]): ('read' | 'stamp' | undefined)[] {
  let left = HASH_BUDGET_BYTES;
  return infos.map((info) => {
    if (!info) return undefined;
    if (info.isSymbolicLink()) return 'read';
    if (info.size > left) return 'stamp';
    left -= info.size;
    return 'read';
  });
}

async function readId(file: string, info: Stats): Promise<string | undefined> {
  return info.isSymbolicLink() ? `l:${await readlink(file).catch(() => '')}` : readFile(file).then((c) => `c:${hashText(c)}`, () => undefined);
}

/**
 * "path\0id" for every git-ignored file under `root` that a gate may read (a built dist/, generated
 * types), by content. A key without them would replay a pass computed against files that have
 * changed since: a false green. undefined outside a git work tree. `memo` (ignored-id-memo.ts)
 * holds the ids earlier runs read.
 */
export async function ignoredInputIds(root: string, asked?: Promise<IgnoredFiles | undefined>, memo?: IgnoredIdMemo): Promise<string[] | undefined> {
  // A listing the run's start asked for is used once; one that failed is asked again.
  const listed = (await asked) ?? (await listIgnoredFiles(root));
  if (!listed) return undefined;
  const files = listed.files.map((rel) => path.join(root, rel));
  // Synchronously: for 10,000 files, 50 ms against 125 ms through the thread pool, and nothing else waits meanwhile.
  const infos = files.map((file) => lstatSync(file, { throwIfNoEntry: false }));
  const how = plan(infos);
  const readAt = Date.now();
  // Known ids first, without a promise per file (a tree of 10,000 ignored files spent more time in
  // promises than in lstat); then the files that must be read, 32 at a time.
  const ids: (string | undefined)[] = new Array(files.length);
  const toRead: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const info = infos[i];
    if (!info || how[i] === undefined) continue;
    const stamp = statStamp(info);
    if (how[i] === 'stamp') {
      ids[i] = `s:${stamp}`;
      continue;
    }
    const file = files[i] ?? '';
    const known = seen.get(file);
    const id = known?.stamp === stamp ? known.id : memo?.known(listed.files[i] ?? '', info, stamp);
    if (id === undefined) toRead.push(i);
    else {
      ids[i] = id;
      seen.set(file, { stamp, id });
    }
  }
  await mapLimit(toRead, CONCURRENCY, async (i) => {
    const [file, info] = [files[i] ?? '', infos[i] as Stats];
    const id = await readId(file, info);
    ids[i] = id;
    if (id === undefined) return;
    seen.set(file, { stamp: statStamp(info), id });
    memo?.learn(listed.files[i] ?? '', info, id, readAt);
  });
  await memo?.save(listed.files);
  const out: string[] = [];
  listed.files.forEach((rel, i) => {
    const id = ids[i];
    if (id !== undefined) out.push(`${rel}\0${id}`);
  });
  return out;
}
