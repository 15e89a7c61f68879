import { UserFacingError } from '../../core/errors.js';
import { allPassed, type BaselineInfo, type GateResult, type HoldTheLine, type Status } from '../../core/result.js';
import type { ShardReport } from './read-shard-report.js';

/** Worst first: the merged status of a divided gate is the worst any part of it reached. */
const SEVERITY: Record<Status, number> = { errored: 3, failed: 2, passed: 1, skipped: 0 };

/** Exactly one report per shard 1…n, all of one run: anything else means the verdict is unknown. */
function checkComplete(reports: readonly ShardReport[]): number {
  const first = reports[0];
  if (!first) throw new UserFacingError('merge-reports: no report files given; expected the JSON report of every shard.');
  const total = first.shard.total;
  const other = reports.find((r) => r.shard.total !== total);
  if (other) throw new UserFacingError(`merge-reports: ${other.file} is shard ${other.shard.index}/${other.shard.total} but ${first.file} is shard ${first.shard.index}/${total}; every report must come from the same division of one run.`);
  const seen = new Map<number, string>();
  for (const report of reports) {
    const earlier = seen.get(report.shard.index);
    if (earlier !== undefined) throw new UserFacingError(`merge-reports: shard ${report.shard.index}/${total} is given twice (${earlier} and ${report.file}); expected each shard once.`);
    seen.set(report.shard.index, report.file);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw new UserFacingError(`merge-reports: missing the report of shard ${missing.map((i) => `${i}/${total}`).join(', ')}; a verdict without every shard is unknown, so it cannot pass (did that job fail before writing its report?).`);
  }
  const ids = (r: ShardReport): string => r.results.map((g) => g.id).join(',');
  const odd = reports.find((r) => ids(r) !== ids(first));
  if (odd) throw new UserFacingError(`merge-reports: ${odd.file} has the gates ${ids(odd)} but ${first.file} has ${ids(first)}; every shard must run the same config.`);
  return total;
}

/** Hold the line over a divided gate: the parts' counts added up; a part whose base was unknown makes the whole unknown. */
function mergeBaseline(parts: readonly GateResult[]): { baseline?: BaselineInfo } {
  const compared = parts.flatMap((p) => (p.baseline ? [p.baseline] : []));
  const first = compared[0];
  if (!first) return {};
  const unknown = compared.find((b) => b.unknown !== undefined)?.unknown;
  const sum = (pick: (b: BaselineInfo) => number): number => compared.reduce((total, b) => total + pick(b), 0);
  return { baseline: { base: first.base, new: sum((b) => b.new), existing: sum((b) => b.existing), absent: compared.flatMap((b) => b.absent), ...(unknown !== undefined ? { unknown } : {}) } };
}

/** A gate divided between shards: its parts' diagnostics together, the worst status, the longest time. */
function mergeParts(parts: readonly GateResult[], total: number): GateResult {
  const ran = parts.filter((p) => p.status !== 'skipped');
  const base = [...parts].sort((a, b) => SEVERITY[b.status] - SEVERITY[a.status])[0] ?? parts[0];
  if (!base) throw new Error('a gate with no parts');
  const summaries = [...new Set(ran.map((p) => p.summary))];
  const summary = ran.length === 0 ? base.summary : summaries.length === 1 ? (summaries[0] ?? '') : parts.map((p, i) => `shard ${i + 1}/${total}: ${p.summary}`).join('; ');
  return {
    ...base,
    diagnostics: parts.flatMap((p) => p.diagnostics),
    summary,
    output: parts.map((p, i) => (p.output === '' ? '' : `── shard ${i + 1}/${total} ──\n${p.output}`)).filter(Boolean).join('\n'),
    durationMs: Math.max(...parts.map((p) => p.durationMs)),
    cached: parts.every((p) => p.cached),
    ...(ran.find((p) => p.tool)?.tool ? { tool: ran.find((p) => p.tool)?.tool } : {}),
    ...mergeBaseline(parts),
  };
}

export interface MergedRun {
  ok: boolean;
  results: GateResult[];
  total: number;
  hold?: HoldTheLine;
}

/**
 * One verdict from every shard's report: a gate that ran whole comes from shard 1, a divided gate
 * is the union of its parts. It passes only when every shard passed and every merged gate does.
 */
export function mergeShards(reports: readonly ShardReport[]): MergedRun {
  const total = checkComplete(reports);
  const ordered = [...reports].sort((a, b) => a.shard.index - b.shard.index);
  const first = ordered[0];
  if (!first) throw new Error('no reports');
  const split = new Set(first.shard.split);
  const results = first.results.map((gate, position) => {
    if (!split.has(gate.id)) return gate;
    return mergeParts(ordered.map((r) => r.results[position] ?? gate), total);
  });
  return { ok: ordered.every((r) => r.ok) && allPassed(results), results, total, ...(first.hold ? { hold: first.hold } : {}) };
}
