import type { GateResult } from './result.js';

/**
 * What the pipeline tells whoever watches it (reporters, the loop's progress): it lives on the ground
 * floor so that reporters can listen without importing the pipeline that calls them.
 */
export interface PipelineListener {
  onPlan?(gates: readonly { id: string; kind: string }[], options?: { parallel: boolean }): void;
  onGateStart?(id: string): void;
  onGateEnd?(result: GateResult): void;
}
