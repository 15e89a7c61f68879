import path from 'node:path';
import { EXIT } from '../../core/errors.js';
import type { GateResult } from '../../core/result.js';
import { repoRootOf } from '../../git/git.js';
import { fanOut, type Reporter } from '../../report/reporter.js';
import { mergeShards } from './merge-shards.js';
import { readShardReport } from './read-shard-report.js';
import { monotonicMs } from '../../core/clock.js';

export interface MergeRequest {
  cwd: string;
  files: string[];
  reporters: Reporter[];
}

/**
 * `gatekeeper merge-reports`: the shards' JSON reports → one verdict, told by the same reporters a
 * single run uses (annotations, summary, SARIF, JUnit, Markdown). Throws UserFacingError when the
 * set of reports is not whole.
 */
export async function mergeReports(request: MergeRequest): Promise<{ exitCode: number; results: GateResult[] }> {
  const started = monotonicMs();
  const cwd = path.resolve(request.cwd);
  const merged = mergeShards(request.files.map((f) => readShardReport(path.resolve(cwd, f))));
  const listener = fanOut(request.reporters);
  listener.onPlan?.(merged.results.map((r) => ({ id: r.id, kind: r.kind })), { parallel: false });
  for (const result of merged.results) listener.onGateEnd?.(result);
  const report = {
    ok: merged.ok,
    results: merged.results,
    durationMs: Math.round(monotonicMs() - started),
    scope: { mode: 'all' as const, files: [], description: `all files, merged from ${merged.total} shards` },
    configFile: '',
    repoRoot: (await repoRootOf(cwd)) ?? cwd,
    ...(merged.hold ? { hold: merged.hold } : {}),
  };
  let failure: number | undefined;
  for (const reporter of request.reporters) {
    try {
      await reporter.finish(report);
    } catch (error) {
      process.stderr.write(`gatekeeper: ${error instanceof Error ? error.message : String(error)}\n`);
      failure ??= EXIT.internal;
    }
  }
  return { exitCode: merged.ok ? (failure ?? EXIT.passed) : EXIT.failed, results: merged.results };
}
