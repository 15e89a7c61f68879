import { describe, expect, it } from 'vitest';
import { mapBaseLine } from '../../src/baseline/line-map.js';
import { matchByLines } from '../../src/baseline/match-lines.js';
import { complexityIdentity, matchByIdentity } from '../../src/baseline/match-keyed.js';
import { errorLines, sameFailureOutput } from '../../src/baseline/match-output.js';
import { holdGate } from '../../src/baseline/hold-gate.js';
import type { Sides } from '../../src/baseline/sides.js';
import type { Diagnostic, GateResult } from '../../src/core/result.js';
import type { Hunk } from '../../src/git/tree-diff.js';

function sides(current: Record<string, string[]>, base: Record<string, string[]>, hunks: Record<string, Hunk[]> = {}, renamedFrom: Record<string, string> = {}): Sides {
  const diff = { renamedFrom: new Map(Object.entries(renamedFrom)), hunks: new Map(Object.entries(hunks)), added: new Set<string>() };
  return { diff, basePathOf: (f) => diff.renamedFrom.get(f) ?? f, currentLines: (f) => current[f], baseLines: (f) => base[f] };
}

const lint = (file: string, line: number, message = "Unexpected 'debugger' statement."): Diagnostic => ({ file, line, code: 'no-debugger', message, severity: 'error' });

describe('base lines through the hunks of a zero-context diff', () => {
  it('shifts a line below an insertion, keeps one above, and loses a changed one', () => {
    const hunks: Hunk[] = [
      { oldStart: 3, oldCount: 0, newStart: 4, newCount: 20 },
      { oldStart: 10, oldCount: 2, newStart: 30, newCount: 1 },
    ];
    expect(mapBaseLine(2, hunks)).toBe(2);
    expect(mapBaseLine(4, hunks)).toBe(24);
    expect(mapBaseLine(10, hunks)).toBeUndefined();
    expect(mapBaseLine(11, hunks)).toBeUndefined();
    expect(mapBaseLine(12, hunks)).toBe(31);
    expect(mapBaseLine(7, undefined)).toBe(7);
  });
});

describe('matching line-level findings', () => {
  it('a second identical finding in the same file is new: each base finding is used once', () => {
    const s = sides({ 'a.ts': [] }, { 'a.ts': [] }, { 'a.ts': [{ oldStart: 5, oldCount: 0, newStart: 6, newCount: 3 }] });
    const m = matchByLines([lint('a.ts', 2), lint('a.ts', 7)], [lint('a.ts', 2)], s);
    expect(m.existing).toEqual([true, false]);
    expect(m.absent).toEqual([]);
  });

  it('follows a rename and a re-indented line; what nothing matches is absent', () => {
    const s = sides({ 'b.ts': ['x', '    debugger;'] }, { 'a.ts': ['  debugger;'] }, { 'b.ts': [{ oldStart: 1, oldCount: 1, newStart: 1, newCount: 2 }] }, { 'b.ts': 'a.ts' });
    const m = matchByLines([lint('b.ts', 2)], [lint('a.ts', 1), lint('a.ts', 9, 'other')], s);
    expect(m.existing).toEqual([true]);
    expect(m.absent.map((d) => d.line)).toEqual([9]);
  });
});

describe('matching complexity by function and value', () => {
  const cc = (name: string, value: number): Diagnostic => ({ file: 'a.ts', line: 1, code: 'cyclomatic', severity: 'error', message: `function ${name} has cyclomatic complexity ${value} (max 10)` });
  it('the same or lower value is existing; higher is new, and the base finding is not reported absent', () => {
    const s = sides({}, {});
    expect(matchByIdentity([cc('f', 15)], [cc('f', 15)], s, complexityIdentity).existing).toEqual([true]);
    expect(matchByIdentity([cc('f', 12)], [cc('f', 15)], s, complexityIdentity).existing).toEqual([true]);
    const worse = matchByIdentity([cc('f', 16)], [cc('f', 15)], s, complexityIdentity);
    expect(worse).toEqual({ existing: [false], absent: [] });
    expect(matchByIdentity([cc('g', 11)], [cc('f', 15)], s, complexityIdentity).existing).toEqual([false]);
  });
});

describe('a failure without diagnostics is judged by its error lines', () => {
  it('ignores paths, numbers and colours', () => {
    expect(errorLines('\u001b[31mError: /tmp/x/y/src/a.ts failed after 12ms\u001b[0m\nok', ['/tmp/x'])).toEqual(['Error: <root>a.ts failed after #ms']);
    expect(sameFailureOutput('Error: <r>/a.ts:3', 'Error: <r>/a.ts:9', [], [])).toBe(true);
    expect(sameFailureOutput('Error: a', 'Error: b', [], [])).toBe(false);
  });
});

describe('holding a gate', () => {
  const failed = (diagnostics: Diagnostic[], kind = 'lint'): GateResult => ({ id: kind, kind, status: 'failed', diagnostics, summary: 'x', output: '', durationMs: 1, cached: false });
  it('passes a gate whose findings are all pre-existing, keeps one with a new finding failing (new first)', () => {
    const s = sides({ 'a.ts': [] }, { 'a.ts': [] });
    expect(holdGate(failed([lint('a.ts', 2)]), { result: failed([lint('a.ts', 2)]), roots: [] }, s, 'abc', []).status).toBe('passed');
    const mixed = holdGate(failed([lint('a.ts', 2), lint('a.ts', 9, 'new')]), { result: failed([lint('a.ts', 2)]), roots: [] }, s, 'abc', []);
    expect(mixed.status).toBe('failed');
    expect(mixed.diagnostics.map((d) => [d.line, d.baseline])).toEqual([[9, 'new'], [2, 'existing']]);
  });

  it('never excuses on an unknown base, an errored base, an errored gate or the guard', () => {
    const s = sides({ 'a.ts': [] }, { 'a.ts': [] });
    const current = failed([lint('a.ts', 2)]);
    expect(holdGate(current, { unknown: 'shallow' }, s, 'abc', []).status).toBe('failed');
    expect(holdGate(current, { result: { ...current, status: 'errored' }, roots: [] }, s, 'abc', []).status).toBe('failed');
    expect(holdGate({ ...current, status: 'errored' }, { result: current, roots: [] }, s, 'abc', []).status).toBe('errored');
    expect(holdGate(failed([lint('a.ts', 2)], 'guard'), { result: failed([lint('a.ts', 2)], 'guard'), roots: [] }, s, 'abc', []).status).toBe('failed');
  });
});

describe('a gate skipped on the base', () => {
  it('(a new file: the base had nothing in scope) is compared as a base without findings: every finding is new and blocks', () => {
    const current: GateResult = { id: 'lint', kind: 'lint', status: 'failed', summary: '1 error', durationMs: 1, cached: false, output: '', diagnostics: [lint('src/new.ts', 2)] };
    const base: GateResult = { ...current, status: 'skipped', summary: 'no changed files to lint', diagnostics: [] };
    const held = holdGate(current, { result: base, roots: [] }, undefined, 'abc', []);
    expect(held.status).toBe('failed');
    expect(held.baseline).toEqual({ base: 'abc', new: 1, existing: 0, absent: [] });
    expect(held.diagnostics.map((d) => d.baseline)).toEqual(['new']);
  });
});
