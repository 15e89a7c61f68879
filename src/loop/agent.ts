import { runProcess } from '../core/process.js';

/** POSIX single quotes: the one quoting in which nothing is special but the quote itself. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `{feedback}` and `{feedback_file}` for agent CLIs that take the prompt as an argument. */
function agentCommandLine(command: string, digest: string, feedbackFile: string): string {
  return command.replace(/\{feedback_file\}|\{feedback\}/g, (placeholder) => (placeholder === '{feedback}' ? shellQuote(digest) : shellQuote(feedbackFile)));
}

export interface AgentCall {
  command: string;
  cwd: string;
  digest: string;
  /** Absolute path of the digest on disk. */
  feedbackFile: string;
  attempt: number;
  maxAttempts: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface AgentRun {
  exitCode: number | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Why the call counts as failed, if it does: "exited with code 7", "timed out after 2 s". */
  problem?: string;
  output: string;
  durationMs: number;
}

function problemOf(run: Awaited<ReturnType<typeof runProcess>>, timeoutMs: number): string | undefined {
  if (run.timedOut) return `timed out after ${Math.round(timeoutMs / 1000)} s (its process group was killed)`;
  if (run.notFound) return `could not be started${run.spawnError ? `: ${run.spawnError}` : ' (exit code 127)'}`;
  if (run.signal !== undefined) return `was killed by ${run.signal}`;
  if (run.exitCode !== 0) return `exited with code ${run.exitCode ?? 'unknown'}`;
  return undefined;
}

/**
 * One agent call through the shell, in its own process group (a timeout or Ctrl-C ends the agent
 * and everything it started), the digest on stdin and its path in GATEKEEPER_FEEDBACK.
 */
export async function callAgent(call: AgentCall): Promise<AgentRun> {
  const run = await runProcess(agentCommandLine(call.command, call.digest, call.feedbackFile), [], {
    cwd: call.cwd,
    shell: true,
    input: call.digest,
    timeoutMs: call.timeoutMs,
    ...(call.signal ? { signal: call.signal } : {}),
    env: {
      GATEKEEPER_FEEDBACK: call.feedbackFile,
      GATEKEEPER_ATTEMPT: String(call.attempt),
      GATEKEEPER_MAX_ATTEMPTS: String(call.maxAttempts),
    },
  });
  const problem = run.cancelled ? 'was cancelled' : problemOf(run, call.timeoutMs);
  return {
    exitCode: run.exitCode ?? null,
    timedOut: run.timedOut,
    cancelled: run.cancelled,
    ...(problem !== undefined ? { problem } : {}),
    output: run.output,
    durationMs: run.durationMs,
  };
}
