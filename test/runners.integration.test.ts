import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic, GateResult } from '../src/core/result.js';
import { buildDigest } from '../src/loop/digest.js';
import { failuresOf, fingerprintOf } from '../src/loop/fingerprint.js';
import { gate, makeProject, parseJsonReport, type JsonGate, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function project(name: string, files: Record<string, string>, gates: unknown[] = [{ id: 'tests', kind: 'test' }]): Promise<Project> {
  const p = await makeProject(name, {
    '.gitignore': 'node_modules\n.gatekeeper/\n',
    '.gatekeeper.json': JSON.stringify({ failFast: false, gates }),
    ...files,
  });
  projects.push(p);
  return p;
}

/** The loop's digest of a gate as `run --json` reported it. */
function digestOfJson(json: JsonGate): string {
  const diagnostics = json.diagnostics.map((d) => ({
    message: d.message,
    severity: d.severity as Diagnostic['severity'],
    ...(d.file !== null ? { file: d.file } : {}),
    ...(d.line !== null ? { line: d.line } : {}),
    ...(d.column !== null ? { column: d.column } : {}),
    ...(d.code !== null ? { code: d.code } : {}),
  }));
  const results: GateResult[] = [{ ...json, status: json.status as GateResult['status'], diagnostics, output: '' }];
  const current = failuresOf(results);
  return buildDigest({ results, attempt: 1, maxAttempts: 5, budget: 6000, logsPath: 'logs/', readSource: () => undefined, current, fingerprint: fingerprintOf(current), history: [], fingerprints: [] });
}

async function testGate(p: Project, args: string[] = []) {
  const result = await p.gatekeeper(['run', '--json', ...args]);
  return { exitCode: result.exitCode, tests: gate(parseJsonReport(result.stdout), 'tests') };
}

describe('Jest (detected from the test script)', () => {
  const jestProject = {
    'package.json': JSON.stringify({ name: 'jest-fixture', scripts: { test: 'jest' } }),
    'src/math.js': 'exports.add = (a, b) => a + b;\n',
    'src/words.js': 'exports.shout = (s) => s.toUpperCase();\n',
    'test/math.test.js': "const { add } = require('../src/math');\ndescribe('math', () => {\n  test('adds', () => {\n    expect(add(1, 1)).toBe(2);\n  });\n  test('adds again', () => {\n    expect(add(2, 2)).toBe(5);\n  });\n});\n",
    'test/words.test.js': "const { shout } = require('../src/words');\ntest('shouts', () => {\n  expect(shout('a')).toBe('A');\n});\n",
  };

  it('fails a failing test at its assertion line with expected, received and the project frame, in the digest too; fixed, it passes', async () => {
    const p = await project('jest', {
      ...jestProject,
      'src/sign.js': "exports.sign = (n) => {\n  if (n < 0) throw new Error('negative: ' + n);\n  return 1;\n};\n",
      'test/sign.test.js': "const { sign } = require('../src/sign');\ntest('signs', () => {\n  expect(sign(-1)).toBe(-1);\n});\n",
    });
    const { exitCode, tests } = await testGate(p);
    expect(exitCode).toBe(1);
    expect(tests).toMatchObject({ status: 'failed', summary: '2 passed, 2 failed' });
    const byFile = [...tests.diagnostics].sort((a, b) => String(a.file).localeCompare(String(b.file)));
    expect(byFile).toEqual([
      expect.objectContaining({ file: 'test/math.test.js', line: 7, code: 'math adds again', message: expect.stringContaining('Expected: 5\nReceived: 4') }),
      // Thrown in the code under test: the first frame in the project's code, not jest-circus's or Node's.
      expect.objectContaining({ file: 'test/sign.test.js', line: 3, code: 'signs', message: expect.stringMatching(/^Error: negative: -1\nat src\/sign\.js:2:\d+$/) }),
    ]);
    const digest = digestOfJson(tests);
    expect(digest).toContain('test/math.test.js:7:');
    expect(digest).toContain('    Expected: 5\n    Received: 4\n');
    expect(digest).toContain('    at src/sign.js:2:');
    expect(digest).not.toMatch(/node_modules|node:internal/);

    p.write('test/math.test.js', p.read('test/math.test.js').replace('toBe(5)', 'toBe(4)'));
    p.write('test/sign.test.js', p.read('test/sign.test.js').replace('sign(-1)).toBe(-1)', 'sign(1)).toBe(1)'));
    const fixed = await testGate(p);
    expect(fixed.tests).toMatchObject({ status: 'passed', summary: '4 passed, 0 failed' });
    expect(fixed.exitCode).toBe(0);
  });

  it('runs only the related tests with --findRelatedTests, and skips when none relate', async () => {
    const p = await project('jest-related', jestProject, [{ id: 'tests', kind: 'test', runner: 'jest', related: true }]);
    p.write('src/words.js', 'exports.shout = (s) => `${s.toUpperCase()}`;\n');
    const related = await testGate(p, ['--since', 'HEAD']);
    // math.test.js fails, but only words.test.js relates to the change.
    expect(related.tests).toMatchObject({ status: 'passed', summary: '1 passed, 0 failed' });

    await p.commitAll('words');
    p.write('README.md', '# docs\n');
    const none = await testGate(p, ['--since', 'HEAD']);
    expect(none.tests).toMatchObject({ status: 'skipped', summary: 'no tests are related to the changed files' });
  });

  it('is errored when no test ran', async () => {
    const p = await project('jest-none', { 'package.json': JSON.stringify({ name: 'jest-none', scripts: { test: 'jest' } }), 'src/math.js': 'exports.add = (a, b) => a + b;\n' });
    const { exitCode, tests } = await testGate(p);
    expect(exitCode).toBe(1);
    expect(tests).toMatchObject({ status: 'errored', summary: expect.stringMatching(/^no tests ran \(jest 30\.\d+\.\d+ collected 0 tests/) });
  });

  it('fails a test file that cannot load', async () => {
    const p = await project('jest-broken', { ...jestProject, 'test/broken.test.js': "require('./nope');\n" });
    const { tests } = await testGate(p);
    expect(tests.status).toBe('failed');
    expect(tests.diagnostics).toContainEqual(expect.objectContaining({ file: 'test/broken.test.js', code: 'test-file-error', message: expect.stringContaining("Cannot find module './nope'") }));
  });
});

describe('node --test (detected from the test script)', () => {
  const nodeProject = {
    'package.json': JSON.stringify({ name: 'node-fixture', type: 'module', scripts: { test: 'node --test' } }),
    'src/math.js': 'export const add = (a, b) => a + b;\n',
    'test/math.test.js': "import { describe, test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from '../src/math.js';\n\ndescribe('math', () => {\n  test('adds', () => {\n    assert.equal(add(1, 1), 2);\n  });\n  test('adds again', () => {\n    assert.equal(add(2, 2), 5);\n  });\n  test.skip('later', () => {});\n});\n",
  };

  it('fails a failing test at its assertion line with the message; fixed, it passes', async () => {
    const p = await project('node-test', nodeProject);
    const { exitCode, tests } = await testGate(p);
    expect(exitCode).toBe(1);
    expect(tests).toMatchObject({ status: 'failed', summary: '1 passed, 1 failed, 1 skipped' });
    expect(tests.diagnostics).toEqual([expect.objectContaining({ file: 'test/math.test.js', line: 10, code: 'adds again', message: expect.stringContaining('4 !== 5') })]);

    p.write('test/math.test.js', p.read('test/math.test.js').replace('5);', '4);'));
    const fixed = await testGate(p);
    expect(fixed.tests).toMatchObject({ status: 'passed', summary: '2 passed, 0 failed, 1 skipped' });
    expect(fixed.exitCode).toBe(0);
  });

  it('is errored when no test ran', async () => {
    const p = await project('node-none', { 'package.json': JSON.stringify({ name: 'node-none', type: 'module', scripts: { test: 'node --test' } }), 'src/math.js': 'export const add = 1;\n' });
    const { tests } = await testGate(p);
    expect(tests).toMatchObject({ status: 'errored', summary: expect.stringContaining('no tests ran') });
  });
});
