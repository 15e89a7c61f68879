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

  it("reads Jest's coloured messages (--colors, FORCE_COLOR) as plain expected and received", () => {
    // Captured from Jest 30 with --colors: the matcher hint and the values wrapped in SGR codes.
    const coloured =
      'Error: \u001b[2mexpect(\u001b[22m\u001b[31mreceived\u001b[39m\u001b[2m).\u001b[22mtoBe\u001b[2m(\u001b[22m\u001b[32mexpected\u001b[39m\u001b[2m) // Object.is equality\u001b[22m\n\nExpected: \u001b[32m5\u001b[39m\nReceived: \u001b[31m4\u001b[39m\n    at Object.toBe (/p/test/math.test.js:3:21)\n    at Promise.finally.completed (/p/node_modules/jest-circus/build/jestAdapterInit.js:1834:28)';
    const report = { testResults: [{ name: '/p/test/math.test.js', status: 'failed', assertionResults: [{ fullName: 'adds', status: 'failed', failureMessages: [coloured] }] }] };
    const [adds] = parseVitestJson(JSON.stringify(report), 'Jest').diagnostics;
    expect(adds).toMatchObject({ line: 3, column: 21, message: 'Error: expect(received).toBe(expected) // Object.is equality\nExpected: 5\nReceived: 4' });
  });
});
