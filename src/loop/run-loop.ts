import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { cacheDirFor } from '../core/cache-dir.js';
import { UserFacingError } from '../core/errors.js';
import { allPassed } from '../core/result.js';
import { checkpointStamp, createCheckpoint, type Checkpoint } from '../git/checkpoint.js';
import { repoRootOf } from '../git/git.js';
import { diffTrees } from '../git/checkpoint-diff.js';
import { defaultHoldBase, type HoldBase } from '../git/hold-base.js';
import { runAttempt, type AttemptRecord, type LoopContext } from './attempt.js';
import { buildDigest, digestFileList, taskDigest, type AgentChange } from './digest.js';
import { judgeAttempt, LOOP_EXIT, withTamper, type LoopOutcome, type Verdict } from './outcome.js';
import { recordLoop } from './record-loop.js';
import type { LoopProgress } from './progress.js';
import { RunLogs } from './run-logs.js';
import { loopGates } from './loop-gates.js';
import { resolveLoopSettings, type LoopOverrides } from './settings.js';
import { sourceReader } from './source-excerpt.js';
import type { AttemptFacts } from './spiral.js';
import { monotonicMs } from '../core/clock.js';

export interface LoopRequest {
  cwd: string;
  configPath?: string;
  overrides: LoopOverrides;
  progress: LoopProgress;
  signal?: AbortSignal;
  /** `--no-hold-the-line`: overrides the config's "holdTheLine". */
  holdTheLine?: boolean;
}

export interface LoopResponse {
  outcome: LoopOutcome;
  reason: string;
  exitCode: number;
  attempts: AttemptRecord[];
  runId: string;
  start: Checkpoint;
  /** The tree as the last agent call left it, when there was one. */
  end?: Checkpoint;
}

async function prepare(request: LoopRequest): Promise<LoopContext> {
  const cwd = path.resolve(request.cwd);
  const repoRoot = await repoRootOf(cwd);
  const { config, file, root } = loadConfig(request.configPath, cwd, repoRoot);
  if (repoRoot === undefined) {
    throw new UserFacingError(`gatekeeper loop needs a git repository: it checkpoints the work tree before each agent call so that nothing is lost. Run \`git init\` in ${root} first.`);
  }
  const settings = resolveLoopSettings(request.overrides, config, file, cwd);
  const logs = new RunLogs(root, checkpointStamp());
  logs.create();
  const start = await createCheckpoint(repoRoot, `${logs.runId}-a01`, `gatekeeper loop ${logs.runId}: the work tree at the start`);
  return {
    root,
    repoRoot,
    gates: loopGates(config.gates, settings.guard),
    settings,
    logs,
    start,
    cacheDir: cacheDirFor(root),
    configFile: file,
    ...(config.remoteCache ? { remoteCache: config.remoteCache } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    progress: request.progress,
    ...((request.holdTheLine ?? config.holdTheLine === true) ? { holdBase: onceBase(root) } : {}),
  };
}

/** The loop's base is found once, before the agent can move HEAD, and kept for every attempt. */
function onceBase(root: string): () => Promise<HoldBase> {
  const found = defaultHoldBase(root);
  found.catch(() => undefined);
  return () => found;
}

function factsOf(a: AttemptRecord): AttemptFacts {
  return {
    n: a.n,
    passed: allPassed(a.results),
    fingerprint: a.fingerprint,
    agentRan: a.agent !== undefined,
    ...(a.agent?.problem !== undefined ? { agentProblem: a.agent.problem } : {}),
    treeUnchanged: a.treeUnchanged,
  };
}

/** What the attempt's agent call changed, from the checkpoint before it to the tree after it; the full diff is kept beside the logs. */
async function agentChange(ctx: LoopContext, attempt: AttemptRecord): Promise<AgentChange | undefined> {
  if (attempt.treeAfterAgent === undefined) return undefined;
  const diff = await diffTrees(ctx.repoRoot, attempt.checkpoint.tree, attempt.treeAfterAgent);
  const diffPath = ctx.logs.writeAttemptFile(attempt.n, 'changes.diff', diff.patch);
  return { attempt: attempt.n, files: diff.files, diffPath };
}

/** After a failing gate run: the digest for the next agent call, kept on disk whatever comes next. */
async function writeDigest(ctx: LoopContext, attempts: readonly AttemptRecord[]): Promise<string> {
  const current = attempts.at(-1) as AttemptRecord;
  const earlier = attempts.slice(0, -1);
  const lastChange = await agentChange(ctx, current);
  const history = { current: current.failures, fingerprint: current.fingerprint, history: earlier.map((a) => a.failures), fingerprints: earlier.map((a) => a.fingerprint) };
  const fullListPath = ctx.logs.writeAttemptFile(current.n, 'failing-files.txt', digestFileList({ results: current.results, ...history }));
  const digest = buildDigest({
    results: current.results,
    attempt: current.n,
    maxAttempts: ctx.settings.maxAttempts,
    ...(ctx.settings.task !== undefined ? { task: ctx.settings.task } : {}),
    budget: ctx.settings.feedbackBudget,
    logsPath: ctx.logs.relativeAttemptDir(current.n),
    readSource: sourceReader(ctx.repoRoot),
    ...history,
    fullListPath,
    ...(lastChange ? { lastChange } : {}),
  });
  ctx.logs.writeFeedback(current.n, digest);
  return digest;
}

async function iterate(ctx: LoopContext): Promise<{ attempts: AttemptRecord[]; verdict: Verdict }> {
  const attempts: AttemptRecord[] = [];
  const rules = { maxAttempts: ctx.settings.maxAttempts, spiralRepeats: ctx.settings.spiralRepeats };
  let digest = ctx.settings.task === undefined ? undefined : taskDigest(ctx.settings.task, ctx.gates, ctx.settings.maxAttempts);
  for (let n = 1; ; n++) {
    attempts.push(await runAttempt(ctx, n, digest));
    if (ctx.signal?.aborted) return { attempts, verdict: { outcome: 'interrupted', reason: 'interrupted (Ctrl-C or SIGTERM): the agent and the gates were stopped, the checkpoints are kept' } };
    if (attempts.at(-1)?.fingerprint !== null) digest = await writeDigest(ctx, attempts);
    const verdict = judgeAttempt(attempts.map(factsOf), rules);
    if (verdict) return { attempts, verdict };
  }
}

/** `gatekeeper loop`: gates, feedback, agent, again, until the gates pass or the loop has to stop. */
export async function runLoop(request: LoopRequest): Promise<LoopResponse> {
  const started = monotonicMs();
  const ctx = await prepare(request);
  ctx.progress.begin(ctx.logs.runId, ctx.settings.maxAttempts, ctx.gates);
  const { attempts, verdict: raw } = await iterate(ctx);
  const verdict = withTamper(raw, attempts.at(-1)?.results);
  const end = attempts.at(-1)?.agent ? await createCheckpoint(ctx.repoRoot, `${ctx.logs.runId}-end`, `gatekeeper loop ${ctx.logs.runId}: the work tree at the end (${verdict.outcome})`) : undefined;
  await recordLoop(ctx.root, verdict.outcome, attempts, Math.round(monotonicMs() - started));
  return { outcome: verdict.outcome, reason: verdict.reason, exitCode: LOOP_EXIT[verdict.outcome], attempts, runId: ctx.logs.runId, start: ctx.start, ...(end ? { end } : {}) };
}
