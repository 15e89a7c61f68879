import { withoutColour } from './ansi.js';
import { BoundedText, OUTPUT_LIMIT } from './bounded-text.js';
import { killGroup, trackGroup, untrackGroup } from './process-groups.js';
import { monotonicMs } from './clock.js';

export interface RunOptions {
  cwd: string;
  /** Run through the user's shell (for `command` and `build` strings). */
  shell?: boolean;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
  input?: string;
  /** How much of stdout to keep whole for a parser (beyond it, the parser sees a cut stream). */
  stdoutLimit?: number;
}

export interface RunOutcome {
  exitCode: number | undefined;
  signal: string | undefined;
  timedOut: boolean;
  cancelled: boolean;
  /** The executable could not be started at all (ENOENT, EACCES) or the shell said 127. */
  notFound: boolean;
  spawnError: string | undefined;
  stdout: string;
  stdoutTruncated: boolean;
  /** stdout and stderr interleaved, bounded for display. */
  output: string;
  durationMs: number;
}

const KILL_GRACE_MS = 2000;

/**
 * The user's environment, untouched: a test suite may read NO_COLOR or FORCE_COLOR itself
 * (commander's does), and one set here made its tests fail under Gatekeeper alone. Colour that
 * a tool prints anyway is taken out of what Gatekeeper shows (describeEnd) and parses (the command gate's formats).
 */
function childEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** stdout kept whole for a parser, up to a limit (beyond it the parser sees a cut stream). */
class StdoutCapture {
  text = '';
  truncated = false;

  constructor(private readonly limit: number) {}

  push(chunk: string): void {
    if (this.text.length < this.limit) this.text += chunk.slice(0, this.limit - this.text.length);
    else this.truncated = true;
  }
}

interface DeadlineEvents {
  onTimeout(): void;
  onCancel(): void;
}

/** SIGTERM to the group at the deadline or on cancel, SIGKILL after a grace period. */
function watchDeadline(pid: number | undefined, options: RunOptions, events: DeadlineEvents): { dispose(): void } {
  let graceTimer: NodeJS.Timeout | undefined;
  const terminate = (): void => {
    if (pid === undefined) return;
    killGroup(pid, 'SIGTERM');
    graceTimer ??= setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
  };
  const timer =
    options.timeoutMs !== undefined && options.timeoutMs > 0
      ? setTimeout(() => {
          events.onTimeout();
          terminate();
        }, options.timeoutMs)
      : undefined;
  const onAbort = (): void => {
    events.onCancel();
    terminate();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    dispose() {
      if (timer) clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', onAbort);
    },
  };
}

function spawnOptions(options: RunOptions) {
  return {
    cwd: options.cwd,
    shell: options.shell ?? false,
    env: childEnv(options.env),
    extendEnv: false,
    // Its own process group, so that a kill reaches everything the child started.
    detached: true,
    buffer: false,
    reject: false,
    stdin: options.input === undefined ? ('ignore' as const) : ('pipe' as const),
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    cleanup: false,
  };
}

interface EndState {
  pid: number | undefined;
  timedOut: boolean;
  cancelled: boolean;
  stdout: StdoutCapture;
  output: string;
  started: number;
}

function describeEnd(result: { exitCode?: number; signal?: string; failed: boolean; originalMessage?: string; shortMessage?: string }, options: RunOptions, state: EndState): RunOutcome {
  const code = (result as { code?: string }).code;
  const spawnFailed = code === 'ENOENT' || code === 'EACCES' || (state.pid === undefined && result.failed);
  return {
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: state.timedOut,
    cancelled: state.cancelled,
    notFound: spawnFailed || (options.shell === true && result.exitCode === 127),
    spawnError: spawnFailed ? (result.originalMessage ?? result.shortMessage) : undefined,
    // Left as captured: a parser that reads it takes colour out itself; touching 32 MB here would flatten it into a copy.
    stdout: state.stdout.text,
    stdoutTruncated: state.stdout.truncated,
    output: withoutColour(state.output),
    durationMs: Math.round(monotonicMs() - state.started),
  };
}

/**
 * Runs one child in its own process group. Never rejects: every way a child can end is
 * described in the outcome, so that gates can tell `failed` from `errored`.
 */
export async function runProcess(file: string, args: readonly string[], options: RunOptions): Promise<RunOutcome> {
  const started = monotonicMs();
  const combined = new BoundedText(OUTPUT_LIMIT);
  const stdout = new StdoutCapture(options.stdoutLimit ?? 32 * 1024 * 1024);
  let timedOut = false;
  let cancelled = false;

  // execa takes a tenth of a second to load; a run whose gates are all cache hits never needs it.
  const { execa } = await import('execa');
  const child = execa(file, [...args], spawnOptions(options));
  const pid = child.pid;
  if (pid !== undefined) trackGroup(pid);

  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    combined.push(chunk);
    stdout.push(chunk);
  });
  child.stderr?.on('data', (chunk: string) => combined.push(chunk));
  if (options.input !== undefined) child.stdin?.end(options.input);

  const stopper = watchDeadline(pid, options, {
    onTimeout: () => (timedOut = true),
    onCancel: () => (cancelled = true),
  });
  // When the leader exits, whatever it left running in its group would hold our pipes open
  // (and outlive the gate): end it.
  child.once('exit', () => {
    if (pid !== undefined) killGroup(pid, 'SIGKILL');
  });

  const result = await child;
  stopper.dispose();
  if (pid !== undefined) {
    killGroup(pid, 'SIGKILL');
    untrackGroup(pid);
  }

  return describeEnd(result, options, { pid, timedOut, cancelled, stdout, output: combined.toString(), started });
}
