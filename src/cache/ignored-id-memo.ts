import type { Stats } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * What the last runs learnt of the ignored files' contents, kept between processes: a built
 * dist/ of 10,000 files was read and hashed again by every run, a cost that grew with the tree
 * (issue #16: a run of cache hits at 5,000 modules took 5.6× the run at 100).
 *
 * An id is reused only when the file's size, modification and change times, inode and mode are
 * what they were when it was read — the stat data git's index trusts the same way — and only for
 * files that had not changed for a while when they were read: a file written twice within one
 * tick of the clock keeps its times, and a read between the two writes would otherwise be trusted
 * for good (git's "racily clean" entries). The change time (ctime) is set by the kernel, so a tool
 * that restores a file's modification time (`cp -p`, `touch -r`) still changes the stamp.
 */
export interface IgnoredIdMemo {
  /** The id read for `rel` when its stat data were `info` (`stamp`: statStamp(info)), if still trusted. */
  known(rel: string, info: Stats, stamp?: string): string | undefined;
  /** A file just read (`readAt`: when the read started). */
  learn(rel: string, info: Stats, id: string, readAt: number): void;
  /** Keeps what is known of `files` (the ones listed now) for the next run; a failure only costs speed. */
  save(files: readonly string[]): Promise<void>;
}

/** The file's first field; a file that does not start with it (an older format, another program's) is an empty memo. */
const HEADER = 'gatekeeper-ignored-ids-1';
/**
 * How long a file must have been still before it was read for its id to be kept: longer than one
 * tick of the file system's clock, so that a write after the read cannot leave the times as they
 * were. Times with a fraction of a second come from a file system that ticks in milliseconds at
 * most (ext4, XFS, APFS, NTFS; exFAT: 10 ms; the kernel stamps from a clock that ticks every 1–10
 * ms); whole or even seconds (ext3, HFS+, FAT) need two. At 100 ms a run right after a build no
 * longer reads its 10,000-file dist/ again, as it did at two seconds for every file system.
 */
const SETTLED_MS = 2000;
const SETTLED_FINE_MS = 100;

function settledMs(info: Stats): number {
  return info.mtimeMs % 1000 !== 0 || info.ctimeMs % 1000 !== 0 ? SETTLED_FINE_MS : SETTLED_MS;
}

export const statStamp = (info: Stats): string => `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}:${info.mode}`;

/**
 * NUL-separated triples (path, stamp, id) after the header: paths may hold any byte but NUL, and
 * reading 10,000 of them by indexOf costs a fraction of JSON.parse's objects and arrays.
 * Values are kept as "stamp\0id", sliced once.
 */
function parse(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  if (!text.startsWith(`${HEADER}\0`)) return entries;
  let at = HEADER.length + 1;
  while (at < text.length) {
    const pathEnd = text.indexOf('\0', at);
    const stampEnd = pathEnd < 0 ? -1 : text.indexOf('\0', pathEnd + 1);
    const idEnd = stampEnd < 0 ? -1 : text.indexOf('\0', stampEnd + 1);
    if (idEnd < 0) break;
    entries.set(text.slice(at, pathEnd), text.slice(pathEnd + 1, idEnd));
    at = idEnd + 1;
  }
  return entries;
}

/** The memo kept in `file`; an unreadable or foreign one is an empty memo. */
export async function openIgnoredIdMemo(file: string): Promise<IgnoredIdMemo> {
  const entries = parse(await readFile(file, 'utf8').catch(() => ''));
  let learnt = false;
  return {
    known(rel, info, stamp = statStamp(info)) {
      const entry = entries.get(rel);
      return entry !== undefined && entry.length > stamp.length && entry.startsWith(stamp) && entry[stamp.length] === '\0' ? entry.slice(stamp.length + 1) : undefined;
    },
    learn(rel, info, id, readAt) {
      if (Math.max(info.mtimeMs, info.ctimeMs) > readAt - settledMs(info)) return;
      entries.set(rel, `${statStamp(info)}\0${id}`);
      learnt = true;
    },
    async save(files) {
      const listed = files.filter((rel) => entries.has(rel));
      // Nothing new and nothing gone: the file on disk already says it.
      if (!learnt && listed.length === entries.size) return;
      learnt = false;
      const text = [HEADER, ...listed.map((rel) => `${rel}\0${entries.get(rel) ?? ''}`)].join('\0') + '\0';
      const temp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(temp, text);
        await rename(temp, file);
      } catch {
        await unlink(temp).catch(() => undefined);
      }
    },
  };
}
