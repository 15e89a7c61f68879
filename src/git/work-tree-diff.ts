import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { git, GitError, runGit } from './git.js';
import { copyIndex } from './index-copy.js';

function gitWith(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  return git(['-c', 'core.quotepath=off', ...args], cwd, { env });
}

/** The project folder, less what is never the user's code even when it is not git-ignored. */
const PATHSPEC = ['.', ':(exclude,glob)**/node_modules/**', ':(exclude,glob)**/.gatekeeper/**'];

/**
 * The patch from `base` to the work tree under `cwd`: tracked changes, staged or not, and
 * untracked-not-ignored files, with renames detected. It stages everything into a throw-away
 * copy of the index whose new blobs go to a throw-away object folder (the repository's own is
 * read through GIT_ALTERNATE_OBJECT_DIRECTORIES), so nothing under .git is written: the user's
 * index, objects, branch and files stay exactly as they were.
 */
export async function diffWorkTree(cwd: string, base: string): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'gatekeeper-guard-'));
  const index = path.join(scratch, 'index');
  try {
    const [gitDir, workTree, realIndex, realObjects] = (await gitWith(['rev-parse', '--absolute-git-dir', '--show-toplevel', '--git-path', 'index', '--git-path', 'objects'], cwd)).trim().split('\n');
    if (!gitDir || !workTree || !realIndex || !realObjects) throw new GitError(`git rev-parse could not name the repository of ${cwd}`);
    await copyIndex(path.resolve(cwd, realIndex), index);
    const objects = path.join(scratch, 'objects');
    await mkdir(objects);
    // GIT_DIR and GIT_WORK_TREE pin the repository: with another object folder, git's own
    // discovery could otherwise walk up into an enclosing repository.
    const env = { GIT_DIR: gitDir, GIT_WORK_TREE: workTree, GIT_INDEX_FILE: index, GIT_OBJECT_DIRECTORY: objects, GIT_ALTERNATE_OBJECT_DIRECTORIES: path.resolve(cwd, realObjects) };
    await gitWith(['add', '-A', '--', ...PATHSPEC], cwd, env);
    return await gitWith(['diff', '--cached', '--no-relative', '-M', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', base, '--', ...PATHSPEC], cwd, env);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** A file's text at a commit, by repo-relative path; undefined when it is not there. */
export async function readAtCommit(cwd: string, commit: string, repoPath: string): Promise<string | undefined> {
  const result = await runGit(['cat-file', 'blob', `${commit}:${repoPath}`], cwd);
  return result.exitCode === 0 ? result.stdout : undefined;
}

/** `git log` of `base..HEAD` in the form src/guard/trailers.ts parses. */
export async function logSince(cwd: string, base: string, format: string): Promise<string> {
  return gitWith(['log', '--no-relative', '--no-renames', '--name-only', '-z', `--format=${format}`, `${base}..HEAD`], cwd);
}

/** Whether a ref under refs/gatekeeper/ (the loop's checkpoints) points at this commit. */
export async function isGatekeeperCheckpoint(cwd: string, commit: string): Promise<boolean> {
  const refs = await gitWith(['for-each-ref', '--format=%(refname)', `--points-at=${commit}`, 'refs/gatekeeper/'], cwd);
  return refs.trim() !== '';
}
