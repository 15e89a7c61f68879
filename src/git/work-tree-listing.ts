import { existsSync } from 'node:fs';
import path from 'node:path';
import { gitMaybe } from './git.js';
import type { IgnoredFiles } from './ignored-files.js';

/**
 * What one `git ls-files` tells of a folder of the work tree: the index's blob ids, which paths
 * differ from the index, and the untracked files. The result cache's key (tree-snapshot.ts) and a
 * whole-project scope (scope.ts) both read it, so a run asks git once instead of three times
 * (`ls-files -s`, `status`, `ls-files --others`): each git process costs a fork of Node on
 * every start (issue #16).
 */
export interface WorkTreeListing {
  /** Stage-0 index entries: path → "mode:blob". Paths relative to the listed folder, forward slashes. */
  staged: Map<string, string>;
  /** Every path the index holds (conflicted ones once). */
  cached: string[];
  /** Paths whose work-tree copy may differ from the index: modified, deleted, conflicted, untracked. */
  dirty: string[];
  /** Untracked files that are not ignored. */
  untracked: string[];
  /** Index paths git saw deleted from the work tree. */
  deleted: Set<string>;
  /** Index paths whose presence git does not check (skip-worktree), conflicts, symbolic links and submodules. */
  unsure: Set<string>;
}

/**
 * `-t` tags each record (H cached, S skip-worktree, M unmerged, C modified, R deleted, ? other) and
 * `-s` gives the index entry ("<mode> <blob> <stage>\t<path>"); a modified or deleted path comes
 * once as H and again as C (and R). git compares stat data with the index as `git status` does.
 */
export const LISTING_ARGS = ['ls-files', '-z', '-t', '-s', '--cached', '--others', '--modified', '--deleted', '--exclude-standard', '--', '.'];

const PLAIN_FILE_MODES = new Set(['100644', '100755']);

/**
 * Read with indexOf rather than split: at 100,000 entries the array-per-record way took most of a
 * second (issue #15's large tree).
 */
export function parseListing(text: string): WorkTreeListing {
  const listing: WorkTreeListing = { staged: new Map(), cached: [], dirty: [], untracked: [], deleted: new Set(), unsure: new Set() };
  const dirty = new Set<string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\0', start);
    if (end < 0) end = text.length;
    const tag = text[start];
    if (tag === '?') {
      const file = text.slice(start + 2, end);
      listing.untracked.push(file);
      dirty.add(file);
    } else if (end > start) readEntry(text, start, end, listing, dirty);
    start = end + 1;
  }
  listing.dirty = [...dirty];
  return listing;
}

interface IndexRecord {
  tag: string;
  mode: string;
  blob: string;
  stage: string;
  file: string;
}

/** "<tag> <mode> <blob> <stage>\t<path>"; undefined for a record without a path. */
function indexRecord(text: string, start: number, end: number): IndexRecord | undefined {
  const tab = text.indexOf('\t', start);
  if (tab < 0 || tab > end) return undefined;
  const modeEnd = text.indexOf(' ', start + 2);
  const blobEnd = text.indexOf(' ', modeEnd + 1);
  return { tag: text[start] ?? '', mode: text.slice(start + 2, modeEnd), blob: text.slice(modeEnd + 1, blobEnd), stage: text[blobEnd + 1] ?? '', file: text.slice(tab + 1, end) };
}

/** One index record; a path comes again for each tag and stage. */
function readEntry(text: string, start: number, end: number, listing: WorkTreeListing, dirty: Set<string>): void {
  const record = indexRecord(text, start, end);
  if (record === undefined) return;
  const { mode, blob, stage, file } = record;
  const seen = listing.staged.has(file) || listing.unsure.has(file) || dirty.has(file);
  if (!seen) listing.cached.push(file);
  // A conflicted path has several stages: whatever the work tree holds is hashed instead.
  if (stage === '0') listing.staged.set(file, `${mode}:${blob}`);
  classify(record, listing, dirty);
}

/** Modified, deleted and conflicted paths are dirty; paths git does not vouch for are unsure. */
function classify({ tag, mode, stage, file }: IndexRecord, listing: WorkTreeListing, dirty: Set<string>): void {
  if (tag === 'C' || tag === 'R' || stage !== '0') dirty.add(file);
  if (tag === 'R') listing.deleted.add(file);
  if (tag === 'S' || stage !== '0' || !PLAIN_FILE_MODES.has(mode)) listing.unsure.add(file);
}

/**
 * Every tracked and untracked-not-ignored file of the listing that exists in the work tree, sorted.
 * Only paths git does not vouch for (skip-worktree, conflicts, symbolic links, submodules) are
 * asked of the file system: an existsSync per file cost seconds at 100,000 files.
 */
export function existingFiles(root: string, listing: WorkTreeListing): string[] {
  const files: string[] = [];
  for (const file of listing.cached) {
    if (listing.deleted.has(file)) continue;
    if (!listing.unsure.has(file) || existsSync(path.join(root, file))) files.push(file);
  }
  for (const file of listing.untracked) files.push(file);
  return files.sort();
}

/** undefined outside a git work tree, or when git fails. */
export async function listWorkTree(root: string): Promise<WorkTreeListing | undefined> {
  const out = await gitMaybe(LISTING_ARGS, root);
  return out === undefined ? undefined : parseListing(out);
}

/**
 * Both listings a run's start needs, asked of git before the run knows its project folder, together
 * with `rev-parse` (run-start.ts). Used only if the project folder turns out to be `folder`.
 */
export interface EarlyListings {
  folder: string;
  /** `git ls-files` as listWorkTree asks it; undefined when git failed (the caller asks again, and says why). */
  tree: Promise<string | undefined>;
  ignored: Promise<IgnoredFiles | undefined>;
}
