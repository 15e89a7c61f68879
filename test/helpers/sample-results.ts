import type { GateResult } from '../../src/core/result.js';
import type { RunReport } from '../../src/report/reporter.js';

/**
 * A fixed run with every status and values that need escaping in each format: a path with a
 * comma, colon and space, messages with %, CR/LF, <, & and quotes, tool output with colour codes
 * and a line that looks like a workflow command.
 */
export const SAMPLE_RESULTS: GateResult[] = [
  {
    id: 'types',
    kind: 'typecheck',
    status: 'failed',
    diagnostics: [
      { file: 'src/b.ts', line: 7, column: 3, code: 'TS2345', severity: 'error', message: "Argument of type 'Promise<string>' is not assignable.\nType \"a\" & 'b' differ." },
      { file: 'src/a,b:c d.ts', line: 2, column: 9, code: 'TS2322', severity: 'error', message: 'Type 100% wrong\r\nsecond line' },
    ],
    summary: '2 type errors in 2 files',
    output: "src/a,b:c d.ts(2,9): error TS2322: Type 100% wrong\n::error::injected\n",
    durationMs: 1234,
    cached: false,
    tool: { name: 'tsc', version: '6.0.3' },
  },
  {
    id: 'lint',
    kind: 'lint',
    status: 'passed',
    diagnostics: [{ file: 'src/a.ts', line: 4, column: 1, endLine: 4, endColumn: 10, code: 'prefer-const', severity: 'warning', message: "'x' is never reassigned." }],
    summary: '1 warning, no errors in 3 files',
    output: '',
    durationMs: 80,
    cached: true,
    tool: { name: 'eslint', version: '10.15.0' },
  },
  {
    id: 'build',
    kind: 'build',
    status: 'errored',
    diagnostics: [],
    summary: '`npm run build` timed out after 5 s; its process group was killed',
    output: '\u001b[31mbundling src/math.ts\u001b[39m\n\u0007bell & <done>\n',
    durationMs: 5002,
    cached: false,
  },
  {
    id: 'tests',
    kind: 'test',
    status: 'failed',
    diagnostics: [
      { file: 'test/math.test.ts', line: 6, column: 23, code: 'add > adds <two> & "more"', severity: 'error', message: 'expected 4 to be 5 // Object.is equality' },
      { file: 'test/math.test.ts', line: 12, code: 'add > subtracts: negative, zero', severity: 'error', message: 'expected -1 to be 1' },
    ],
    summary: '3 passed, 2 failed',
    output: 'FAIL test/math.test.ts > add > adds',
    durationMs: 900,
    cached: false,
    tool: { name: 'vitest', version: '4.1.12' },
  },
  { id: 'complexity', kind: 'complexity', status: 'skipped', diagnostics: [], summary: 'not run: types failed (fail-fast)', output: '', durationMs: 0, cached: false },
];

export function sampleReport(results: GateResult[] = SAMPLE_RESULTS): RunReport {
  return {
    ok: false,
    results,
    durationMs: 7300,
    scope: { mode: 'changed', files: ['src/a.ts'], base: 'abc123', description: 'files changed since origin/main' },
    configFile: '/repo/.gatekeeper.json',
    repoRoot: '/repo',
  };
}
