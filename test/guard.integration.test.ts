import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gate, makeProject, parseJsonReport, type JsonGate, type Project } from './helpers/project.js';

/**
 * The guard on a real git repository: each cheat an agent (or a tired human) might use is made
 * in the work tree, `gatekeeper run` is asked about it, and the tree is reset for the next one.
 * Cheating lines are spelt in capitals and lowered here, so this file holds none itself.
 */
const cheat = (text: string): string => text.replace(/SKIP|ONLY/g, (m) => m.toLowerCase());

const CONFIG = JSON.stringify(
  {
    gates: [
      { id: 'guard', kind: 'guard' },
      { id: 'cx', kind: 'complexity', maxCyclomatic: 8 },
      { id: 'lint', kind: 'lint', maxWarnings: 0 },
    ],
  },
  null,
  2,
);

// Line 3 holds a suppression that was there before the guard looked: it must not count.
const MATH = ['export function add(a: number, b: number): number {', '  return a + b;', '  // @ts-ignore', '}', ''].join('\n');

const TESTS = [
  "import { expect, it } from 'vitest';",
  "import { add } from '../src/math.js';",
  '',
  "it('adds', () => expect(add(1, 2)).toBe(3));",
  "it('adds zero', () => expect(add(1, 0)).toBe(1));",
  "it('adds negatives', () => expect(add(-1, -2)).toBe(-3));",
  '',
].join('\n');

const FILES = {
  '.gitignore': '.gatekeeper/\n',
  '.gatekeeper.json': CONFIG,
  'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
  'src/math.ts': MATH,
  'test/math.test.ts': TESTS,
};

let project: Project;
beforeAll(async () => {
  project = await makeProject('guard', FILES);
});
afterAll(() => project.cleanup());
beforeEach(async () => {
  await project.git('checkout', '-q', '-f', 'main');
  await project.git('clean', '-fdq');
});

async function guard(args: string[] = []): Promise<{ exitCode: number; guard: JsonGate }> {
  const result = await project.gatekeeper(['run', '--only', 'guard', '--json', ...args]);
  return { exitCode: result.exitCode, guard: gate(parseJsonReport(result.stdout), 'guard') };
}

/** A finding blocks: the gate failed, the run exits 1, and no finding was downgraded to a warning. */
async function blockedGuard(args: string[] = []): Promise<JsonGate> {
  const { exitCode, guard: g } = await guard(args);
  expect(g.status).toBe('failed');
  expect(exitCode).toBe(1);
  expect(g.diagnostics.length).toBeGreaterThan(0);
  expect(g.diagnostics.map((d) => d.severity)).toEqual(g.diagnostics.map(() => 'error'));
  return g;
}

function lines(text: string, at: number, ...inserted: string[]): string {
  const all = text.split('\n');
  all.splice(at - 1, 0, ...inserted);
  return all.join('\n');
}

describe('the guard gate', () => {
  it('passes an honest change, including one in a file with a suppression that was already there', async () => {
    project.write('src/math.ts', `${MATH}export function sub(a: number, b: number): number {\n  return a - b;\n}\n`);
    project.write('test/math.test.ts', `${TESTS}it('subtracts', () => expect(1 - 1).toBe(0));\n`);
    const { exitCode, guard: g } = await guard();
    expect(g.status).toBe('passed');
    expect(g.diagnostics).toEqual([]);
    expect(g.summary).toMatch(/^nothing loosened since [0-9a-f]{7}$/);
    expect(exitCode).toBe(0);
  });

  it('fails on a new @ts-ignore at its file and line', async () => {
    project.write('src/math.ts', lines(MATH, 2, '  // @ts-ignore'));
    const { exitCode, guard: g } = await guard();
    expect(exitCode).toBe(1);
    expect(g.status).toBe('failed');
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'src/math.ts', line: 2, code: 'ts-suppression', severity: 'error' })]);
  });

  it('fails on a new eslint-disable comment', async () => {
    project.write('src/math.ts', lines(MATH, 1, '/* eslint-disable no-debugger */'));
    const g = await blockedGuard();
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'src/math.ts', line: 1, code: 'eslint-disable' })]);
  });

  it('fails on a skipped and on a focused test, at their lines', async () => {
    project.write('test/math.test.ts', cheat(TESTS.replace("it('adds zero'", "it.SKIP('adds zero'").replace("it('adds negatives'", "it.ONLY('adds negatives'")));
    const g = await blockedGuard();
    expect(g.diagnostics).toEqual([
      expect.objectContaining({ file: 'test/math.test.ts', line: 5, column: 1, code: 'focused-or-skipped-test' }),
      expect.objectContaining({ file: 'test/math.test.ts', line: 6, column: 1, code: 'focused-or-skipped-test' }),
    ]);
  });

  it('sees untracked files too: a new test file with a focused test (but nothing in node_modules)', async () => {
    project.write('test/extra.test.ts', cheat("import { it } from 'vitest';\nit.ONLY('x', () => {});\n"));
    project.write('node_modules/dep/index.js', '// @ts-ignore\n');
    const g = await blockedGuard();
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'test/extra.test.ts', line: 2, code: 'focused-or-skipped-test' })]);
  });

  it('fails when a test file is deleted', async () => {
    project.remove('test/math.test.ts');
    const g = await blockedGuard();
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'test/math.test.ts', code: 'test-deleted' })]);
    expect(g.diagnostics[0]?.message).toContain('it had 3 tests');
  });

  it('fails when a test file is emptied', async () => {
    project.write('test/math.test.ts', '');
    const g = await blockedGuard();
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'test/math.test.ts', line: 1, code: 'test-emptied' })]);
  });

  it('fails when a test is removed or commented out, pointing where it was', async () => {
    project.write('test/math.test.ts', TESTS.replace("it('adds zero'", "// it('adds zero'"));
    const g = await blockedGuard();
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'test/math.test.ts', line: 5, code: 'fewer-tests' })]);
    expect(g.diagnostics[0]?.message).toBe('test/math.test.ts declares 2 tests, 3 at the base: 1 test removed');
  });

  it('fails when tsconfig.json is edited, and on a file named by the protect option', async () => {
    project.write('tsconfig.json', '{ "compilerOptions": { "strict": false } }\n');
    const g = await blockedGuard();
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'tsconfig.json', line: 1, code: 'protected-file' })]);

    await project.git('reset', '-q', '--hard');
    await project.git('checkout', '-q', '-b', 'protect');
    project.write('.gatekeeper.json', CONFIG.replace('"kind": "guard"', '"kind": "guard", "protect": ["ci/**"]'));
    await project.commitAll('protect ci/');
    project.write('ci/check.sh', 'exit 0\n');
    const protectedByOption = { guard: await blockedGuard() };
    expect(protectedByOption.guard.diagnostics).toEqual([expect.objectContaining({ file: 'ci/check.sh', line: 1, code: 'protected-file' })]);
  });

  it('fails when a gate is removed from .gatekeeper.json', async () => {
    const config = JSON.parse(CONFIG) as { gates: { id: string }[] };
    project.write('.gatekeeper.json', JSON.stringify({ gates: config.gates.filter((g) => g.id !== 'lint') }, null, 2));
    const g = await blockedGuard();
    expect(g.diagnostics).toContainEqual(expect.objectContaining({ file: '.gatekeeper.json', line: 2, code: 'gate-removed', message: 'gate "lint" (lint) was removed' }));
    expect(g.diagnostics).toContainEqual(expect.objectContaining({ file: '.gatekeeper.json', code: 'protected-file' }));
  });

  it('fails when a threshold is raised, at the line of the threshold', async () => {
    project.write('.gatekeeper.json', CONFIG.replace('"maxCyclomatic": 8', '"maxCyclomatic": 30'));
    const g = await blockedGuard();
    const line = CONFIG.split('\n').findIndex((l) => l.includes('maxCyclomatic')) + 1;
    expect(g.diagnostics).toContainEqual(expect.objectContaining({ file: '.gatekeeper.json', line, code: 'threshold-raised', message: 'gate "cx": maxCyclomatic loosened from 8 to 30' }));
  });

  it('leaves the index, the objects, the branch and the files exactly as they were', async () => {
    project.write('src/math.ts', lines(MATH, 2, '  // @ts-ignore'));
    project.write('src/new.ts', 'export const x = 1;\n');
    await project.git('add', 'src/math.ts');
    const before = await project.git('status', '--porcelain=v2', '--branch');
    const objectsBefore = await project.git('count-objects', '-v');
    const { guard: g } = await guard();
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'src/math.ts', code: 'ts-suppression' })]);
    expect(await project.git('status', '--porcelain=v2', '--branch')).toBe(before);
    // Not even a loose object: the untracked file's blob went to a throw-away object folder.
    expect(await project.git('count-objects', '-v')).toBe(objectsBefore);
  });
});

describe('the guard with --since and a Gate-Loosened trailer', () => {
  it('fails on a committed loosening without a trailer, and turns it into a visible warning with one', async () => {
    await project.git('checkout', '-q', '-b', 'no-trailer');
    project.write('.gatekeeper.json', CONFIG.replace('"maxCyclomatic": 8', '"maxCyclomatic": 12'));
    await project.commitAll('raise the complexity limit');
    const without = await guard(['--since', 'main']);
    expect(without.exitCode).toBe(1);
    expect(without.guard.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['protected-file', 'error'],
      ['threshold-raised', 'error'],
    ]);

    await project.git('checkout', '-q', 'main');
    await project.git('checkout', '-q', '-b', 'with-trailer');
    project.write('.gatekeeper.json', CONFIG.replace('"maxCyclomatic": 8', '"maxCyclomatic": 12'));
    await project.git('add', '-A');
    await project.git('commit', '-q', '-m', 'Raise the complexity limit\n\nThe parser is one big switch.\n\nGate-Loosened: the parser is one big switch');
    const allowed = await guard(['--since', 'main']);
    expect(allowed.exitCode).toBe(0);
    expect(allowed.guard.status).toBe('passed');
    expect(allowed.guard.summary).toBe('2 findings allowed by Gate-Loosened: the parser is one big switch');
    expect(allowed.guard.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['protected-file', 'warning'],
      ['threshold-raised', 'warning'],
    ]);

    // The trailer covers its own commit's files, not a new cheat on top of it.
    project.write('src/math.ts', lines(MATH, 2, '  // @ts-ignore'));
    const onTop = await guard(['--since', 'main']);
    expect(onTop.exitCode).toBe(1);
    expect(onTop.guard.summary).toBe('1 guard finding in 1 file; 2 findings allowed by Gate-Loosened: the parser is one big switch');

    // And with allowTrailer off, the trailer counts for nothing.
    project.write('src/math.ts', MATH);
    project.write('.gatekeeper.json', CONFIG.replace('"maxCyclomatic": 8', '"maxCyclomatic": 12').replace('"kind": "guard"', '"kind": "guard", "allowTrailer": false'));
    const strict = await guard(['--since', 'main']);
    expect(strict.exitCode).toBe(1);
    expect(strict.guard.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('covers only what the trailer commit did: not a later edit of the same file, committed or not', async () => {
    await project.git('checkout', '-q', 'main');
    await project.git('checkout', '-q', '-b', 'trailer-then-more');
    project.write('src/math.ts', lines(MATH, 2, '  // @ts-ignore'));
    await project.git('add', '-A');
    await project.git('commit', '-q', '-m', 'Silence one error on purpose\n\nGate-Loosened: a vendored signature is wrong');
    const vouched = await guard(['--since', 'main']);
    expect(vouched.guard).toMatchObject({ status: 'passed' });

    // An uncommitted suppression in the same file is not what the trailer vouched for.
    project.write('src/math.ts', lines(lines(MATH, 2, '  // @ts-ignore'), 1, '// @ts-nocheck'));
    const dirty = await guard(['--since', 'main']);
    expect(dirty.exitCode).toBe(1);
    expect(dirty.guard.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toContain('ts-suppression');

    // Nor is a later commit without the trailer.
    await project.commitAll('more suppressions');
    const later = await guard(['--since', 'main']);
    expect(later.exitCode).toBe(1);
    await project.git('checkout', '-q', '-f', 'main');
  });

  it('does not honour a trailer when the base is one of the loop\'s checkpoints', async () => {
    await project.git('checkout', '-q', '-b', 'agent');
    const checkpoint = (await project.git('rev-parse', 'HEAD')).trim();
    await project.git('update-ref', 'refs/gatekeeper/checkpoints/test-1', checkpoint);
    project.write('tsconfig.json', '{}\n');
    await project.git('add', '-A');
    await project.git('commit', '-q', '-m', 'loosen\n\nGate-Loosened: the agent says so');
    const result = await guard(['--since', 'refs/gatekeeper/checkpoints/test-1']);
    expect(result.exitCode).toBe(1);
    expect(result.guard.diagnostics).toEqual([expect.objectContaining({ file: 'tsconfig.json', code: 'protected-file', severity: 'error' })]);
    await project.git('update-ref', '-d', 'refs/gatekeeper/checkpoints/test-1');
  });
});

describe('the guard in a project inside a larger repository', () => {
  it('reports repo-relative paths, reads its globs from the project root and ignores the rest of the repository', async () => {
    const mono = await makeProject('guard-mono', {
      '.gitignore': '.gatekeeper/\n',
      'tsconfig.json': '{}\n',
      'other/x.ts': 'export const x = 1;\n',
      'pkg/.gatekeeper.json': JSON.stringify({ gates: [{ id: 'guard', kind: 'guard', protect: ['src/locked.ts'] }] }, null, 2),
      'pkg/src/locked.ts': 'export const locked = 1;\n',
      'pkg/test/a.test.ts': "it('a', () => {});\nit('b', () => {});\n",
    });
    try {
      mono.write('tsconfig.json', '{ "strict": false }\n');
      mono.write('other/x.ts', '// @ts-ignore\nexport const x = 1;\n');
      // A same-size edit within a second of the commit: only a content check tells it apart (racy git).
      mono.write('pkg/src/locked.ts', 'export const locked = 2;\n');
      mono.write('pkg/test/a.test.ts', "it('a', () => {});\n");
      const result = await mono.gatekeeper(['run', '--json'], { cwd: `${mono.dir}/pkg` });
      expect(result.exitCode).toBe(1);
      const g = gate(parseJsonReport(result.stdout), 'guard');
      expect(g.diagnostics.map((d) => [d.file, d.code])).toEqual([
        ['pkg/test/a.test.ts', 'fewer-tests'],
        ['pkg/src/locked.ts', 'protected-file'],
      ]);
    } finally {
      mono.cleanup();
    }
  });
});
