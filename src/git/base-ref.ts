import { UserFacingError } from '../core/errors.js';
import { gitMaybe } from './git.js';
import type { Scope } from '../core/scope.js';
import { resolveCommit, sinceScope } from './scope.js';

export const AUTO = 'auto';

/** The ref `--since auto` settled on, and the reason, for the scope's description. */
export interface AutoBase {
  ref: string;
  why: string;
}

async function isShallow(root: string): Promise<boolean> {
  return (await gitMaybe(['rev-parse', '--is-shallow-repository'], root))?.trim() === 'true';
}

/** The setting that fetches enough history, in the words of the CI the run is in. */
function fetchDepthAdvice(env: NodeJS.ProcessEnv): string {
  if (env['GITHUB_ACTIONS'] === 'true') return 'set `fetch-depth: 0` on the actions/checkout step';
  if (env['GITLAB_CI'] === 'true') return 'set the variable `GIT_DEPTH: 0` in the job (or raise the project\'s "Git shallow clone" depth)';
  return 'run `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0` on actions/checkout; in GitLab CI: `GIT_DEPTH: 0`)';
}

function shallowError(what: string, env: NodeJS.ProcessEnv): UserFacingError {
  return new UserFacingError(
    `--since auto: this is a shallow clone and it does not hold ${what}, so Gatekeeper cannot tell which files changed (guessing would check the wrong files). To fetch the history it needs, ${fetchDepthAdvice(env)}.`,
  );
}

/** A base found but unusable: in a shallow clone that is missing history, otherwise a plain error. */
async function requireUsable(ref: string, what: string, root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const commit = await resolveCommit(ref, root);
  if (commit !== undefined && (await gitMaybe(['merge-base', commit, 'HEAD'], root)) !== undefined) return;
  if (await isShallow(root)) throw shallowError(commit === undefined ? what : `the common history of HEAD and ${what}`, env);
  if (commit === undefined) throw new UserFacingError(`--since auto: ${what} is not in this clone; fetch it (git fetch origin) or name a base with --since REF.`);
  throw new UserFacingError(`--since auto: HEAD has no common history with ${what}, so there is no base to compare with; name one with --since REF.`);
}

export async function remoteDefaultBranch(root: string): Promise<string | undefined> {
  const head = (await gitMaybe(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], root))?.trim();
  if (head?.startsWith('refs/remotes/')) return head.slice('refs/remotes/'.length);
  for (const candidate of ['origin/main', 'origin/master']) {
    if ((await gitMaybe(['rev-parse', '--verify', '--quiet', `refs/remotes/${candidate}`], root)) !== undefined) return candidate;
  }
  return undefined;
}

/**
 * Where `--since auto` measures changes from: the pull request's base on GitHub, the merge
 * request's diff base on GitLab, otherwise the remote's default branch.
 */
async function detectBase(root: string, env: NodeJS.ProcessEnv = process.env): Promise<AutoBase> {
  const githubBase = env['GITHUB_BASE_REF'];
  if (githubBase) {
    const ref = `origin/${githubBase}`;
    await requireUsable(ref, `the pull request's base branch ${ref}`, root, env);
    return { ref, why: `the pull request's base (GITHUB_BASE_REF=${githubBase})` };
  }
  const gitlabBase = env['CI_MERGE_REQUEST_DIFF_BASE_SHA'];
  if (gitlabBase) {
    await requireUsable(gitlabBase, `the merge request's base commit ${gitlabBase}`, root, env);
    return { ref: gitlabBase, why: 'the merge request\'s base (CI_MERGE_REQUEST_DIFF_BASE_SHA)' };
  }
  const branch = await remoteDefaultBranch(root);
  if (branch === undefined) {
    if (await isShallow(root)) throw shallowError("the remote's default branch", env);
    throw new UserFacingError(
      "--since auto: no base found. Outside a GitHub pull request (GITHUB_BASE_REF) or a GitLab merge request (CI_MERGE_REQUEST_DIFF_BASE_SHA) it uses the remote's default branch, but this clone has none of refs/remotes/origin/HEAD, origin/main, origin/master. Run `git remote set-head origin --auto`, or name a base with --since REF.",
    );
  }
  await requireUsable(branch, `the remote's default branch ${branch}`, root, env);
  return { ref: branch, why: "the remote's default branch" };
}

/** `--since auto`: the files changed since the detected base, described with where it came from. */
export async function autoSinceScope(root: string, env: NodeJS.ProcessEnv = process.env): Promise<Scope> {
  const base = await detectBase(root, env);
  const scope = await sinceScope(base.ref, root);
  return { ...scope, description: `files changed since ${base.ref}, ${base.why}` };
}
