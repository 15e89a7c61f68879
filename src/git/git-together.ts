import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { runGit, type GitOutcome } from './git.js';

/**
 * Several read-only git commands started by one `sh`, each writing to its own pipe, the exit codes
 * last on stderr. A run's start asks git three things at once; each process Node starts costs a
 * fork of Node's whole process on the main thread (7–9 ms each on our 2-core machines, issue #16),
 * while `sh` forks cheaply and on its own time. When the shell cannot answer (no `sh`, Windows, a
 * garbled exit line), every command is asked again on its own — the answers are the same, only slower.
 * git's stderr is dropped here: a caller that needs git's words on failure asks again (gitMaybe's
 * callers do).
 */
export async function gitTogether(commands: readonly (readonly string[])[], cwd: string): Promise<GitOutcome[]> {
  const together = process.platform === 'win32' ? undefined : await viaShell(commands, cwd);
  return together ?? Promise.all(commands.map((args) => runGit(args, cwd)));
}

const quote = (arg: string): string => `'${arg.replaceAll("'", `'\\''`)}'`;

/** Command i writes to fd i + 3; `wait` collects each exit code in order. */
function script(commands: readonly (readonly string[])[]): string {
  const starts = commands.map((args, i) => `git ${args.map(quote).join(' ')} >&${i + 3} 2>/dev/null & p${i}=$!`);
  const waits = commands.map((_, i) => `wait $p${i}; r${i}=$?`);
  const codes = commands.map((_, i) => `$r${i}`).join(' ');
  return [...starts, ...waits, `echo "${codes}" >&2`].join('\n');
}

function viaShell(commands: readonly (readonly string[])[], cwd: string): Promise<GitOutcome[] | undefined> {
  return new Promise((resolve) => {
    const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0' };
    const stdio = ['ignore', 'ignore', 'pipe', ...commands.map(() => 'pipe' as const)] as const;
    let child;
    try {
      child = spawn('sh', ['-c', script(commands)], { cwd, env, stdio: [...stdio] });
    } catch {
      resolve(undefined);
      return;
    }
    const outputs = commands.map(() => '');
    let codes = '';
    commands.forEach((_, i) => {
      const pipe = child.stdio[i + 3] as Readable | undefined;
      pipe?.setEncoding('utf8');
      pipe?.on('data', (chunk: string) => (outputs[i] += chunk));
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (codes += chunk));
    child.on('error', () => resolve(undefined));
    child.on('close', (status) => {
      const exitCodes = codes.trim().split(' ').map(Number);
      const whole = status === 0 && /^(\d+ )*\d+$/.test(codes.trim()) && exitCodes.length === commands.length;
      resolve(whole ? commands.map((_, i) => ({ exitCode: exitCodes[i] ?? 1, stdout: outputs[i] ?? '', stderr: '' })) : undefined);
    });
  });
}
