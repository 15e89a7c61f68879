import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, parseJsonReport, TMP, type JsonGate, type Project } from './helpers/project.js';
import { complexFunction, tsProjectFiles } from './helpers/ts-project.js';

const SHARDS = 4;

/** Several sources with lint errors, a complex function, and test files of which some fail. */
function fixture(): Record<string, string> {
  const files: Record<string, string> = { ...tsProjectFiles({ lintError: true, failingTest: true }), 'src/classify.ts': complexFunction() };
  for (let i = 1; i <= 8; i++) {
    files[`src/part${i}.ts`] = `export function part${i}(n: number): number {\n${i % 3 === 0 ? '  debugger;\n' : ''}  return n + ${i};\n}\n`;
  }
  for (let i = 1; i <= 6; i++) {
    const wrong = i % 2 === 0;
    files[`test/part${i}.test.ts`] = `import { expect, it } from 'vitest';\nimport { part${i} } from '../src/part${i}.js';\n\nit('part${i} adds ${i}', () => {\n  expect(part${i}(1)).toBe(${wrong ? 100 + i : 1 + i});\n});\n`;
  }
  files['.gatekeeper.json'] = JSON.stringify({
    failFast: false,
    gates: [
      { id: 'types', kind: 'typecheck' },
      { id: 'lint', kind: 'lint' },
      { id: 'complexity', kind: 'complexity', include: ['src/**/*.ts'] },
      { id: 'tests', kind: 'test' },
    ],
  });
  return files;
}

let project: Project;
let reports: string;
let whole: { ok: boolean; gates: JsonGate[] };
const shardFile = (i: number): string => path.join(reports, `shard-${i}.json`);

beforeAll(async () => {
  project = await makeProject('shards', fixture());
  reports = mkdtempSync(path.join(TMP, 'shard-reports-'));
  const single = await project.gatekeeper(['run', '--json', '--no-cache']);
  expect(single.exitCode).toBe(1);
  whole = parseJsonReport(single.stdout);
  for (let i = 1; i <= SHARDS; i++) {
    const shard = await project.gatekeeper(['run', '--no-cache', '--shard', `${i}/${SHARDS}`, '--reporter', `json=${shardFile(i)}`]);
    expect(shard.exitCode, shard.stderr).toBe(1);
  }
}, 600_000);

afterAll(() => {
  project.cleanup();
  rmSync(reports, { recursive: true, force: true });
});

/** A gate's diagnostics in an order that does not depend on which machine found them. */
function diagnosticsOf(gate: JsonGate | undefined): string[] {
  return (gate?.diagnostics ?? []).map((d) => JSON.stringify([d.file, d.line, d.column, d.code, d.message, d.severity])).sort();
}

describe('gatekeeper run --shard i/n and merge-reports', () => {
  it('divides the work: each shard lints its own files, runs its part of the tests, and only shard 1 typechecks', () => {
    const parts = Array.from({ length: SHARDS }, (_, i) => parseJsonReport(readFileSync(shardFile(i + 1), 'utf8')) as ReturnType<typeof parseJsonReport> & { shard: { index: number; split: string[] } });
    expect(parts.map((p) => p.shard.index)).toEqual([1, 2, 3, 4]);
    expect(parts[0]?.shard.split).toEqual(['lint', 'complexity', 'tests']);
    expect(parts.map((p) => p.gates.find((g) => g.id === 'types')?.status)).toEqual(['passed', 'skipped', 'skipped', 'skipped']);
    const lintFiles = parts.map((p) => new Set((p.gates.find((g) => g.id === 'lint')?.diagnostics ?? []).map((d) => d.file)));
    // No file is linted on two machines.
    for (let a = 0; a < SHARDS; a++) for (let b = a + 1; b < SHARDS; b++) expect([...(lintFiles[a] ?? [])].filter((f) => lintFiles[b]?.has(f))).toEqual([]);
    const testFailures = parts.map((p) => p.gates.find((g) => g.id === 'tests')?.diagnostics.length ?? 0);
    expect(testFailures.reduce((a, b) => a + b, 0)).toBe(diagnosticsOf(whole.gates.find((g) => g.id === 'tests')).length);
  });

  it('merges the four reports into the verdict and the diagnostics of one unsharded run', async () => {
    const merged = await project.gatekeeper(['merge-reports', '--json', ...[1, 2, 3, 4].map(shardFile)]);
    expect(merged.exitCode, merged.stderr).toBe(1);
    const report = parseJsonReport(merged.stdout);
    expect(report.ok).toBe(whole.ok);
    expect(report.gates.map((g) => [g.id, g.status])).toEqual(whole.gates.map((g) => [g.id, g.status]));
    for (const gate of whole.gates) expect(diagnosticsOf(report.gates.find((g) => g.id === gate.id)), gate.id).toEqual(diagnosticsOf(gate));
    expect(diagnosticsOf(whole.gates.find((g) => g.id === 'lint')).length).toBeGreaterThan(2);
  });

  it('writes every usual report from the merge (SARIF, JUnit, Markdown)', async () => {
    const out = (name: string): string => path.join(reports, name);
    const merged = await project.gatekeeper(['merge-reports', '--reporter', `sarif=${out('m.sarif')}`, '--reporter', `junit=${out('m.xml')}`, '--reporter', `markdown=${out('m.md')}`, ...[4, 3, 2, 1].map(shardFile)]);
    expect(merged.exitCode).toBe(1);
    const sarif = JSON.parse(readFileSync(out('m.sarif'), 'utf8')) as { runs: { tool: { driver: { name: string } }; results: unknown[] }[] };
    expect(sarif.runs.map((r) => r.tool.driver.name)).toEqual(expect.arrayContaining(['tsc', 'eslint', 'vitest']));
    expect(readFileSync(out('m.xml'), 'utf8')).toContain('<testsuite');
    expect(readFileSync(out('m.md'), 'utf8')).toContain('| lint |');
  });

  it('fails with a clear message when a shard is missing or given twice, and writes nothing', async () => {
    const missing = await project.gatekeeper(['merge-reports', '--reporter', `junit=${path.join(reports, 'partial.xml')}`, shardFile(1), shardFile(2), shardFile(4)]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('missing the report of shard 3/4');
    expect(existsSync(path.join(reports, 'partial.xml'))).toBe(false);
    const twice = await project.gatekeeper(['merge-reports', shardFile(1), shardFile(2), shardFile(2), shardFile(3), shardFile(4)]);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toContain('shard 2/4 is given twice');
    const unsharded = await project.gatekeeper(['run', '--only', 'types', '--no-cache', '--reporter', `json=${path.join(reports, 'plain.json')}`]);
    expect(unsharded.exitCode).toBe(0);
    const plain = await project.gatekeeper(['merge-reports', path.join(reports, 'plain.json')]);
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).toContain('a report from a run without --shard');
    const badFlag = await project.gatekeeper(['run', '--shard', '5/4']);
    expect(badFlag.exitCode).toBe(2);
    expect(badFlag.stderr).toContain('--shard 5/4: expected INDEX/TOTAL');
  });
});
