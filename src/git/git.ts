import { execFile } from 'node:child_process';
import { UserFacingError } from '../core/errors.js';

export class GitError extends UserFacingError {}

export interface GitOutcome {
  exitCode: number | string;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  input?: string;
  /** Added to the environment (GIT_INDEX_FILE for a scratch index, a throw-away object folder...). */
  env?: Record<string, string>;
}

/** node:child_process rather than execa: git runs on every start, and execa is slow to load. */
export function runGit(args: readonly string[], cwd: string, options: GitOptions = {}): Promise<GitOutcome> {
  return new Promise((resolve) => {
    const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0', ...options.env };
    const child = execFile('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env }, (error, stdout, stderr) =>
      resolve({ exitCode: error ? (error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
  });
}

/** Runs git and returns its stdout; a non-zero exit becomes a GitError carrying git's own words. */
export async function git(args: readonly string[], cwd: string, input?: string | GitOptions): Promise<string> {
  const result = await runGit(args, cwd, typeof input === 'string' ? { input } : input);
  if (result.exitCode !== 0) {
    const said = result.stderr.trim().split('\n')[0] ?? '';
    throw new GitError(`git ${args.join(' ')} failed in ${cwd}: ${said || `exit code ${result.exitCode}`}`);
  }
  return result.stdout;
}

/** Like `git`, but a failure is an answer (undefined) rather than an error. Drops one final newline. */
export async function gitMaybe(args: readonly string[], cwd: string): Promise<string | undefined> {
  return answerOf(await runGit(args, cwd));
}

/** What gitMaybe makes of an outcome: stdout without its final newline, or undefined when git failed. */
export function answerOf(result: GitOutcome): string | undefined {
  return result.exitCode === 0 ? result.stdout.replace(/\r?\n$/, '') : undefined;
}

export async function repoRootOf(cwd: string): Promise<string | undefined> {
  const top = await gitMaybe(['rev-parse', '--show-toplevel'], cwd);
  return top?.trim() || undefined;
}

/**
 * The repository's top folder and HEAD's commit, in one git call (run-start.ts asks it).
 * --verify --quiet: an unborn HEAD exits 1 quietly after --show-toplevel printed the folder.
 */
export const ROOT_AND_HEAD_ARGS = ['rev-parse', '--show-toplevel', '--verify', '--quiet', 'HEAD'];

/** No commit yet: head undefined; outside a work tree: both undefined. */
export function rootAndHeadOf(result: GitOutcome): { root?: string; head?: string } {
  if (result.exitCode !== 0 && result.exitCode !== 1) return {};
  const [root, head] = result.stdout.split('\n').map((l) => l.trim());
  return { ...(root ? { root } : {}), ...(result.exitCode === 0 && head ? { head } : {}) };
}

export function splitNul(text: string): string[] {
  return text.split('\0').filter((s) => s !== '');
}
