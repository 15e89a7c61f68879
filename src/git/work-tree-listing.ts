import { gitMaybe, splitNul } from './git.js';
import { listIgnoredFiles, type IgnoredFiles } from './ignored-files.js';

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
  /** Paths the index holds that are gone from the work tree. */
  deleted: string[];
}

/**
 * `-t` tags each record (H cached, S skip-worktree, M unmerged, C modified, R deleted, ? other) and
 * `-s` gives the index entry ("<mode> <blob> <stage>\t<path>"); a modified or deleted path comes
 * once as H and again as C (and R). git compares stat data with the index as `git status` does.
 */
export const LISTING_ARGS = ['ls-files', '-z', '-t', '-s', '--cached', '--others', '--modified', '--deleted', '--exclude-standard', '--', '.'];

export function parseListing(text: string): WorkTreeListing {
  const staged = new Map<string, string>();
  const cached = new Set<string>();
  const dirty = new Set<string>();
  const untracked: string[] = [];
  const deleted = new Set<string>();
  for (const record of splitNul(text)) {
    const tag = record[0];
    if (tag === '?') {
      const file = record.slice(2);
      untracked.push(file);
      dirty.add(file);
      continue;
    }
    const tab = record.indexOf('\t');
    const file = record.slice(tab + 1);
    const [mode, blob, stage] = record.slice(2, tab).split(' ');
    cached.add(file);
    // A conflicted path has several stages: whatever the work tree holds is hashed instead.
    if (stage === '0') staged.set(file, `${mode ?? ''}:${blob ?? ''}`);
    if (tag === 'C' || tag === 'R' || stage !== '0') dirty.add(file);
    if (tag === 'R') deleted.add(file);
  }
  return { staged, cached: [...cached], dirty: [...dirty], untracked, deleted: [...deleted] };
}

/** undefined outside a git work tree, or when git fails. */
/**
 * The files of the listing that exist: the index's and the untracked ones, less the deleted. Only
 * symbolic links are looked at on disk (git lists a link to a missing file as present); at 5,000
 * files, asking the disk about every path cost the run half a second.
 */
export function existingFiles(listing: WorkTreeListing, exists: (file: string) => boolean): string[] {
  const deleted = new Set(listing.deleted);
  const files = new Set([...listing.cached, ...listing.untracked]);
  return [...files].filter((f) => !deleted.has(f) && (!listing.staged.get(f)?.startsWith('120000:') || exists(f))).sort();
}

export async function listWorkTree(root: string): Promise<WorkTreeListing | undefined> {
  const out = await gitMaybe(LISTING_ARGS, root);
  return out === undefined ? undefined : parseListing(out);
}

/**
 * Both listings a run's start needs, asked of git before the run knows its project folder: at the
 * same time as `rev-parse`, so that the three git processes overlap instead of following one
 * another. Used only if the project folder turns out to be `folder`.
 */
export interface EarlyListings {
  folder: string;
  /** `git ls-files` as listWorkTree asks it; undefined when git failed (the caller asks again, and says why). */
  tree: Promise<string | undefined>;
  ignored: Promise<IgnoredFiles | undefined>;
}

/** `withTree` false: the run's scope will not be the whole tree (--since, a push range), so only the ignored files are asked. */
export function startListings(folder: string, withTree: boolean): EarlyListings {
  return { folder, tree: withTree ? gitMaybe(LISTING_ARGS, folder) : Promise.resolve(undefined), ignored: listIgnoredFiles(folder) };
}
