import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate, makeProject, parseJsonReport, type JsonGate, type Project } from './helpers/project.js';

/**
 * The test gate after the whole suite passed: only the tests that import the changed files run,
 * and every change that can reach a test another way runs the whole suite. Real Vitest, a real
 * git repository, one project walked through the cases in order (each step starts green).
 */
const A = 'export function a(): number {\n  return 1;\n}\n';
const B = 'export function b(): number {\n  return 2;\n}\n';
const FILES = {
  '.gitignore': 'node_modules\n.gatekeeper/\n',
  // The cache lives in node_modules/.cache when node_modules exists; make it exist from the start.
  'node_modules/.keep': '',
  'package.json': JSON.stringify({ name: 'since-green', private: true, type: 'module' }),
  '.gatekeeper.json': JSON.stringify({ gates: [{ id: 'tests', kind: 'test' }] }),
  'src/a.ts': A,
  'src/b.ts': B,
  'src/unused.ts': 'export const unused = 3;\n',
  'test/data.json': '{ "ok": true }\n',
  'test/a.test.ts': "import { expect, it } from 'vitest';\nimport { a } from '../src/a.js';\nit('a', () => expect(a()).toBe(1));\n",
  'test/b.test.ts': "import { expect, it } from 'vitest';\nimport { b } from '../src/b.js';\nit('b', () => expect(b()).toBe(2));\n",
  'test/data.test.ts':
    "import { readFileSync } from 'node:fs';\nimport { expect, it } from 'vitest';\nit('data', () => expect(JSON.parse(readFileSync(new URL('./data.json', import.meta.url), 'utf8'))).toEqual({ ok: true }));\n",
};
const WHOLE = '3 passed, 0 failed';

let p: Project;

async function tests(...flags: string[]): Promise<JsonGate> {
  const result = await p.gatekeeper(['run', '--json', ...flags]);
  return gate(parseJsonReport(result.stdout), 'tests');
}

beforeAll(async () => {
  p = await makeProject('since-green', FILES);
}, 60_000);

afterAll(() => p.cleanup());

describe('the test gate after the whole suite passed', () => {
  it('runs the whole suite first, then only the tests that import a changed module', async () => {
    expect(await tests()).toMatchObject({ status: 'passed', summary: WHOLE, cached: false });
    p.write('src/a.ts', `// a comment\n${A}`);
    expect(await tests()).toMatchObject({ status: 'passed', summary: '1 passed, 0 failed: the tests that import the 1 file changed since the whole suite last passed' });
  });

  it('fails when a related test fails', async () => {
    p.write('src/a.ts', A.replace('return 1', 'return 5'));
    const result = await tests();
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('0 passed, 1 failed');
    p.write('src/a.ts', A);
  });

  it('passes a change no test imports, on the strength of the last whole-suite pass', async () => {
    p.write('src/unused.ts', 'export const unused = 4;\n');
    expect(await tests()).toMatchObject({ status: 'passed', summary: 'no test imports the 1 file changed since the whole suite last passed' });
  });

  it('runs the whole suite when a non-module file changed, and so catches what related tests miss', async () => {
    p.write('test/data.json', '{ "ok": false }\n');
    const result = await tests();
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('2 passed, 1 failed');
    p.write('test/data.json', '{ "ok": true }\n');
  });

  it('runs the whole suite when a module was deleted, and so sees its importers break', async () => {
    p.remove('src/b.ts');
    const result = await tests();
    expect(result.status).toBe('failed');
    expect(result.summary).toContain('1 test file failed to load');
    p.write('src/b.ts', B);
  });

  it('runs the whole suite when a config at the project root changed', async () => {
    p.write('vitest.config.ts', "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['test/a.test.ts'] } });\n");
    expect(await tests()).toMatchObject({ status: 'passed', summary: '1 passed, 0 failed' });
    p.remove('vitest.config.ts');
  });

  it('runs the whole suite under --no-cache', async () => {
    p.write('src/a.ts', `// another comment\n${A}`);
    expect(await tests('--no-cache')).toMatchObject({ status: 'passed', summary: WHOLE });
  });

  it('runs the whole suite with "incremental": false', async () => {
    // A new config entry is new settings: the first run is whole anyway; the second one is the proof.
    p.write('.gatekeeper.json', JSON.stringify({ gates: [{ id: 'tests', kind: 'test', incremental: false }] }));
    expect(await tests()).toMatchObject({ status: 'passed', summary: WHOLE });
    p.write('src/b.ts', `// a comment\n${B}`);
    expect(await tests()).toMatchObject({ status: 'passed', summary: WHOLE, cached: false });
  });
});
