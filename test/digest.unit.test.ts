import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, GateResult } from '../src/core/result.js';
import { buildDigest, type AgentChange } from '../src/loop/digest.js';
import { fairShare } from '../src/loop/digest/fair-share.js';
import { compressLines, describeLines } from '../src/loop/digest/line-set.js';
import { blockingDiagnostics, failuresOf, fingerprintOf, type Failure } from '../src/loop/fingerprint.js';
import { attemptsToGreen as attemptsWith } from '../bench/digest-agent.mjs';

function gate(id: string, diagnostics: Diagnostic[], status: GateResult['status'] = diagnostics.length > 0 ? 'failed' : 'passed', kind = 'typecheck'): GateResult {
  return { id, kind, status, diagnostics, summary: `${diagnostics.length} errors`, output: 'raw tool output', durationMs: 5, cached: false };
}

function typeError(file: string, line: number, message: string, code = 'TS2322'): Diagnostic {
  return { file, line, column: 3, code, message, severity: 'error' };
}

const SOURCE = Array.from({ length: 30 }, (_, i) => `const line${i + 1} = ${i + 1};`);

function digestOf(results: GateResult[], options: { history?: Failure[][]; budget?: number; lastChange?: AgentChange } = {}): string {
  const history = options.history ?? [];
  const current = failuresOf(results);
  return buildDigest({
    results,
    attempt: history.length + 1,
    maxAttempts: 5,
    budget: options.budget ?? 6000,
    logsPath: '.gatekeeper/runs/RUN/attempt-1/',
    fullListPath: '.gatekeeper/runs/RUN/attempt-1/failing-files.txt',
    readSource: (file) => (file.startsWith('src/') || file.startsWith('test/') ? SOURCE : undefined),
    current,
    fingerprint: fingerprintOf(current),
    history,
    fingerprints: history.map((h) => fingerprintOf(h)),
    ...(options.lastChange ? { lastChange: options.lastChange } : {}),
  });
}

const MISMATCH = "Type 'string' is not assignable to type 'number'.";

/** `files` files of `perFile` errors each, on lines 1..perFile, all the same code and message. */
function manyErrors(files: number, perFile: number): Diagnostic[] {
  const width = String(files - 1).length;
  return Array.from({ length: files * perFile }, (_, i) => typeError(`src/many${String(Math.floor(i / perFile)).padStart(width, '0')}.ts`, (i % perFile) + 1, MISMATCH));
}

describe('line sets', () => {
  it('are written exactly as runs, or as a span that says it is one', () => {
    expect(compressLines([8, 1, 2, 3, 5, 3])).toBe('1–3, 5, 8');
    expect(describeLines([4])).toBe('line 4');
    expect(describeLines([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe('lines 1–10');
    expect(describeLines(Array.from({ length: 30 }, (_, i) => i * 3 + 1))).toBe('30 lines between 1 and 88');
  });
});

describe('the digest overview', () => {
  it('names every failing gate and file with count, codes and lines, most errors first', () => {
    const digest = digestOf([
      gate('types', [typeError('src/b.ts', 2, 'Cannot find name "x".', 'TS2304'), ...manyErrors(1, 10).map((d) => ({ ...d, file: 'src/a.ts' })), typeError('src/a.ts', 12, 'other', 'TS2345')]),
      gate('lint', [{ ...typeError('src/z.ts', 7, 'Unexpected debugger statement.'), code: 'no-debugger' }], 'failed', 'lint'),
    ]);
    expect(digest).toContain('types (typecheck, failed): 12 errors\n  src/a.ts — 10 × TS2322, 1 × TS2345 (lines 1–10, 12)\n  src/b.ts — 1 × TS2304 (line 2)\n');
    expect(digest).toContain('lint (lint, failed): 1 errors\n  src/z.ts — 1 × no-debugger (line 7)\n');
  });

  it('500 type errors in 50 files: every file named with its lines, within the default budget', () => {
    const digest = digestOf([gate('types', manyErrors(50, 10))]);
    expect(digest.length).toBeLessThanOrEqual(6000);
    for (let f = 0; f < 50; f++) expect(digest).toContain(`  src/many${String(f).padStart(2, '0')}.ts — 10 × TS2322 (lines 1–10)\n`);
    expect(digest).not.toContain('more files');
  });

  it('past half the budget lists as many files as fit, then points at the full list', () => {
    const digest = digestOf([gate('types', manyErrors(500, 10))]);
    expect(digest.length).toBeLessThanOrEqual(6000);
    const listed = digest.split('\n').filter((l) => /^ {2}src\/many\d+\.ts — /.test(l));
    expect(listed.length).toBeGreaterThan(40);
    const overview = digest.slice(digest.indexOf('Failing now:'), digest.indexOf('## types'));
    expect(overview.length).toBeLessThanOrEqual(3000);
    expect(overview).toContain(`  … and ${500 - listed.length} more files\n(full list: .gatekeeper/runs/RUN/attempt-1/failing-files.txt)\n`);
  });
});

describe('the digest detail', () => {
  it('makes one entry of the same code and message in a file, with all its lines and one excerpt', () => {
    const same = [1, 2, 3, 5, 8].map((l) => typeError('src/a.ts', l, MISMATCH));
    const digest = digestOf([gate('types', [...same, typeError('src/b.ts', 4, MISMATCH)])]);
    expect(digest).toContain(`src/a.ts lines 1–3, 5, 8: TS2322 ${MISMATCH}\n`);
    expect(digest).toContain(`src/b.ts:4:3 TS2322 ${MISMATCH}\n`);
    expect(digest.split(MISMATCH)).toHaveLength(3);
    expect(digest).toContain('>  1 | const line1 = 1;\n>  2 | const line2 = 2;\n>  3 | const line3 = 3;\n');
  });

  it('makes one entry of messages in a file that differ only in numbers, saying how many', () => {
    const named = Array.from({ length: 10 }, (_, i) => typeError('src/index.ts', 3 + (i % 2) * 2, `Module "./parse" has already exported a member named 'bad${i + 1}'.`, 'TS2308'));
    const digest = digestOf([gate('types', named)]);
    expect(digest).toContain(`src/index.ts lines 3, 5: TS2308 Module "./parse" has already exported a member named 'bad1'. (×10) (and 9 similar)\n`);
    expect(digest.split('has already exported')).toHaveLength(2);
  });

  it('merges overlapping excerpts of one file into one, marking each failing line', () => {
    const digest = digestOf([gate('types', [typeError('src/a.ts', 10, 'first'), typeError('src/a.ts', 12, 'second', 'TS2345'), typeError('src/a.ts', 25, 'third', 'TS2304')])]);
    expect(digest).toContain('   8 | const line8 = 8;\n   9 | const line9 = 9;\n> 10 | const line10 = 10;\n  11 | const line11 = 11;\n> 12 | const line12 = 12;\n  13 | const line13 = 13;\n  14 | const line14 = 14;\n     ⋮\n  23 | const line23 = 23;');
    expect(digest.split('> 10 | const line10 = 10;')).toHaveLength(2);
  });

  it('shows a diagnostic two gates report once', () => {
    const d = typeError('src/a.ts', 10, MISMATCH);
    const digest = digestOf([gate('types', [d]), { ...gate('build', [d], 'failed', 'build'), summary: '`npm run build` exited with code 2' }]);
    expect(digest.split('src/a.ts:10:3 TS2322')).toHaveLength(2);
    expect(digest).toContain('build (build, failed): `npm run build` exited with code 2\n  (the same diagnostics as types)\n');
  });

  it("shows a test's expected and received", () => {
    const failure: Diagnostic = { file: 'test/sum.test.ts', line: 5, column: 20, code: 'sum > adds', message: 'AssertionError: expected 3 to be 4 // Object.is equality\n\n- Expected\n+ Received\n\n- 4\n+ 3\n\n at src/sum.ts:2:10', severity: 'error' };
    const digest = digestOf([gate('types', manyErrors(50, 10)), gate('tests', [failure], 'failed', 'test')]);
    expect(digest).toContain('test/sum.test.ts:5:20 sum > adds AssertionError: expected 3 to be 4 // Object.is equality\n    - Expected\n    + Received\n    - 4\n    + 3\n     at src/sum.ts:2:10\n');
    expect(digest).toContain('>  5 | const line5 = 5;');
  });

  it('gives a gate with one diagnostic its entry and excerpt however noisy another is, and passes unused share on', () => {
    const digest = digestOf([gate('types', manyErrors(500, 10)), gate('lint', [{ ...typeError('src/z.ts', 7, 'Unexpected debugger statement.'), code: 'no-debugger' }], 'failed', 'lint')]);
    expect(digest).toContain('## lint\nsrc/z.ts:7:3 no-debugger Unexpected debugger statement.\n');
    expect(digest).toContain('>  7 | const line7 = 7;');
    const detail = digest.slice(digest.indexOf('## types'), digest.indexOf('## lint'));
    expect(detail.length).toBeGreaterThan((6000 - digest.indexOf('## types')) * 0.6);
  });

  it('puts new failures before still-failing ones, and says which survived the last change', () => {
    const old = typeError('src/b.ts', 3, 'old failure');
    const fresh = typeError('src/a.ts', 9, 'new failure', 'TS2345');
    const gone = typeError('src/c.ts', 1, 'fixed failure');
    const first = failuresOf([gate('types', [old, gone])]);
    const lastChange: AgentChange = { attempt: 2, files: [{ file: 'src/b.ts', ranges: [[10, 14]] }, { file: 'src/c.ts', ranges: [[1, 1]] }], diffPath: '.gatekeeper/runs/RUN/attempt-2/changes.diff' };
    const digest = digestOf([gate('types', [old, fresh])], { history: [first], lastChange });
    expect(digest).toContain('Since attempt 1: 1 fixed, 1 new, 1 still failing.');
    expect(digest).toContain('Attempt 2 changed src/b.ts:10–14, src/c.ts:1 (full diff: .gatekeeper/runs/RUN/attempt-2/changes.diff).');
    expect(digest).toContain("1 failure survived that change (1 in files it touched)");
    expect(digest).toContain('src/a.ts:9:3 TS2345 new failure  [new]');
    expect(digest).toContain("src/b.ts:3:3 TS2322 old failure  [still failing; survived attempt 2's change to src/b.ts:10–14]");
    expect(digest.indexOf('new failure  [new]')).toBeLessThan(digest.indexOf('old failure  [still'));
  });

  it('says when a failure came back after being fixed', () => {
    const a = typeError('src/a.ts', 1, 'error A');
    const b = typeError('src/a.ts', 2, 'error B');
    const digest = digestOf([gate('types', [a, b])], { history: [failuresOf([gate('types', [a, b])]), failuresOf([gate('types', [b])])] });
    expect(digest).toContain('src/a.ts:1:3 TS2322 error A  [came back after being fixed]');
  });

  it('is the same, byte for byte, whatever the order of the diagnostics', () => {
    const diagnostics = [...manyErrors(30, 4), typeError('src/many03.ts', 2, 'another', 'TS2345'), typeError('src/x.ts', 1, MISMATCH)];
    const once = digestOf([gate('types', diagnostics)], { budget: 2500 });
    expect(digestOf([gate('types', [...diagnostics].reverse())], { budget: 2500 })).toBe(once);
    expect(digestOf([gate('types', diagnostics)], { budget: 2500 })).toBe(once);
  });
});

const diagnostic: fc.Arbitrary<Diagnostic> = fc.record(
  {
    file: fc.constantFrom('src/a.ts', 'src/b.ts', 'test/c.test.ts', 'lib/very/deep/path/d.ts', 'src/e.ts', 'src/f.ts'),
    line: fc.integer({ min: 1, max: 40 }),
    column: fc.integer({ min: 1, max: 80 }),
    code: fc.constantFrom('TS2322', 'no-debugger', 'cyclomatic', 'adds numbers'),
    message: fc.string({ minLength: 1, maxLength: 300 }),
    severity: fc.constantFrom('error' as const, 'warning' as const),
  },
  { requiredKeys: ['message', 'severity'] },
);
const gateSpecs = fc.array(fc.tuple(fc.constantFrom('types', 'lint', 'tests', 'build'), fc.array(diagnostic, { maxLength: 60 }), fc.constantFrom('failed' as const, 'errored' as const)), { minLength: 1, maxLength: 4 });

describe('the digest, for any diagnostics and any budget of at least 500', () => {
  it('stays within the budget, names every failing gate and one of its diagnostics, and the full logs', () => {
    fc.assert(
      fc.property(gateSpecs, fc.integer({ min: 500, max: 8000 }), (spec, budget) => {
        const results = spec.map(([id, diagnostics, status], i) => gate(`${id}${i}`, diagnostics, status));
        const digest = digestOf(results, { budget });
        expect(digest.length).toBeLessThanOrEqual(budget);
        expect(digest).toContain('Full logs: .gatekeeper/runs/RUN/attempt-1/');
        for (const r of results) {
          expect(digest).toContain(`\n${r.id} (typecheck, ${r.status}): `);
          const files = new Set(blockingDiagnostics(r).map((d) => d.file ?? '(no file)'));
          if (files.size > 0 && !digest.includes(`${r.id} (typecheck, ${r.status}): ${r.summary}\n  (the same diagnostics as`)) {
            const named = [...files].some((f) => digest.includes(`\n  ${f} — `) || digest.includes(`\n${f}:`) || digest.includes(`\n${f} lines `));
            expect(named || digest.includes(`\n## ${r.id}\n`)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names every failing file when the list fits in half the budget', () => {
    fc.assert(
      fc.property(gateSpecs, (spec) => {
        const results = spec.map(([id, diagnostics, status], i) => gate(`${id}${i}`, diagnostics, status));
        const digest = digestOf(results, { budget: 6000 });
        for (const r of results) for (const d of blockingDiagnostics(r)) expect(digest).toContain(`  ${d.file ?? '(no file)'} — `);
      }),
      { numRuns: 200 },
    );
  });
});

describe('fair shares', () => {
  it('never exceed the room, never starve a list whose first item fits its share, and pass unused share on', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 50 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 5000 }), (costs, room) => {
        const taken = fairShare(costs, room);
        const spent = costs.reduce((n, c, i) => n + c.slice(0, taken[i]).reduce((a, b) => a + b, 0), 0);
        expect(spent).toBeLessThanOrEqual(room);
        const wanting = costs.filter((c) => c.length > 0).length;
        costs.forEach((c, i) => {
          if (c.length > 0 && (c[0] ?? 0) <= Math.floor(room / wanting)) expect(taken[i]).toBeGreaterThan(0);
        });
        // Whatever is left over could not have bought any list's next item.
        costs.forEach((c, i) => {
          const next = c[taken[i] ?? 0];
          if (next !== undefined) expect(next).toBeGreaterThan(room - spent);
        });
      }),
      { numRuns: 300 },
    );
  });
});

/** bench/digest.mjs's scripted agent: it reads nothing but the digest and fixes exactly the `file:line` positions it names. */
function attemptsToGreen(start: GateResult[], maxAttempts: number): number {
  return attemptsWith(start, (results) => digestOf(results), maxAttempts);
}

describe('a scripted agent that fixes what the digest names', () => {
  it('gets 500 errors in 50 files to green in at most 2 attempts, 5,000 in 500 files in at most 10', () => {
    expect(attemptsToGreen([gate('types', manyErrors(50, 10))], 10)).toBeLessThanOrEqual(2);
    expect(attemptsToGreen([gate('types', manyErrors(500, 10))], 20)).toBeLessThanOrEqual(10);
  });

  it('does the same for a mix of type errors, lint errors and two failing tests at once, 50 or 500 files', () => {
    const mix = (files: number): GateResult[] => {
      const types = manyErrors(files * 0.8, 10);
      const lint = Array.from({ length: files * 0.2 * 10 }, (_, i) => ({
        ...typeError(`src/lint${String(Math.floor(i / 10)).padStart(3, '0')}.ts`, (i % 10) * 3 + 1, i % 2 ? 'Unexpected debugger statement.' : "'x' is assigned a value but never used."),
        code: i % 2 ? 'no-debugger' : 'no-unused-vars',
      }));
      const tests: Diagnostic[] = [
        { file: 'test/sum.test.ts', line: 5, column: 20, code: 'sum > adds', message: 'AssertionError: expected 3 to be 4\n- Expected\n+ Received\n- 4\n+ 3', severity: 'error' },
        { file: 'test/sum.test.ts', line: 9, column: 20, code: 'sum > subtracts', message: 'AssertionError: expected -1 to be 1', severity: 'error' },
      ];
      return [gate('types', types), gate('lint', lint, 'failed', 'lint'), gate('tests', tests, 'failed', 'test')];
    };
    expect(attemptsToGreen(mix(50), 10)).toBeLessThanOrEqual(2);
    // 4,000 type and 1,000 lint errors in 500 files: the detail spends its room on the files the overview left out.
    expect(attemptsToGreen(mix(500), 20)).toBeLessThanOrEqual(10);
  });
});
