import { remoteDefaultBranch } from './base-ref.js';
import { gitMaybe } from './git.js';
import { resolveCommit } from './scope.js';

/** The commit hold the line compares with, and in words where it came from; no commit: nothing to compare with. */
export interface HoldBase {
  commit?: string;
  why: string;
}

async function mergeBase(ref: string, root: string, tip = 'HEAD'): Promise<string | undefined> {
  return (await gitMaybe(['merge-base', ref, tip], root))?.trim() || undefined;
}

/**
 * For a push whose range starts at a root commit — the first push to a new, empty remote, where
 * every commit of the history is "new" to it: the merge-base of the pushed commit with the clone's
 * own remote default branch (origin's), which is what the work being pushed added to the project
 * it came from. Without such a branch there is nothing to compare with and every finding counts.
 * Never the pushed commit itself: that would excuse everything.
 */
export async function rootPushHoldBase(tip: string, root: string): Promise<HoldBase> {
  const branch = await remoteDefaultBranch(root);
  const commit = branch ? await mergeBase(branch, root, tip) : undefined;
  if (branch && commit) return { commit, why: `the push starts at a root commit (a new remote); compared with the merge-base with ${branch}` };
  return { why: 'the push starts at a root commit: no base to compare with, every finding counts' };
}

/**
 * For a plain run and the loop: the merge-base with the branch's upstream, else with the remote's
 * default branch. Else, in a repository with no remote at all, HEAD (only uncommitted changes are
 * new); but with a remote that has no branch of ours yet (nothing pushed, or a CI checkout that
 * fetched only the commit), every finding counts — as the pre-push hook counts them on a first push,
 * and because HEAD there would excuse every committed finding. Git's own refs decide, never a file
 * in the tree, so an agent cannot move the base.
 */
export async function defaultHoldBase(root: string): Promise<HoldBase> {
  const head = await resolveCommit('HEAD', root);
  if (head === undefined) return { why: 'no commit yet, so no base to compare with: every finding counts' };
  const upstream = await gitMaybe(['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}'], root);
  if (upstream) {
    const commit = await mergeBase(upstream, root);
    if (commit) return { commit, why: `the merge-base with ${upstream}` };
  }
  const branch = await remoteDefaultBranch(root);
  if (branch) {
    const commit = await mergeBase(branch, root);
    if (commit) return { commit, why: `the merge-base with ${branch}` };
  }
  const remotes = (await gitMaybe(['remote'], root))?.trim();
  if (remotes) return { why: `no upstream and no default branch of ${remotes.split('\n')[0] ?? 'the remote'} here to compare with (nothing pushed or fetched yet): every finding counts, as on a first push` };
  return { commit: head, why: 'HEAD (a repository without a remote): only uncommitted changes are new' };
}
