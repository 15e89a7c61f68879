import type { PipelineListener } from '../core/pipeline-listener.js';
import type { GateResult, HoldTheLine } from '../core/result.js';
import type { Scope } from '../core/scope.js';

export interface RunReport {
  ok: boolean;
  results: GateResult[];
  durationMs: number;
  scope: Scope;
  configFile: string;
  repoRoot: string;
  /** Set on one shard's run of a divided CI run: the JSON report then carries what the merge needs. */
  shard?: { index: number; total: number; split: string[] };
  /** Present when hold the line compared (or tried to compare) failing gates with a base. */
  hold?: HoldTheLine;
}

/** A reporter watches the pipeline (optionally) and renders the finished run. It never runs a tool. */
export interface Reporter extends PipelineListener {
  finish(report: RunReport): Promise<void> | void;
  /** The file it writes, if not stdout: the result cache does not count it as an input. */
  file?: string;
}

/** One listener that tells every reporter, so the pipeline needs to know of only one. */
export function fanOut(reporters: readonly Reporter[]): PipelineListener {
  return {
    onPlan: (gates, options) => reporters.forEach((r) => r.onPlan?.(gates, options)),
    onGateStart: (id) => reporters.forEach((r) => r.onGateStart?.(id)),
    onGateEnd: (result) => reporters.forEach((r) => r.onGateEnd?.(result)),
  };
}
