import { allPassed, type GateResult } from '../core/result.js';
import { workTreeHash } from '../git/checkpoint.js';
import { diffTrees } from '../git/checkpoint-diff.js';
import { wholeProjectScope } from '../git/scope.js';
import { appendLedger } from '../history/ledger.js';
import { ledgerRoot } from '../history/ledger-root.js';
import { recordRun } from '../history/record-run.js';
import { buildDigest, digestFileList, type AgentChange } from '../loop/digest.js';
import { failuresOf, fingerprintOf } from '../loop/fingerprint.js';
import { loopGates } from '../loop/loop-gates.js';
import { judgeAttempt, withTamper } from '../loop/outcome.js';
import { RunLogs } from '../loop/run-logs.js';
import { sourceReader } from '../loop/source-excerpt.js';
import type { AttemptFacts } from '../loop/spiral.js';
import { runPipeline } from '../run/pipeline.js';
import { holdTheLine, type HoldSetup } from '../run/hold-the-line.js';
import { defaultHoldBase, type HoldBase } from '../git/hold-base.js';
import type { AgentHost, Decision, HookEvent } from './host.js';
import { openProject, startSession, type AgentProject } from './project.js';
import { readSession, writeSession, type SessionRecord, type StopRecord } from './session-state.js';
import { stopSettings, type StopSettings } from './settings.js';
import { monotonicMs } from '../core/clock.js';

export interface StopVerdict {
  decision: Decision;
  outcome: string;
  attempt: number;
}

/** Each earlier stop of this prompt, and this one, as the loop's spiral rules read attempts. */
function facts(stops: readonly StopRecord[], current: Omit<StopRecord, 'outcome'>): AttemptFacts[] {
  const all = [...stops, current];
  return all.map((s, i) => ({
    n: s.attempt,
    passed: s.fingerprint === null,
    fingerprint: s.fingerprint,
    // Between two stops the agent had its turn; before the first one, nothing of ours ran.
    agentRan: i > 0,
    treeUnchanged: i > 0 && all[i - 1]?.tree === s.tree,
  }));
}

function erroredGates(results: readonly GateResult[]): string | undefined {
  const errored = results.filter((r) => r.status === 'errored');
  return errored.length === 0 ? undefined : errored.map((r) => `the ${r.id} gate errored (${r.summary})`).join('; ');
}

/**
 * What the agent changed between the previous stop and this one (the two stops' trees), as the
 * loop reads two checkpoints; the full diff is kept beside this stop's logs. None before the
 * first stop, and none when the earlier tree is gone (pruned): the digest then has no memory.
 */
async function changeSincePreviousStop(project: AgentProject, record: SessionRecord, current: Omit<StopRecord, 'outcome'>, logs: RunLogs): Promise<AgentChange | undefined> {
  const previous = record.stops.at(-1);
  if (previous === undefined) return undefined;
  try {
    const diff = await diffTrees(project.repoRoot, previous.tree, current.tree);
    const diffPath = logs.writeAttemptFile(current.attempt, 'changes.diff', diff.patch);
    return { attempt: current.attempt, files: diff.files, diffPath };
  } catch {
    return undefined;
  }
}

async function digestFor(project: AgentProject, record: SessionRecord, current: Omit<StopRecord, 'outcome'>, results: GateResult[], settings: StopSettings, logs: RunLogs): Promise<string> {
  const lastChange = await changeSincePreviousStop(project, record, current, logs);
  const history = { current: current.failures, fingerprint: current.fingerprint, history: record.stops.map((s) => s.failures), fingerprints: record.stops.map((s) => s.fingerprint) };
  const fullListPath = logs.writeAttemptFile(current.attempt, 'failing-files.txt', digestFileList({ results, ...history }));
  const digest = buildDigest({
    results,
    attempt: current.attempt,
    maxAttempts: settings.maxAttempts,
    budget: settings.feedbackBudget,
    logsPath: logs.relativeAttemptDir(current.attempt),
    readSource: sourceReader(project.repoRoot),
    ...history,
    fullListPath,
    ...(lastChange ? { lastChange } : {}),
  });
  logs.writeFeedback(current.attempt, digest);
  return digest;
}

/** The verdict on this stop, from the gates' results and the stops before it. */
async function judge(project: AgentProject, record: SessionRecord, current: Omit<StopRecord, 'outcome'>, results: GateResult[], settings: StopSettings, logs: RunLogs): Promise<StopVerdict> {
  const attempt = current.attempt;
  const errored = erroredGates(results);
  if (errored !== undefined) return { decision: { kind: 'unverified', reason: `${errored}; its verdict is unknown` }, outcome: 'error', attempt };
  const verdict = judgeAttempt(facts(record.stops, current), { maxAttempts: settings.maxAttempts, spiralRepeats: settings.spiralRepeats });
  if (verdict?.outcome === 'passed') return { decision: { kind: 'allow' }, outcome: 'passed', attempt };
  if (verdict !== undefined) {
    const final = withTamper(verdict, results);
    return { decision: { kind: 'unverified', reason: `${final.outcome}: ${final.reason}` }, outcome: final.outcome, attempt };
  }
  return { decision: { kind: 'block', reason: await digestFor(project, record, current, results, settings, logs) }, outcome: 'blocked', attempt };
}

/**
 * With "holdTheLine", old findings of the base do not block the agent's stop, as in the loop and the
 * hook: the base found when the turn started (a record from before this version finds it now).
 */
async function heldResults(project: AgentProject, record: SessionRecord, run: Pick<HoldSetup, 'gates' | 'scope' | 'signal'>, ran: GateResult[]): Promise<GateResult[]> {
  if (project.config.holdTheLine !== true) return ran;
  // Asked only when a gate failed, as hold the line asks for its base; then kept in the record.
  let base: Promise<HoldBase> | undefined;
  const baseOnce = (): Promise<HoldBase> => (base ??= (async () => (record.holdBase ??= await defaultHoldBase(project.root)))());
  return (await holdTheLine({ ...run, root: project.root, repoRoot: project.repoRoot, base: baseOnce }, ran)).results;
}

/**
 * The gate at the agent's stop: every gate of the loop (guard included, against the prompt's
 * checkpoint, no fail-fast), then block with the digest, let through, or end the turn unverified.
 */
export async function decideStop(host: AgentHost, event: HookEvent, cwd: string, signal: AbortSignal): Promise<StopVerdict> {
  const started = monotonicMs();
  const project = await openProject(cwd);
  const settings = stopSettings(project.config, host.maxStops);
  let record = readSession(project.root, host.name, event.session);
  // No prompt record (hooks installed mid-session), or a turn already judged: this stop starts a new round.
  if (record === undefined || record.closed !== undefined) record = await startSession(project, host, event.session, record?.prompt ?? 0);
  const gates = loopGates(project.config.gates, settings.guard);
  const scope = { ...(await wholeProjectScope(project.root, true)), base: record.checkpoint.commit, description: `all files, compared with the prompt's checkpoint ${record.checkpoint.id}` };
  const ran = await runPipeline({ gates, failFast: false, root: project.root, repoRoot: project.repoRoot, scope, cacheDir: project.cacheDir, signal });
  const results = await heldResults(project, record, { gates, scope, signal }, ran);
  if (signal.aborted) throw new DeadlineError();
  const failures = allPassed(results) ? [] : failuresOf(results);
  const current = { attempt: record.stops.length + 1, fingerprint: fingerprintOf(failures), tree: await workTreeHash(project.repoRoot), failures };
  const logs = new RunLogs(project.root, record.checkpoint.id);
  logs.writeGates(current.attempt, results);
  const verdict = await judge(project, record, current, results, settings, logs);
  record.stops.push({ ...current, outcome: verdict.outcome });
  if (verdict.outcome !== 'blocked') record.closed = verdict.outcome;
  writeSession(project.root, record);
  await recordRun(project.root, 'agent', verdict.outcome, Math.round(monotonicMs() - started), results, [], { host: host.name, session: event.session, attempt: verdict.attempt, prompt: record.prompt });
  return verdict;
}

/** The gates ran past the hook's own deadline; the stop is answered "not verified" before the host gives up. */
export class DeadlineError extends Error {}

/**
 * A stop that could not be judged (no config, the deadline, an internal error) still gets its
 * ledger line, so that `stats` counts it as not verified; losing the line never costs the answer.
 */
export async function recordUnjudged(host: AgentHost, session: string, cwd: string, outcome: string): Promise<void> {
  try {
    const root = await ledgerRoot(cwd);
    const attempt = (readSession(root, host.name, session)?.stops.length ?? 0) + 1;
    appendLedger(root, { time: new Date().toISOString(), command: 'agent', outcome, durationMs: 0, gates: [], host: host.name, session, attempt });
  } catch {
    // no folder to keep history in: the answer still goes out
  }
}
