import { describe, expect, it } from 'vitest';
import { firstProjectFrame, parseVitestJson } from '../../gates/parse/vitest-json.js';

// failureMessages as Vitest 4 writes them (captured from a real run): an assertion in the test
// file, and an error thrown in the project's source, each followed by Vitest's own frames.
const RUNNER = '    at file:///p/node_modules/@vitest/runner/dist/chunk-artifact.js:302:11\n    at new Promise (<anonymous>)\n    at runWithTimeout (file:///p/node_modules/@vitest/runner/dist/chunk-artifact.js:2272:10)';
const ASSERTION = `AssertionError: expected 4 to be 3 // Object.is equality\n    at /p/test/sum.test.ts:4:21\n${RUNNER}`;
const THROWN = `Error: negative\n    at sum (/p/src/sum.ts:2:20)\n    at /p/test/sum.test.ts:7:10\n${RUNNER}`;
const INTERNAL = `Error: boom\n    at node:internal/process/task_queues:95:5\n    at Object.<anonymous> (/p/node_modules/lib/index.js:1:1)\n    at helper (/p/src/helper.ts:9:3)`;

describe('the first stack frame in the project', () => {
  it('skips node_modules and node internals', () => {
    expect(firstProjectFrame(ASSERTION)).toEqual({ file: '/p/test/sum.test.ts', line: 4, column: 21 });
    expect(firstProjectFrame(THROWN)).toEqual({ file: '/p/src/sum.ts', line: 2, column: 20 });
    expect(firstProjectFrame(INTERNAL)).toEqual({ file: '/p/src/helper.ts', line: 9, column: 3 });
    expect(firstProjectFrame(`Error: x\n${RUNNER}`)).toBeUndefined();
  });

  it('is added to a test failure when it is not the assertion line itself', () => {
    const report = {
      testResults: [
        {
          name: '/p/test/sum.test.ts',
          status: 'failed',
          assertionResults: [
            { fullName: 'adds', status: 'failed', failureMessages: [ASSERTION] },
            { fullName: 'throws', status: 'failed', failureMessages: [THROWN] },
          ],
        },
      ],
    };
    const [adds, throws] = parseVitestJson(JSON.stringify(report)).diagnostics;
    expect(adds).toMatchObject({ line: 4, column: 21, message: 'AssertionError: expected 4 to be 3 // Object.is equality' });
    expect(throws).toMatchObject({ line: 7, column: 10, message: 'Error: negative\nat /p/src/sum.ts:2:20' });
  });
});
