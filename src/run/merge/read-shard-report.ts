import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { formatPath } from '../../config/describe-issues.js';
import { UserFacingError } from '../../core/errors.js';
import type { Diagnostic, GateResult, HoldTheLine } from '../../core/result.js';
import type { ShardInfo } from '../shard.js';

const diagnosticSchema = z.object({
  file: z.string().nullable(),
  line: z.number().nullable(),
  column: z.number().nullable(),
  endLine: z.number().nullable().optional(),
  endColumn: z.number().nullable().optional(),
  code: z.string().nullable(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  baseline: z.enum(['new', 'existing']).optional(),
});

/** Hold the line's comparison; the JSON report gives only the number of findings the change fixed. */
const baselineSchema = z.object({ base: z.string(), new: z.number(), existing: z.number(), absent: z.number(), unknown: z.string().optional() });

const gateSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['passed', 'failed', 'errored', 'skipped']),
  summary: z.string(),
  durationMs: z.number(),
  cached: z.boolean(),
  diagnostics: z.array(diagnosticSchema),
  tool: z.object({ name: z.string(), version: z.string().optional() }).nullable().optional(),
  output: z.string().optional(),
  baseline: baselineSchema.optional(),
});

const shardReportSchema = z.object({
  ok: z.boolean(),
  shard: z.object({ index: z.number().int().min(1), total: z.number().int().min(1), split: z.array(z.string()) }),
  gates: z.array(gateSchema),
  holdTheLine: z.object({ base: z.string().nullable(), why: z.string() }).optional(),
});

export interface ShardReport {
  file: string;
  ok: boolean;
  shard: ShardInfo;
  results: GateResult[];
  hold?: HoldTheLine;
}

function toDiagnostic(d: z.infer<typeof diagnosticSchema>): Diagnostic {
  return {
    ...(d.file !== null ? { file: d.file } : {}),
    ...(d.line !== null ? { line: d.line } : {}),
    ...(d.column !== null ? { column: d.column } : {}),
    ...(d.endLine != null ? { endLine: d.endLine } : {}),
    ...(d.endColumn != null ? { endColumn: d.endColumn } : {}),
    ...(d.code !== null ? { code: d.code } : {}),
    message: d.message,
    severity: d.severity,
    ...(d.baseline ? { baseline: d.baseline } : {}),
  };
}

function toResult(g: z.infer<typeof gateSchema>): GateResult {
  return {
    id: g.id,
    kind: g.kind,
    status: g.status,
    diagnostics: g.diagnostics.map(toDiagnostic),
    summary: g.summary,
    output: g.output ?? '',
    durationMs: g.durationMs,
    cached: g.cached,
    ...(g.tool ? { tool: { name: g.tool.name, ...(g.tool.version !== undefined ? { version: g.tool.version } : {}) } } : {}),
    // The fixed findings themselves are not in the report, only their number: none are listed.
    ...(g.baseline ? { baseline: { base: g.baseline.base, new: g.baseline.new, existing: g.baseline.existing, absent: [], ...(g.baseline.unknown !== undefined ? { unknown: g.baseline.unknown } : {}) } } : {}),
  };
}

/** One shard's `--reporter json=FILE`, checked field by field; anything else is one clear paragraph. */
export function readShardReport(file: string): ShardReport {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not JSON' : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
    throw new UserFacingError(`merge-reports: ${file} ${why}; expected the JSON report of one shard, written by \`gatekeeper run --shard i/n --reporter json=${file}\`.`);
  }
  const parsed = shardReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = formatPath(issue?.path ?? []);
    const hint = where === 'shard' ? ' (a report from a run without --shard)' : '';
    throw new UserFacingError(`merge-reports: ${file}: ${where}: ${issue?.message ?? 'invalid'}${hint}; expected the JSON report of one shard, written by \`gatekeeper run --shard i/n --reporter json=FILE\`.`);
  }
  const { ok, shard, gates, holdTheLine } = parsed.data;
  return { file, ok, shard, results: gates.map(toResult), ...(holdTheLine ? { hold: { ...(holdTheLine.base !== null ? { base: holdTheLine.base } : {}), why: holdTheLine.why } } : {}) };
}
