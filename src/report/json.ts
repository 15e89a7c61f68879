import type { GateResult } from '../core/result.js';
import type { Reporter, RunReport } from './reporter.js';

/**
 * The `--json` contract: one object, only the documented fields, stable across versions. A shard's
 * report also carries its place in the run and each gate's tool, raw output and end positions, so
 * that `merge-reports` can give every other reporter what a single run would have.
 */
export function toJson(ok: boolean, results: readonly GateResult[], shard?: RunReport['shard']): Record<string, unknown> {
  return {
    ok,
    ...(shard ? { shard } : {}),
    gates: results.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      summary: r.summary,
      durationMs: r.durationMs,
      cached: r.cached,
      diagnostics: r.diagnostics.map((d) => ({
        file: d.file ?? null,
        line: d.line ?? null,
        column: d.column ?? null,
        code: d.code ?? null,
        message: d.message,
        severity: d.severity,
        ...(shard ? { endLine: d.endLine ?? null, endColumn: d.endColumn ?? null } : {}),
      })),
      ...(shard ? { tool: r.tool ?? null, output: r.output } : {}),
    })),
  };
}

export function jsonReporter(write: (text: string) => void = (t) => process.stdout.write(t)): Reporter {
  return {
    finish(report: RunReport) {
      write(`${JSON.stringify(toJson(report.ok, report.results, report.shard))}\n`);
    },
  };
}
