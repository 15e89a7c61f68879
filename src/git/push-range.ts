import { UserFacingError } from '../core/errors.js';
import { git, gitMaybe, splitNul } from './git.js';

/** One line of what git hands a pre-push hook on stdin. */
export interface RefUpdate {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

export type RangeKind = 'delete' | 'new' | 'update' | 'force' | 'not-a-commit';

/** What one pushed ref brings to the remote that the remote does not have yet. */
export interface RefRange {
  update: RefUpdate;
  kind: RangeKind;
  /** The commit the remote ref will point at (a tag peeled to its commit); absent for a deletion. */
  tip?: string;
  /** The new commits, newest first. */
  commits: string[];
  /** A root commit is among them: there is no base, so every file is in scope. */
  fromRoot: boolean;
  /** The commit the changes are measured from, when there is one. */
  base?: string;
}

/** Every ref pushed at one commit: the gates judge that commit once. */
export interface PushTarget {
  tip: string;
  ranges: RefRange[];
  commits: string[];
  fromRoot: boolean;
  base?: string;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function isZeroSha(sha: string): boolean {
  return /^0+$/.test(sha);
}

/** `<local ref> SP <local sha> SP <remote ref> SP <remote sha> LF`, one per ref; anything else is refused. */
export function parsePushLines(text: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const fields = line.split(' ');
    const [localRef = '', localSha = '', remoteRef = '', remoteSha = ''] = fields;
    if (fields.length !== 4 || localRef === '' || remoteRef === '' || !SHA.test(localSha) || !SHA.test(remoteSha)) {
      throw new UserFacingError(
        `line ${index + 1} of the refs git passed on stdin is not "<local ref> <local sha> <remote ref> <remote sha>": ${JSON.stringify(line.slice(0, 160))}. Is this being run by git's pre-push hook?`,
      );
    }
    updates.push({ localRef, localSha, remoteRef, remoteSha });
  });
  return updates;
}

async function commitOf(sha: string, cwd: string): Promise<string | undefined> {
  return (await gitMaybe(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], cwd))?.trim() || undefined;
}

async function objectExists(sha: string, cwd: string): Promise<boolean> {
  return (await gitMaybe(['cat-file', '-e', sha], cwd)) !== undefined;
}

async function isAncestor(ancestor: string, of: string, cwd: string): Promise<boolean> {
  return (await gitMaybe(['merge-base', '--is-ancestor', ancestor, of], cwd)) !== undefined;
}

/** The commits of `rev-list <args>` with their parents: newest first, whether a root is among them, the oldest's parent. */
async function commitsOf(args: readonly string[], cwd: string): Promise<Pick<RefRange, 'commits' | 'fromRoot' | 'base'>> {
  const lines = (await git(['rev-list', '--parents', ...args], cwd)).split('\n').filter((l) => l !== '');
  const rows = lines.map((l) => l.split(' '));
  const oldest = rows[rows.length - 1];
  return {
    commits: rows.map((r) => r[0] ?? ''),
    fromRoot: rows.some((r) => r.length === 1),
    ...(oldest?.[1] !== undefined ? { base: oldest[1] } : {}),
  };
}

/** A force push: from the merge-base with the remote-tracking branch (or the old remote tip), else everything the remote lacks. */
async function forcedRange(tip: string, update: RefUpdate, remote: string, cwd: string): Promise<Pick<RefRange, 'commits' | 'fromRoot' | 'base'>> {
  const candidates = update.remoteRef.startsWith('refs/heads/') ? [`refs/remotes/${remote}/${update.remoteRef.slice('refs/heads/'.length)}`] : [];
  if (await objectExists(update.remoteSha, cwd)) candidates.push(update.remoteSha);
  for (const candidate of candidates) {
    const base = (await gitMaybe(['merge-base', tip, candidate], cwd))?.trim();
    // Commits the remote already has on another ref (a rebase onto a pushed main) were judged when they went there.
    if (base) return { ...(await commitsOf([tip, '--not', base, `--remotes=${remote}`], cwd)), base };
  }
  return commitsOf([tip, '--not', `--remotes=${remote}`], cwd);
}

/** The commits one ref line pushes: a deletion none, a new branch what no ref of the remote has, an update remote..local. */
export async function rangeOfRef(update: RefUpdate, remote: string, cwd: string): Promise<RefRange> {
  if (isZeroSha(update.localSha)) return { update, kind: 'delete', commits: [], fromRoot: false };
  const tip = await commitOf(update.localSha, cwd);
  if (tip === undefined) {
    if (await objectExists(update.localSha, cwd)) return { update, kind: 'not-a-commit', commits: [], fromRoot: false };
    throw new UserFacingError(`git says ${update.localRef} pushes ${update.localSha}, but this repository has no such object, so Gatekeeper cannot tell what is being pushed.`);
  }
  if (isZeroSha(update.remoteSha)) return { update, kind: 'new', tip, ...(await commitsOf([tip, '--not', `--remotes=${remote}`], cwd)) };
  if ((await objectExists(update.remoteSha, cwd)) && (await isAncestor(update.remoteSha, tip, cwd))) {
    return { update, kind: 'update', tip, ...(await commitsOf([tip, '--not', update.remoteSha], cwd)), base: update.remoteSha };
  }
  return { update, kind: 'force', tip, ...(await forcedRange(tip, update, remote, cwd)) };
}

/** Refs pushed at the same commit are judged together; refs that bring no new commit need no verdict. */
export function groupByTip(ranges: readonly RefRange[]): PushTarget[] {
  const targets = new Map<string, PushTarget>();
  for (const range of ranges) {
    if (range.tip === undefined || range.commits.length === 0) continue;
    const target = targets.get(range.tip) ?? { tip: range.tip, ranges: [], commits: [], fromRoot: false };
    target.ranges.push(range);
    target.commits = [...new Set([...target.commits, ...range.commits])];
    target.fromRoot ||= range.fromRoot;
    if (target.base === undefined && range.base !== undefined) target.base = range.base;
    targets.set(range.tip, target);
  }
  return [...targets.values()];
}

/** The union of the files the commits change (repo-relative); a merge counts what it changes against its first parent. */
export async function filesChangedBy(commits: readonly string[], cwd: string): Promise<string[]> {
  if (commits.length === 0) return [];
  const out = await git(['log', '--no-walk=unsorted', '--stdin', '--format=', '--name-only', '-z', '--no-renames', '--diff-merges=first-parent'], cwd, `${commits.join('\n')}\n`);
  return [...new Set(splitNul(out))].sort();
}

/** Every file in a commit (repo-relative): the scope when the pushed history starts at a root commit. */
export async function filesIn(commit: string, cwd: string): Promise<string[]> {
  return splitNul(await git(['ls-tree', '-r', '--name-only', '-z', commit], cwd));
}

const pushedFilesMemo = new WeakMap<PushTarget, Promise<string[]>>();

/**
 * The files a push target changes (every file of the tip, from a root commit). The hook needs them
 * to pick the projects and again for each project's scope: git is asked once per target.
 */
export function pushedFiles(target: PushTarget, repoRoot: string): Promise<string[]> {
  let files = pushedFilesMemo.get(target);
  if (files === undefined) {
    files = target.fromRoot ? filesIn(target.tip, repoRoot) : filesChangedBy(target.commits, repoRoot);
    pushedFilesMemo.set(target, files);
  }
  return files;
}
