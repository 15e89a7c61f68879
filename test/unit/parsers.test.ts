import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTscOutput } from '../../gates/parse/tsc-output.js';
import { parseVitestJson } from '../../gates/parse/vitest-json.js';
import { analyzeSource, SourceParseError } from '../../gates/parse/escomplex-analysis.js';

describe('tsc --pretty false output', () => {
  it('reads located, global and multi-line diagnostics', () => {
    const text = [
      "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      "src/b (copy).ts(10,1): error TS2345: Argument of type '{ a: number; }' is not assignable to parameter of type 'B'.",
      "  Property 'b' is missing in type '{ a: number; }' but required in type 'B'.",
      "error TS5083: Cannot read file '/x/tsconfig.json'.",
      'Found 3 errors.',
    ].join('\n');
    const { diagnostics, unrecognised } = parseTscOutput(text);
    expect(diagnostics).toEqual([
      { file: 'src/a.ts', line: 3, column: 7, code: 'TS2322', severity: 'error', message: "Type 'string' is not assignable to type 'number'." },
      {
        file: 'src/b (copy).ts',
        line: 10,
        column: 1,
        code: 'TS2345',
        severity: 'error',
        message: "Argument of type '{ a: number; }' is not assignable to parameter of type 'B'.\nProperty 'b' is missing in type '{ a: number; }' but required in type 'B'.",
      },
      { code: 'TS5083', severity: 'error', message: "Cannot read file '/x/tsconfig.json'." },
    ]);
    expect(unrecognised).toBe(1);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => void parseTscOutput(text)), { numRuns: 1000 });
  });
});

describe('Vitest JSON reports', () => {
  const report = {
    numTotalTests: 3,
    testResults: [
      {
        name: '/p/test/a.test.ts',
        status: 'failed',
        message: '',
        assertionResults: [
          { fullName: 'math adds', status: 'failed', location: { line: 3, column: 3 }, failureMessages: ['AssertionError: expected 2 to be 3 // Object.is equality\n    at /p/test/a.test.ts:4:19\n    at file:///x/runner.js:1:1'] },
          { fullName: 'math ok', status: 'passed', failureMessages: [] },
          { fullName: 'math later', status: 'skipped', failureMessages: [] },
        ],
      },
      { name: '/p/test/b.test.ts', status: 'failed', message: "Cannot find module './nope' imported from /p/test/b.test.ts", assertionResults: [] },
    ],
  };

  it('puts each failing test at its assertion line and counts broken files', () => {
    const parsed = parseVitestJson(JSON.stringify(report));
    expect(parsed).toMatchObject({ passed: 1, failed: 1, skipped: 1, brokenFiles: 1 });
    expect(parsed.diagnostics).toEqual([
      { file: '/p/test/a.test.ts', line: 4, column: 19, code: 'math adds', severity: 'error', message: 'AssertionError: expected 2 to be 3 // Object.is equality' },
      { file: '/p/test/b.test.ts', line: undefined, column: undefined, code: 'test-file-error', severity: 'error', message: "Cannot find module './nope' imported from /p/test/b.test.ts" },
    ]);
  });

  it('rejects what is not a Vitest report, and only with an Error', () => {
    expect(() => parseVitestJson('{"foo": 1}')).toThrow(/not a Vitest JSON report/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ testResults: [v] }))), (text) => {
        try {
          parseVitestJson(text);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('escomplex on TypeScript', () => {
  it('measures functions and methods of TypeScript with types, decorators and parameter properties', () => {
    const source = [
      "import type { X } from './x';",
      'export interface I { a: number }',
      'enum E { A, B }',
      'export class A implements I {',
      '  a = 1;',
      '  constructor(private x: number, public y = 2) {}',
      '  m(a: number, b?: string): number { if (a) { return 1 } else if (b) { return 2 } return a > 1 ? 3 : 4 }',
      '}',
      'export async function f(x: number): Promise<number> { for (const i of [1] as number[]) { if (i && x!) { return (await g(x)) ?? 0 } } return 0 }',
      'const g = async <T,>(y: T) => y || 2;',
    ].join('\n');
    const metrics = analyzeSource(source, 'a.ts');
    expect(metrics.functions).toContainEqual({ name: 'A.m', line: 7, cyclomatic: 4, params: 2 });
    expect(metrics.functions).toContainEqual({ name: 'A.constructor', line: 6, cyclomatic: 1, params: 2 });
    // 1 + for...of + if + && + ??
    expect(metrics.functions).toContainEqual(expect.objectContaining({ name: 'f', line: 9, cyclomatic: 5, params: 1 }));
    expect(metrics.maintainability).toBeGreaterThan(0);
    expect(metrics.maintainability).toBeLessThanOrEqual(171);
  });

  it.each([
    ['for...of', 'function f(x) { for (const i of x) { g(i) } }', 2],
    ['for...in', 'function f(x) { for (const i in x) { g(i) } }', 2],
    ['catch', 'function f() { try { g() } catch { h() } }', 2],
    ['??', 'function f(x) { return x ?? 1 }', 2],
    ['||', 'function f(x) { return x || 1 }', 2],
    ['switch cases', 'function f(x) { switch (x) { case 1: return 1; case 2: return 2; default: return 0 } }', 3],
  ])('counts %s as a branch', (_what, source, expected) => {
    expect(analyzeSource(source, 'a.ts').functions[0]?.cyclomatic).toBe(expected);
  });

  it('reads TSX', () => {
    const metrics = analyzeSource('export const C = (p: { a?: boolean }) => p.a ? <div>yes</div> : <span>no</span>;\n', 'c.tsx');
    expect(metrics.functions[0]).toMatchObject({ cyclomatic: 2, params: 1 });
  });

  it('measures code TypeScript accepts and Babel alone would reject (a required tuple element after an optional one)', () => {
    const source = 'type Args = [a?: string, b: number];\nexport function f(...args: Args): number {\n  return args.length > 1 ? 1 : 0;\n}\n';
    expect(analyzeSource(source, 'types.test-d.ts').functions).toEqual([expect.objectContaining({ name: 'f', line: 2, cyclomatic: 2 })]);
  });

  it('reports a syntax error with its line instead of guessing', () => {
    expect(() => analyzeSource('export function (\n', 'bad.ts')).toThrow(SourceParseError);
  });

  it('throws only SourceParseError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          analyzeSource(text, 'x.ts');
        } catch (error) {
          expect(error).toBeInstanceOf(SourceParseError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
