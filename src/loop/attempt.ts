import type { GateConfig, RemoteCacheConfig } from '../config/schema.js';
import { runPipeline } from '../run/pipeline.js';
import { holdTheLine } from '../run/hold-the-line.js';
import type { HoldBase } from '../git/hold-base.js';
import type { GateResult } from '../core/result.js';
import { createCheckpoint, workTreeHash, type Checkpoint } from '../git/checkpoint.js';
import { wholeProjectScope } from '../git/scope.js';
import { callAgent, type AgentRun } from './agent.js';
import { failuresOf, fingerprintOf, type Failure } from './fingerprint.js';
import type { LoopProgress } from './progress.js';
import type { RunLogs } from './run-logs.js';
import type { LoopSettings } from './settings.js';

/** Everything an attempt needs that does not change during the loop (the config is read once). */
export interface LoopContext {
  root: string;
  repoRoot: string;
  gates: readonly GateConfig[];
  settings: LoopSettings;
  logs: RunLogs;
  /** The work tree before anything ran: the guard's base and the first restore point. */
  start: Checkpoint;
  cacheDir: string;
  /** The config's shared cache: agents in many clones replay what one of them (or CI) verified. */
  remoteCache?: RemoteCacheConfig;
  /** Left out of the cache keys as `run` leaves it out, so that the loop and `run` share entries. */
  configFile?: string;
  signal?: AbortSignal;
  progress: LoopProgress;
  /** Hold the line against this base (the one a push would be judged against), when the config asks for it. */
  holdBase?: () => Promise<HoldBase>;
}

export interface AttemptRecord {
  n: number;
  results: GateResult[];
  failures: Failure[];
  fingerprint: string | null;
  /** The work tree just before this attempt's agent call (the start, for a first attempt without one). */
  checkpoint: Checkpoint;
  agent?: AgentRun;
  /** The work tree's tree object just after this attempt's agent call. */
  treeAfterAgent?: string;
  treeUnchanged: boolean;
}

function checkpointId(runId: string, n: number): string {
  return `${runId}-a${String(n).padStart(2, '0')}`;
}

interface AgentStep {
  checkpoint: Checkpoint;
  agent: AgentRun;
  after: string;
  treeUnchanged: boolean;
}

async function agentStep(ctx: LoopContext, n: number, digest: string): Promise<AgentStep> {
  const checkpoint = n === 1 ? ctx.start : await createCheckpoint(ctx.repoRoot, checkpointId(ctx.logs.runId, n), `gatekeeper loop ${ctx.logs.runId}: before agent call ${n}`);
  // Attempts after the first were handed the digest the loop wrote after the previous gate run.
  const feedbackFile = n === 1 ? ctx.logs.writeTask(digest) : ctx.logs.feedbackPath;
  ctx.progress.agentStart(n, checkpoint);
  const agent = await callAgent({
    command: ctx.settings.agent,
    cwd: ctx.root,
    digest,
    feedbackFile,
    attempt: n,
    maxAttempts: ctx.settings.maxAttempts,
    timeoutMs: ctx.settings.agentTimeoutMs,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  ctx.logs.writeAgentOutput(n, agent.output);
  const after = await workTreeHash(ctx.repoRoot);
  const treeUnchanged = after === checkpoint.tree;
  ctx.progress.agentEnd(n, agent, treeUnchanged, `${ctx.logs.relativeAttemptDir(n)}agent.log`);
  return { checkpoint, agent, after, treeUnchanged };
}

/** One attempt: the agent (when there is feedback or a task for it), then every gate. */
export async function runAttempt(ctx: LoopContext, n: number, digest: string | undefined): Promise<AttemptRecord> {
  const step = digest === undefined ? undefined : await agentStep(ctx, n, digest);
  const files = (await wholeProjectScope(ctx.root, true)).files;
  const scope = { mode: 'all' as const, files, base: ctx.start.commit, description: `all files, compared with the loop's starting checkpoint ${ctx.start.id}` };
  const ran = await runPipeline({
    gates: ctx.gates,
    failFast: false,
    root: ctx.root,
    repoRoot: ctx.repoRoot,
    scope,
    cacheDir: ctx.cacheDir,
    ...(ctx.remoteCache ? { remoteCache: ctx.remoteCache } : {}),
    ...(ctx.configFile !== undefined ? { configFile: ctx.configFile } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  // The loop passes exactly when a push of its result would: old findings of the base do not block.
  const results = ctx.holdBase
    ? (await holdTheLine({ gates: ctx.gates, root: ctx.root, repoRoot: ctx.repoRoot, scope, base: ctx.holdBase, ...(ctx.signal ? { signal: ctx.signal } : {}) }, ran)).results
    : ran;
  ctx.logs.writeGates(n, results);
  const failures = failuresOf(results);
  const fingerprint = fingerprintOf(failures);
  ctx.progress.gatesEnd(n, results, fingerprint);
  return {
    n,
    results,
    failures,
    fingerprint,
    checkpoint: step?.checkpoint ?? ctx.start,
    ...(step ? { agent: step.agent, treeAfterAgent: step.after } : {}),
    treeUnchanged: step?.treeUnchanged ?? false,
  };
}
