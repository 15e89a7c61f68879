import type { GateResult } from '../core/result.js';
import type { Reporter, RunReport } from './reporter.js';

/** The `--json` contract: one object, only the documented fields, stable across versions. */
export function toJson(ok: boolean, results: readonly GateResult[]): Record<string, unknown> {
  return {
    ok,
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
      })),
    })),
  };
}

export function jsonReporter(write: (text: string) => void = (t) => process.stdout.write(t)): Reporter {
  return {
    finish(report: RunReport) {
      write(`${JSON.stringify(toJson(report.ok, report.results))}\n`);
    },
  };
}
