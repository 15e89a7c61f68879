import { UserFacingError } from '../core/errors.js';
import { onEdit } from './edit.js';
import type { AgentHost, Decision, HookEvent, HookKind, HostAnswer } from './host.js';
import { notVerifiedLine } from './host.js';
import { BadHookInput, parseHookInput } from './input.js';
import { onPrompt } from './prompt.js';
import { decideStop, DeadlineError, recordUnjudged } from './stop.js';

export interface HookRun {
  host: AgentHost;
  kind: HookKind;
  stdin: string;
  /** Where the hook process runs; the host's own `cwd` field, when it sends one, wins. */
  cwd: string;
  /** The timeout install wrote into the host's config for this hook, in seconds. */
  timeoutSeconds: number;
}

/**
 * Hosts let a stop through when its hook crashes or runs out of time, so Gatekeeper answers before
 * the host's timeout: a tenth of it (2 s at least) is kept back for the answer itself, and the time
 * this process took to start is already spent (the host's clock started when it spawned us).
 */
export function deadlineMs(timeoutSeconds: number, startedMs = process.uptime() * 1000): number {
  return Math.max(500, Math.round(timeoutSeconds * 1000 - Math.max(2000, timeoutSeconds * 100) - startedMs));
}

/** After the abort, how long the gates get to wind down before the answer goes out without them. */
const WIND_DOWN_MS = 500;

function message(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

function lateReason(ms: number, run: HookRun): string {
  return `the gates did not finish in ${Math.round(ms / 1000)} s (the hook's deadline, under the host's ${run.timeoutSeconds} s timeout)`;
}

async function stopWithDeadline(run: HookRun, event: HookEvent, cwd: string): Promise<Decision> {
  const ms = deadlineMs(run.timeoutSeconds);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Decision>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      // A gate that ignores the abort must not hold the answer back past the host's timeout.
      setTimeout(() => resolve({ kind: 'unverified', reason: lateReason(ms, run) }), WIND_DOWN_MS).unref();
    }, ms);
  });
  const decided = decideStop(run.host, event, cwd, controller.signal).then(
    (verdict): Decision => verdict.decision,
    async (error: unknown): Promise<Decision> => {
      if (error instanceof DeadlineError) return { kind: 'unverified', reason: lateReason(ms, run) };
      await recordUnjudged(run.host, event.session, cwd, 'error');
      return { kind: 'unverified', reason: message(error) };
    },
  );
  try {
    const decision = await Promise.race([decided, late]);
    if (controller.signal.aborted) await recordUnjudged(run.host, event.session, cwd, 'timeout');
    return decision;
  } finally {
    clearTimeout(timer);
  }
}

async function decide(run: HookRun, event: HookEvent): Promise<Decision> {
  const cwd = event.cwd ?? run.cwd;
  // A stop the host says was not a finished turn (Cursor's aborted or errored status) is not judged.
  if (run.kind === 'stop' && event.ignored === true) return { kind: 'allow' };
  if (run.kind === 'stop') return stopWithDeadline(run, event, cwd);
  if (run.kind === 'prompt') return onPrompt(run.host, event, cwd);
  return onEdit(run.host, event, cwd);
}

/**
 * One hook call, start to answer. A stop that cannot be judged (bad stdin, no config, an internal
 * error) ends the turn "not verified", never a silent pass; a prompt or an edit that cannot be
 * handled says why on stderr and lets the agent go on, since the stop will judge the work anyway.
 */
export async function handleHook(run: HookRun): Promise<HostAnswer> {
  let decision: Decision;
  let problem: string | undefined;
  try {
    const event = run.host.parse(run.kind, parseHookInput(run.stdin, run.host.name, run.kind));
    decision = await decide(run, event);
  } catch (error) {
    problem = error instanceof BadHookInput ? error.message : message(error);
    decision = run.kind === 'stop' ? { kind: 'unverified', reason: problem } : { kind: 'allow' };
  }
  const answer = run.host.answer(run.kind, decision);
  const said = decision.kind === 'unverified' ? notVerifiedLine(decision.reason) : problem !== undefined ? `gatekeeper: ${problem}` : undefined;
  return said === undefined ? answer : { ...answer, stderr: `${said}\n` };
}
