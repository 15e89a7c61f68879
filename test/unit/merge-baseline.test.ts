import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/core/result.js';
import { toJson } from '../../src/report/json.js';
import { toSarif } from '../../src/report/sarif.js';
import { mergeShards } from '../../src/run/merge/merge-shards.js';
import { readShardReport } from '../../src/run/merge/read-shard-report.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One shard's lint part under hold the line: one new finding and `old` pre-existing ones, `fixed` fixed. */
function lintPart(file: string, old: number, fixed: number): GateResult {
  const existing = Array.from({ length: old }, (_, i) => ({ file, line: 10 + i, code: 'no-debugger', message: 'Unexpected debugger statement.', severity: 'error' as const, baseline: 'existing' as const }));
  return {
    id: 'lint',
    kind: 'lint',
    status: 'failed',
    summary: `${old + 1} problems`,
    durationMs: 5,
    cached: false,
    output: '',
    diagnostics: [{ file, line: 1, code: 'no-var', message: 'Unexpected var.', severity: 'error', baseline: 'new' }, ...existing],
    baseline: { base: 'abc123', new: 1, existing: old, absent: Array.from({ length: fixed }, () => ({ message: 'gone', severity: 'error' as const })) },
  };
}

describe('merge-reports under hold the line', () => {
  it('keeps each finding\'s new/pre-existing mark, adds up the parts\' counts and keeps the base line, as a single run reports them', () => {
    const hold = { base: 'abc123', why: 'the merge-base with origin/main' };
    const files = [lintPart('src/a.ts', 2, 1), lintPart('src/b.ts', 3, 0)].map((part, i) => {
      const file = path.join(dir, `shard-${i + 1}.json`);
      writeFileSync(file, JSON.stringify(toJson(false, [part], { index: i + 1, total: 2, split: ['lint'] }, hold)));
      return file;
    });
    const merged = mergeShards(files.map(readShardReport));
    const lint = merged.results[0];
    expect(lint?.baseline).toMatchObject({ base: 'abc123', new: 2, existing: 5 });
    expect(merged.hold).toEqual(hold);
    expect(lint?.diagnostics.map((d) => d.baseline)).toEqual(['new', 'existing', 'existing', 'new', 'existing', 'existing', 'existing']);
    const states = toSarif(merged.results).runs[0]?.results?.map((r) => r.baselineState);
    expect(states?.filter((s) => s === 'new')).toHaveLength(2);
    expect(states?.filter((s) => s === 'unchanged')).toHaveLength(5);
  });
});
