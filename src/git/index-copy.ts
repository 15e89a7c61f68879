import { copyFile, stat, utimes } from 'node:fs/promises';

/**
 * Copies git's index for a throw-away use (GIT_INDEX_FILE). A copy keeps the stat cache, so
 * `add -A` rehashes only what changed. It must keep the original's mtime too — rounded down, never
 * later: git trusts an entry's stat only when the file is older than the index ("racy git"), and a
 * fresh mtime would make a same-size edit made just before look unchanged. No index yet (nothing
 * staged) is fine: everything is new.
 */
export async function copyIndex(from: string, to: string): Promise<void> {
  const original = await stat(from).catch(() => undefined);
  if (!original) return;
  await copyFile(from, to);
  await utimes(to, original.atime, new Date(Math.floor(original.mtimeMs)));
}
