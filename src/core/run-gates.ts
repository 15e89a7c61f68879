import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { gitMaybe, repoRootOf } from '../git/git.js';
import { appendLedger, gateSummaries } from '../history/ledger.js';
import { sinceScope, wholeProjectScope } from '../git/scope.js';
import type { Reporter } from '../report/reporter.js';
import { cacheDirFor } from './cache-dir.js';
import { EXIT } from './errors.js';
import { runPipeline, skippedResult } from './pipeline.js';
import { allPassed, type GateResult } from './result.js';
import type { Scope } from './scope.js';
import { selectGates } from './select-gates.js';

export interface RunRequest {
  cwd: string;
  configPath?: string;
  only?: string[];
  skip?: string[];
  since?: string;
  /** Overrides the config's failFast. */
  failFast?: boolean;
  /** A scope computed by the caller (the pre-push hook's push range). */
  scope?: Scope;
  reporters: Reporter[];
  signal?: AbortSignal;
  /** Append a `run` line to the ledger (default true; the hook and the loop write their own). */
  ledger?: boolean;
}

export interface RunResponse {
  exitCode: number;
  results: GateResult[];
}

/** `gatekeeper run`: config → scope → pipeline → reporters. Throws UserFacingError on bad input. */
export async function runGates(request: RunRequest): Promise<RunResponse> {
  const started = performance.now();
  const cwd = path.resolve(request.cwd);
  const repoRoot = await repoRootOf(cwd);
  const { config, file, root } = loadConfig(request.configPath, cwd, repoRoot);
  const selection = selectGates(config.gates, request.only, request.skip);
  const scope = request.scope ?? (request.since !== undefined ? await sinceScope(request.since, root) : await wholeProjectScope(root, repoRoot !== undefined));

  const listener = {
    onPlan: (gates: readonly { id: string; kind: string }[]) => request.reporters.forEach((r) => r.onPlan?.(gates)),
    onGateStart: (id: string) => request.reporters.forEach((r) => r.onGateStart?.(id)),
    onGateEnd: (result: GateResult) => request.reporters.forEach((r) => r.onGateEnd?.(result)),
  };
  const ran = await runPipeline({
    gates: selection.run,
    failFast: request.failFast ?? config.failFast ?? true,
    root,
    repoRoot: repoRoot ?? root,
    scope,
    cacheDir: cacheDirFor(root),
    ...(request.signal ? { signal: request.signal } : {}),
    listener,
  });
  const results = [...ran, ...selection.left.map(({ gate, why }) => skippedResult(gate, why))];
  const order = new Map(config.gates.map((g, i) => [g.id, i]));
  results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const ok = allPassed(ran) && !request.signal?.aborted;
  const report = { ok, results, durationMs: Math.round(performance.now() - started), scope, configFile: file, repoRoot: repoRoot ?? root };
  for (const reporter of request.reporters) await reporter.finish(report);
  if (request.ledger !== false) {
    const commit = (await gitMaybe(['rev-parse', 'HEAD'], root))?.trim();
    appendLedger(root, {
      time: new Date().toISOString(),
      command: 'run',
      ...(commit ? { commit } : {}),
      outcome: ok ? 'passed' : 'failed',
      durationMs: report.durationMs,
      gates: gateSummaries(results),
      ...(request.skip?.length ? { bypasses: request.skip.map((id) => `--skip ${id}`) } : {}),
    });
  }
  return { exitCode: ok ? EXIT.passed : EXIT.failed, results };
}
