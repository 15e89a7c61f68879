import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TreeSnapshot } from './tree-snapshot.js';

/**
 * The tree on which a gate last passed in full (for the test gate: the whole suite), keyed by the
 * gate's cache settings (its config entry, tool versions, Node, env). A later run can then ask
 * which files changed since, and decide how much it must re-check. One file per gate folder; a
 * record of other settings, of another format, or unreadable is no record: run everything.
 */
const FORMAT = 1;
const FILE = 'last-green.json';

interface GreenRecord {
  format: number;
  settings: string;
  files: [string, string][];
}

export interface TreeChanges {
  /** Added or modified since the green tree (paths relative to the project root). */
  changed: string[];
  /** Present in the green tree, absent now. */
  deleted: string[];
}

export async function readLastGreen(dir: string, settings: string): Promise<TreeSnapshot | undefined> {
  let parsed: Partial<GreenRecord> | null;
  try {
    parsed = JSON.parse(await readFile(path.join(dir, FILE), 'utf8')) as Partial<GreenRecord> | null;
  } catch {
    return undefined;
  }
  if (parsed?.format !== FORMAT || parsed.settings !== settings || !Array.isArray(parsed.files)) return undefined;
  const files = new Map<string, string>();
  for (const pair of parsed.files) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') return undefined;
    files.set(pair[0], pair[1]);
  }
  return { files };
}

/** Atomic (temporary file, then rename): a reader sees the old record or the new one, never half. */
export async function writeLastGreen(dir: string, settings: string, snapshot: TreeSnapshot): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, FILE);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const record: GreenRecord = { format: FORMAT, settings, files: [...snapshot.files] };
  try {
    await writeFile(temp, JSON.stringify(record));
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

export function changesSince(green: TreeSnapshot, now: TreeSnapshot): TreeChanges {
  const changed = [...now.files].filter(([file, id]) => green.files.get(file) !== id).map(([file]) => file);
  const deleted = [...green.files.keys()].filter((file) => !now.files.has(file));
  return { changed: changed.sort(), deleted: deleted.sort() };
}
