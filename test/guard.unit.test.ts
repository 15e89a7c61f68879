import { describe, expect, it } from 'vitest';
import { addedLineFindings } from '../src/guard/added-lines.js';
import { compareConfigs, type ThresholdRule } from '../src/guard/config-loosening.js';
import { matchLine } from '../src/guard/line-patterns.js';
import { countTests } from '../src/guard/test-count.js';
import { testFileFindings } from '../src/guard/test-files.js';
import { allowByTrailers, parseTrailerLog } from '../src/guard/trailers.js';
import { parseUnifiedDiff, unquotePath } from '../src/guard/unified-diff.js';

/**
 * The cheats below are spelt in capitals and lowered at run time, so that no grep for focused or
 * skipped tests (nor the guard itself, run on this repository) mistakes these strings for real ones.
 */
const cheat = (line: string): string => line.replace(/SKIP|ONLY|TODO|XIT|XDESCRIBE/g, (m) => m.toLowerCase());

const isTest = (p: string): boolean => /\.test\.ts$/.test(p);

describe('parseUnifiedDiff', () => {
  it('reads added and removed lines with their line numbers, renames, deletions and binaries', () => {
    const patch = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1..2 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -2 +2,2 @@ x',
      '-old',
      '+new one',
      '+new two',
      '@@ -9,2 +10,0 @@',
      '-gone 9',
      '-gone 10',
      'diff --git a/sp ace.ts b/new name.ts',
      'similarity index 100%',
      'rename from sp ace.ts',
      'rename to new name.ts',
      'diff --git a/x y.ts b/x y.ts',
      'deleted file mode 100644',
      '--- a/x y.ts\t',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-a',
      'diff --git a/bin.dat b/bin.dat',
      'new file mode 100644',
      'Binary files /dev/null and b/bin.dat differ',
      '',
    ].join('\n');
    const [modified, renamed, deleted, binary] = parseUnifiedDiff(patch);
    expect(modified).toMatchObject({ oldPath: 'src/a.ts', newPath: 'src/a.ts', status: 'modified' });
    expect(modified?.added).toEqual([{ line: 2, text: 'new one' }, { line: 3, text: 'new two' }]);
    expect(modified?.removed).toEqual([{ line: 2, text: 'old', at: 2 }, { line: 9, text: 'gone 9', at: 11 }, { line: 10, text: 'gone 10', at: 11 }]);
    expect(renamed).toMatchObject({ oldPath: 'sp ace.ts', newPath: 'new name.ts', status: 'renamed', added: [] });
    expect(deleted).toMatchObject({ oldPath: 'x y.ts', status: 'deleted' });
    expect(deleted?.newPath).toBeUndefined();
    expect(binary).toMatchObject({ newPath: 'bin.dat', status: 'added', binary: true });
  });

  it('unquotes C-style quoted paths, octal UTF-8 bytes included', () => {
    expect(unquotePath('"a/tab\\there.ts"')).toBe('a/tab\there.ts');
    expect(unquotePath('"caf\\303\\251.ts"')).toBe('café.ts');
    expect(unquotePath('plain.ts')).toBe('plain.ts');
  });
});

describe('matchLine', () => {
  it.each([
    ['// @ts-ignore', 'ts-suppression'],
    ['  /* @ts-expect-error wrong on purpose */', 'ts-suppression'],
    ['// @ts-nocheck', 'ts-suppression'],
    ['// eslint-disable-next-line no-console', 'eslint-disable'],
    ['foo(); // eslint-disable-line', 'eslint-disable'],
    ['/* eslint-disable */', 'eslint-disable'],
    ['/* eslint no-debugger: "off" */', 'eslint-disable'],
    ['// oxlint-disable-next-line no-debugger', 'eslint-disable'],
    ['// biome-ignore lint/suspicious/noDebugger: reason', 'eslint-disable'],
    ['/* biome-ignore-all lint: x */', 'eslint-disable'],
    ["it.SKIP('x', () => {})", 'focused-or-skipped-test'],
    ["describe.ONLY('x', () => {})", 'focused-or-skipped-test'],
    ["test.TODO('x')", 'focused-or-skipped-test'],
    ["it.concurrent.SKIP('x', () => {})", 'focused-or-skipped-test'],
    ["XIT('x', () => {})", 'focused-or-skipped-test'],
    ["XDESCRIBE('x', () => {})", 'focused-or-skipped-test'],
    ["test.SKIPIf(process.env.CI)('x', () => {})", 'focused-or-skipped-test'],
    ['  ctx.SKIP();', 'focused-or-skipped-test'],
  ])('%s is %s', (line, code) => {
    expect(matchLine(cheat(line), true).map((m) => m.code)).toContain(code);
  });

  it('leaves honest lines alone, and test patterns outside test files', () => {
    for (const line of ["it('adds', () => {})", 'const exit = 1;', '/* eslint-enable */', 'const list = items.ONLY;', 'const mode = config.test.ONLY;', 'await mocha.skipped();', 'const ts = "ts-ignore";']) {
      expect(matchLine(cheat(line), true), line).toEqual([]);
    }
    expect(matchLine("describe.ONLY('x')", false)).toEqual([]);
  });
});

describe('matchLine and string literals', () => {
  it('ignores a cheat spelt inside a string closed on the same line', () => {
    expect(matchLine("const fixture = '// @ts-ignore';", true)).toEqual([]);
    expect(matchLine(cheat("it('explains why it.ONLY( is bad', () => {});"), true)).toEqual([]);
    expect(matchLine('const s = `/* eslint-disable */`;', true)).toEqual([]);
  });

  it('still sees a real comment after strings, and quotes that are not strings', () => {
    expect(matchLine("foo('a', \"b\"); // @ts-ignore", false).map((m) => m.column)).toEqual([16]);
    expect(matchLine("x = /'/; // @ts-ignore", false)).toHaveLength(1);
    expect(matchLine("x = 1; /* ' */ // @ts-ignore '", false)).toHaveLength(1);
    expect(matchLine("const s = '// @ts-ignore'; // @ts-expect-error", false).map((m) => m.message)).toEqual([expect.stringContaining('@ts-expect-error')]);
  });
});

describe('addedLineFindings', () => {
  it('reports only suppressions that are new, not ones moved or re-indented within the file', () => {
    const findings = addedLineFindings(
      [
        {
          oldPath: 'src/a.ts',
          newPath: 'src/a.ts',
          status: 'modified',
          binary: false,
          removed: [{ line: 3, text: '// @ts-ignore', at: 3 }],
          added: [
            { line: 5, text: '    // @ts-ignore' },
            { line: 8, text: '// @ts-expect-error' },
          ],
        },
        { newPath: 'README.md', status: 'added', binary: false, removed: [], added: [{ line: 1, text: 'never write // @ts-ignore' }] },
      ],
      isTest,
    );
    expect(findings).toEqual([expect.objectContaining({ file: 'src/a.ts', line: 8, column: 1, code: 'ts-suppression', severity: 'error' })]);
  });
});

describe('countTests', () => {
  it('counts it/test calls in every form, not commented-out ones nor describe blocks', () => {
    const source = [
      "import { describe, it, test } from 'vitest';",
      "describe('group', () => {",
      "  it('a', () => {});",
      "  test.concurrent('b', async () => {});",
      "  it.each([1, 2])('c %i', (n: number) => {});",
      "  test.SKIPIf(true)('d', () => {});",
      "  // it('commented out', () => {});",
      "  XIT('e', () => {});",
      '});',
      "const myTest = test.extend({});",
      "myTest('f', () => {});",
    ].join('\n');
    expect(countTests(cheat(source), 'x.test.ts')).toBe(5);
    expect(countTests('', 'x.test.ts')).toBe(0);
  });
});

describe('testFileFindings', () => {
  const before = "it('a', () => {});\nit('b', () => {});\n";
  const base = { oldPath: 't/a.test.ts', newPath: 't/a.test.ts', status: 'modified' as const, binary: false, added: [] };

  it('names deleted, emptied, renamed-away and thinned-out test files', () => {
    expect(testFileFindings({ ...base, status: 'deleted', newPath: undefined, removed: [] }, { before }, isTest)).toEqual([expect.objectContaining({ file: 't/a.test.ts', code: 'test-deleted' })]);
    expect(testFileFindings({ ...base, removed: [] }, { before, after: '\n' }, isTest)).toEqual([expect.objectContaining({ line: 1, code: 'test-emptied' })]);
    expect(testFileFindings({ ...base, status: 'renamed', newPath: 't/a.ts', removed: [] }, { before, after: before }, isTest)).toEqual([expect.objectContaining({ file: 't/a.ts', code: 'test-deleted' })]);
    const thinned = testFileFindings({ ...base, removed: [{ line: 2, text: "it('b', () => {});", at: 2 }] }, { before, after: "it('a', () => {});\n" }, isTest);
    // Removed from the end of the file: the finding points at its last line, not past it.
    expect(thinned).toEqual([expect.objectContaining({ file: 't/a.test.ts', line: 1, code: 'fewer-tests' })]);
    expect(thinned[0]?.message).toContain('declares 1 test, 2 at the base');
  });

  it('lets a test file keep or grow its tests', () => {
    expect(testFileFindings({ ...base, removed: [] }, { before, after: `${before}it('c', () => {});\n` }, isTest)).toEqual([]);
  });
});

describe('compareConfigs', () => {
  const rules: ThresholdRule[] = [
    { kind: 'complexity', option: 'maxCyclomatic', fallback: 10, looser: 'higher' },
    { kind: 'complexity', option: 'minMaintainability', fallback: 40, looser: 'lower' },
    { kind: 'lint', option: 'maxWarnings', fallback: -1, looser: 'higher', normalise: (v) => (v < 0 ? Infinity : v) },
  ];
  const config = (gates: object[], failFast = true): string => JSON.stringify({ failFast, gates }, null, 2);
  const baseConfig = config([
    { id: 'types', kind: 'typecheck' },
    { id: 'lint', kind: 'lint', maxWarnings: 0 },
    { id: 'cx', kind: 'complexity', maxCyclomatic: 8 },
  ]);

  it('finds a removed gate, a changed kind, a raised threshold and a limit dropped to the default', () => {
    const now = config([
      { id: 'lint', kind: 'command', command: 'true' },
      { id: 'cx', kind: 'complexity', maxCyclomatic: 12, minMaintainability: 20 },
    ]);
    const findings = compareConfigs(baseConfig, now, rules);
    expect(findings.map((f) => [f.code, f.message])).toEqual([
      ['gate-removed', 'gate "types" (typecheck) was removed'],
      ['gate-removed', 'gate "lint" is now a command gate, no longer lint'],
      ['threshold-raised', 'gate "cx": maxCyclomatic loosened from 8 to 12'],
      ['threshold-raised', 'gate "cx": minMaintainability loosened from 40 to 20'],
    ]);
    expect(findings[2]?.line).toBe(now.split('\n').findIndex((l) => l.includes('maxCyclomatic')) + 1);

    const noLimit = compareConfigs(baseConfig, config([{ id: 'types', kind: 'typecheck' }, { id: 'lint', kind: 'lint', maxWarnings: -1 }, { id: 'cx', kind: 'complexity', maxCyclomatic: 8 }]), rules);
    expect(noLimit.map((f) => f.message)).toEqual(['gate "lint": maxWarnings loosened from 0 to no limit']);
  });

  it('does not count tightening, timeouts, failFast or added gates as loosening', () => {
    const now = config(
      [
        { id: 'types', kind: 'typecheck', timeout: 5 },
        { id: 'lint', kind: 'lint', maxWarnings: 0 },
        { id: 'cx', kind: 'complexity', maxCyclomatic: 6 },
        { id: 'tests', kind: 'test' },
      ],
      false,
    );
    expect(compareConfigs(baseConfig, now, rules)).toEqual([]);
  });
});

describe('trailers', () => {
  it('keeps the commits with a Gate-Loosened trailer and turns findings in their files into warnings', () => {
    const log = '\x1eaaaaaaa1111\x1f\x1f\0\nc.txt\0\x1ebbbbbbb2222\x1fupgrade eslint\x1dsecond\x1f\0\neslint.config.js\0src/a.ts\0';
    const commits = parseTrailerLog(log);
    expect(commits).toEqual([{ commit: 'bbbbbbb2222', reasons: ['upgrade eslint', 'second'], files: ['eslint.config.js', 'src/a.ts'] }]);
    const { findings, reasons } = allowByTrailers(
      [
        { file: 'eslint.config.js', line: 1, code: 'protected-file', message: 'changed', severity: 'error' },
        { file: 'src/b.ts', line: 1, code: 'ts-suppression', message: 'new', severity: 'error' },
      ],
      commits,
    );
    expect(findings.map((f) => f.severity)).toEqual(['warning', 'error']);
    expect(findings[0]?.message).toContain('allowed by Gate-Loosened: upgrade eslint; second, commit bbbbbbb');
    expect(reasons).toEqual(['upgrade eslint; second']);
  });
});
