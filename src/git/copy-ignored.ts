import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, readlink, symlink } from 'node:fs/promises';
import path from 'node:path';
import { listIgnoredFiles } from './ignored-files.js';

/** A snapshot is not a second build folder: past this many bytes, the rest is named, not copied. */
export const COPY_LIMIT_BYTES = 512 * 1024 * 1024;

export interface CopiedIgnored {
  /** Files copied, relative to the folder. */
  copied: string[];
  /** Files left out because the limit was reached. */
  left: string[];
}

/** The top folders (or files) of a list of paths, for one line of text: "dist/, .env". */
export function topLevels(files: readonly string[]): string[] {
  return [...new Set(files.map((f) => (f.includes('/') ? `${f.slice(0, f.indexOf('/'))}/` : f)))];
}

/**
 * Copies the git-ignored files a gate may read (a built dist/, generated code, a .env; not
 * node_modules, not tools' caches) from a work-tree folder into the same folder of a snapshot,
 * so that a gate sees in the snapshot what it sees in the work tree. Copies, never hard links: a
 * build in the snapshot must not write through into the user's files. Existing files are kept.
 */
export async function copyIgnoredFiles(from: string, to: string, limitBytes = COPY_LIMIT_BYTES): Promise<CopiedIgnored> {
  const listed = await listIgnoredFiles(from);
  const result: CopiedIgnored = { copied: [], left: [] };
  let budget = limitBytes;
  for (const rel of listed?.files ?? []) {
    const source = path.join(from, rel);
    const target = path.join(to, rel);
    const [info, there] = await Promise.all([lstat(source).catch(() => undefined), lstat(target).catch(() => undefined)]);
    if (!info || there) continue;
    if (info.size > budget) {
      result.left.push(rel);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    if (info.isSymbolicLink()) await symlink(await readlink(source), target);
    else await copyFile(source, target, constants.COPYFILE_FICLONE);
    budget -= info.size;
    result.copied.push(rel);
  }
  return result;
}
