import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gitMaybe } from '../git/git.js';
import type { TreeDiff } from '../git/tree-diff.js';

/** The two trees matching compares: how they differ, and the lines of the files diagnostics name. */
export interface Sides {
  diff: TreeDiff;
  /** The file's path in the base, or undefined when it was added by the change. */
  basePathOf(file: string): string | undefined;
  currentLines(file: string): string[] | undefined;
  baseLines(file: string): string[] | undefined;
}

async function loadAll(files: Iterable<string>, read: (file: string) => Promise<string | undefined>): Promise<Map<string, string[]>> {
  const texts = new Map<string, string[]>();
  for (const file of new Set(files)) {
    const text = await read(file);
    if (text !== undefined) texts.set(file, text.split(/\r?\n/));
  }
  return texts;
}

/** Reads the current files from the work tree at `repoRoot` and the base's from git, once each. */
export async function loadSides(repoRoot: string, base: string, diff: TreeDiff, currentFiles: Iterable<string>, baseFiles: Iterable<string>): Promise<Sides> {
  const current = await loadAll(currentFiles, (f) => readFile(path.join(repoRoot, f), 'utf8').catch(() => undefined));
  const old = await loadAll(baseFiles, (f) => gitMaybe(['show', `${base}:${f}`], repoRoot));
  return {
    diff,
    basePathOf: (file) => diff.renamedFrom.get(file) ?? (diff.added.has(file) ? undefined : file),
    currentLines: (file) => current.get(file),
    baseLines: (file) => old.get(file),
  };
}
