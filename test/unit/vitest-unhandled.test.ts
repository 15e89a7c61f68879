import { describe, expect, it } from 'vitest';
import { unhandledErrors } from '../../gates/test/vitest-unhandled.js';

// Vitest 4's default reporter, as unjs/ufo's `vitest run --typecheck` printed it with a type error in src/index.ts.
const UFO = [
  ' ✓ test/is-same.test.ts (5 tests) 10ms',
  ' ✓  TS  test/types.test-d.ts (2 tests)',
  '⎯⎯⎯⎯⎯⎯ Unhandled Errors ⎯⎯⎯⎯⎯⎯',
  '',
  'Vitest caught 1 unhandled error during the test run.',
  'This might cause false positive tests. Resolve unhandled errors to make sure your tests are not affected.',
  '',
  '⎯⎯⎯ Unhandled Source Error ⎯⎯⎯',
  "TypeCheckError: Type 'string' is not assignable to type 'number'.",
  ' ❯ src/index.ts:6:14',
  '      4| export * from "./url";',
  '      6| export const broken: number = "x";',
  '       |              ^',
  '',
  '⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯',
  '',
  ' Test Files  14 passed (14)',
  '      Tests  487 passed (487)',
  '     Errors  1 error',
].join('\n');

describe('unhandledErrors (Vitest\'s "Unhandled …" banners)', () => {
  it('reads a --typecheck source error at its file and line', () => {
    expect(unhandledErrors(UFO)).toEqual([
      { file: 'src/index.ts', line: 6, column: 14, code: 'TypeCheckError', message: "Unhandled Source Error: Type 'string' is not assignable to type 'number'.", severity: 'error' },
    ]);
  });

  it('places a rejection at its first frame outside node_modules, and keeps one without a project frame unplaced', () => {
    const output = [
      '⎯⎯⎯⎯ Unhandled Rejection ⎯⎯⎯⎯',
      'Error: connection refused',
      ' ❯ connect node_modules/pg/lib/client.js:10:5',
      ' ❯ openDb src/db.ts:3:9',
      '',
      '⎯⎯⎯⎯ Unhandled Error ⎯⎯⎯⎯',
      'TypeError: x is not a function',
      ' ❯ node:internal/process/task_queues:95:5',
      '',
    ].join('\n');
    expect(unhandledErrors(output)).toEqual([
      { file: 'src/db.ts', line: 3, column: 9, code: 'Error', message: 'Unhandled Rejection: connection refused', severity: 'error' },
      { code: 'TypeError', message: 'Unhandled Error: x is not a function', severity: 'error' },
    ]);
  });

  it('finds nothing in a clean run', () => {
    expect(unhandledErrors(' Test Files  1 passed (1)\n      Tests  3 passed (3)\n')).toEqual([]);
  });
});
