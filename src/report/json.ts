import type { GateResult, HoldTheLine } from '../core/result.js';
import type { Reporter, RunReport } from './reporter.js';

/** The `--json` contract: one object, only the documented fields, stable across versions. */
export function toJson(ok: boolean, results: readonly GateResult[], hold?: HoldTheLine): Record<string, unknown> {
  return {
    ok,
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
        ...(d.baseline ? { baseline: d.baseline } : {}),
      })),
    })),
  };
}

export function jsonReporter(write: (text: string) => void = (t) => process.stdout.write(t)): Reporter {
  return {
    finish(report: RunReport) {
      write(`${JSON.stringify(toJson(report.ok, report.results, report.hold))}\n`);
    },
  };
}
