import type { GateResult, HoldTheLine } from '../core/result.js';
import type { Reporter, RunReport } from './reporter.js';

/**
 * The `--json` contract: one object, only the documented fields, stable across versions. A shard's
 * report also carries its place in the run and each gate's tool, raw output and end positions, so
 * that `merge-reports` can give every other reporter what a single run would have.
 */
export function toJson(ok: boolean, results: readonly GateResult[], shard?: RunReport['shard'], hold?: HoldTheLine): Record<string, unknown> {
  return {
    ok,
    ...(shard ? { shard } : {}),
    ...(hold ? { holdTheLine: { base: hold.base ?? null, why: hold.why } } : {}),
    gates: results.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      summary: r.summary,
      durationMs: r.durationMs,
      cached: r.cached,
      ...(r.baseline
        ? { baseline: { base: r.baseline.base, new: r.baseline.new, existing: r.baseline.existing, absent: r.baseline.absent.length, ...(r.baseline.unknown !== undefined ? { unknown: r.baseline.unknown } : {}) } }
        : {}),
      diagnostics: r.diagnostics.map((d) => ({
        file: d.file ?? null,
        line: d.line ?? null,
        column: d.column ?? null,
        code: d.code ?? null,
        message: d.message,
        severity: d.severity,
        ...(shard ? { endLine: d.endLine ?? null, endColumn: d.endColumn ?? null } : {}),
        ...(d.baseline ? { baseline: d.baseline } : {}),
      })),
      ...(shard ? { tool: r.tool ?? null, output: r.output } : {}),
    })),
  };
}

export function jsonReporter(write: (text: string) => void = (t) => process.stdout.write(t)): Reporter {
  return {
    finish(report: RunReport) {
      write(`${JSON.stringify(toJson(report.ok, report.results, report.shard, report.hold))}\n`);
    },
  };
}
