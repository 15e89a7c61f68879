import { execa } from 'execa';
import { UserFacingError } from '../core/errors.js';

export class GitError extends UserFacingError {}

/** Runs git and returns its stdout; a non-zero exit becomes a GitError carrying git's own words. */
export async function git(args: readonly string[], cwd: string, input?: string): Promise<string> {
  const result = await execa('git', [...args], { cwd, reject: false, stripFinalNewline: false, input, env: { GIT_OPTIONAL_LOCKS: '0' } });
  if (result.exitCode !== 0) {
    const said = String(result.stderr).trim().split('\n')[0] ?? '';
    throw new GitError(`git ${args.join(' ')} failed in ${cwd}: ${said || `exit code ${result.exitCode}`}`);
  }
  return String(result.stdout);
}

/** Like `git`, but a failure is an answer (undefined) rather than an error. */
export async function gitMaybe(args: readonly string[], cwd: string): Promise<string | undefined> {
  const result = await execa('git', [...args], { cwd, reject: false, env: { GIT_OPTIONAL_LOCKS: '0' } });
  return result.exitCode === 0 ? String(result.stdout) : undefined;
}

export async function repoRootOf(cwd: string): Promise<string | undefined> {
  const top = await gitMaybe(['rev-parse', '--show-toplevel'], cwd);
  return top?.trim() || undefined;
}

export function splitNul(text: string): string[] {
  return text.split('\0').filter((s) => s !== '');
}
