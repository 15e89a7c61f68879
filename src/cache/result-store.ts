import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GateResult } from '../core/result.js';

/** Bounds of the result cache; past either, the least recently used entries go. */
export const CACHE_LIMITS = { maxEntries: 500, maxBytes: 64 * 1024 * 1024 };

const FORMAT = 1;

interface Entry {
  format: number;
  key: string;
  result: GateResult;
}

/** A folder name no gate id can take (ids start with a letter or digit). */
export function resultsDir(cacheDir: string): string {
  return path.join(cacheDir, '.results');
}

function entryFile(dir: string, key: string): string {
  return path.join(dir, `${key}.json`);
}

function isEntry(value: unknown, key: string): value is Entry {
  const entry = value as Partial<Entry> | null;
  const status = entry?.result?.status;
  return entry?.format === FORMAT && entry.key === key && (status === 'passed' || status === 'failed') && Array.isArray(entry.result?.diagnostics);
}

/** What is stored under `key` when `valid` accepts it; absent, unreadable or of another format: undefined. */
async function readStored<T>(dir: string, key: string, valid: (value: unknown, key: string) => value is T): Promise<T | undefined> {
  const file = entryFile(dir, key);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (!valid(parsed, key)) return undefined;
  // Mark it recently used, so that eviction takes older entries first.
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
  return parsed;
}

/** A stored result, or undefined (absent, unreadable or of another format: all are misses). */
export async function readEntry(dir: string, key: string): Promise<GateResult | undefined> {
  return (await readStored(dir, key, isEntry))?.result;
}

/**
 * Writes to a temporary file and renames it into place: rename is atomic within a folder, so a
 * concurrent reader sees the old entry, the new one or none, never half of one.
 */
async function writeAtomically(dir: string, key: string, value: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = entryFile(dir, key);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(value));
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

export async function writeEntry(dir: string, key: string, result: GateResult): Promise<void> {
  const entry: Entry = { format: FORMAT, key, result: { ...result, cached: false } };
  await writeAtomically(dir, key, entry);
}

/** Which ignored files a gate's last run read (read-manifest.ts), stored and evicted like a result. */
interface Manifest {
  format: number;
  key: string;
  reads: string[];
}

export async function writeManifest(dir: string, key: string, reads: readonly string[]): Promise<void> {
  const manifest: Manifest = { format: FORMAT, key, reads: [...reads] };
  await writeAtomically(dir, key, manifest);
}

function isManifest(value: unknown, key: string): value is Manifest {
  const manifest = value as Partial<Manifest> | null;
  return manifest?.format === FORMAT && manifest.key === key && Array.isArray(manifest.reads) && manifest.reads.every((r) => typeof r === 'string');
}

export async function readManifest(dir: string, key: string): Promise<string[] | undefined> {
  return (await readStored(dir, key, isManifest))?.reads;
}

/** Removes the entry under `key`, if any. */
export async function dropEntry(dir: string, key: string): Promise<void> {
  await unlink(entryFile(dir, key)).catch(() => undefined);
}

interface Stored {
  file: string;
  size: number;
  mtimeMs: number;
}

/** A temporary file older than this was left by a run that died before its rename. */
const ABANDONED_MS = 10 * 60 * 1000;

async function removeAbandoned(dir: string, temps: string[]): Promise<void> {
  for (const name of temps) {
    const info = await stat(path.join(dir, name)).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > ABANDONED_MS) await unlink(path.join(dir, name)).catch(() => undefined);
  }
}

/** Drops least recently used entries until the cache is within its bounds. */
export async function evict(dir: string, limits = CACHE_LIMITS): Promise<number> {
  const all = await readdir(dir).catch(() => [] as string[]);
  await removeAbandoned(dir, all.filter((n) => n.endsWith('.tmp')));
  const names = all.filter((n) => n.endsWith('.json'));
  const stored: Stored[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info) stored.push({ file, size: info.size, mtimeMs: info.mtimeMs });
  }
  stored.sort((a, b) => b.mtimeMs - a.mtimeMs);
  let bytes = 0;
  let removed = 0;
  for (const [index, entry] of stored.entries()) {
    bytes += entry.size;
    if (index >= limits.maxEntries || bytes > limits.maxBytes) {
      await unlink(entry.file).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}
