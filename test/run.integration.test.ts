import { symlinkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gate, makeProject, parseJsonReport, REPO, type Project } from './helpers/project.js';
import { complexFunction, mathSource, testSource, tsProjectFiles } from './helpers/ts-project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

describe('gatekeeper run on a real TypeScript project', () => {
  it('finds each seeded fault with its file, line and code, then passes once they are fixed', async () => {
    const project = await makeProject('faults', tsProjectFiles({ typeError: true, lintError: true, complexFunction: true, failingTest: true, failingBuild: true }));
    projects.push(project);

    const failing = await project.gatekeeper(['run', '--json']);
    expect(failing.exitCode).toBe(1);
    const report = parseJsonReport(failing.stdout);
    expect(report.ok).toBe(false);

    const types = gate(report, 'types');
    expect(types.status).toBe('failed');
    expect(types.diagnostics).toContainEqual(expect.objectContaining({ file: 'src/math.ts', line: 2, code: 'TS2322', severity: 'error' }));

    const lint = gate(report, 'lint');
    expect(lint.status).toBe('failed');
    expect(lint.diagnostics).toContainEqual(expect.objectContaining({ file: 'src/math.ts', line: 4, code: 'no-debugger', severity: 'error' }));

    const complexity = gate(report, 'complexity');
    expect(complexity.status).toBe('failed');
    expect(complexity.diagnostics).toEqual([expect.objectContaining({ file: 'src/classify.ts', line: 1, code: 'cyclomatic' })]);
    expect(complexity.diagnostics[0]?.message).toContain('classify has cyclomatic complexity 15 (max 10)');

    const build = gate(report, 'build');
    expect(build.status).toBe('failed');
    expect(build.summary).toContain('exited with code 3');

    const tests = gate(report, 'tests');
    expect(tests.status).toBe('failed');
    expect(tests.diagnostics).toEqual([expect.objectContaining({ file: 'test/math.test.ts', line: 6, code: 'add adds two numbers' })]);
    expect(tests.diagnostics[0]?.message).toMatch(/expected '?4'? to be 5/);

    project.write('src/math.ts', mathSource({}));
    project.write('src/classify.ts', 'export function classify(n: number): number {\n  return n > 0 ? 1 : -1;\n}\n');
    project.write('test/math.test.ts', testSource({}));
    project.write('package.json', JSON.stringify({ name: 'fixture', private: true, type: 'module', scripts: { build: 'node build.mjs' } }));

    const passing = await project.gatekeeper(['run', '--json']);
    const fixed = parseJsonReport(passing.stdout);
    expect(fixed.gates.map((g) => [g.id, g.status])).toEqual([
      ['types', 'passed'],
      ['lint', 'passed'],
      ['complexity', 'passed'],
      ['build', 'passed'],
      ['tests', 'passed'],
    ]);
    expect(passing.exitCode).toBe(0);
    expect(fixed.ok).toBe(true);
  });

  it('stops at the first failing gate with fail-fast and shows the rest as skipped', async () => {
    const project = await makeProject('failfast', tsProjectFiles({ typeError: true }));
    projects.push(project);
    project.write('.gatekeeper.json', JSON.stringify({ gates: [{ id: 'types', kind: 'typecheck' }, { id: 'lint', kind: 'lint' }, { id: 'tests', kind: 'test' }] }));
    const result = await project.gatekeeper(['run', '--json']);
    const report = parseJsonReport(result.stdout);
    expect(result.exitCode).toBe(1);
    expect(report.gates.map((g) => g.status)).toEqual(['failed', 'skipped', 'skipped']);

    // Without fail-fast every gate runs; the test fails too, since add() now returns a string.
    const all = parseJsonReport((await project.gatekeeper(['run', '--json', '--no-fail-fast'])).stdout);
    expect(all.gates.map((g) => g.status)).toEqual(['failed', 'passed', 'failed']);
  });

  it('prints a task list with the failing diagnostics and a closing line when not --json', async () => {
    const project = await makeProject('pretty', tsProjectFiles({ typeError: true }));
    projects.push(project);
    const result = await project.gatekeeper(['run', '--only', 'types,lint']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/✔ lint/);
    expect(result.stdout).toMatch(/✖ types/);
    expect(result.stdout).toContain('src/math.ts:2:9 TS2322');
    expect(result.stdout).toMatch(/gates did not pass — 1 passed, 1 failed, 3 skipped/);
    expect(result.stdout).not.toContain(`${String.fromCharCode(27)}[`);
  });

  it('type-checks with TypeScript 7 (the native compiler) as well as 6', async () => {
    const project = await makeProject('ts7', tsProjectFiles({ typeError: true }));
    projects.push(project);
    mkdirSync(path.join(project.dir, 'node_modules'), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules', 'typescript7'), path.join(project.dir, 'node_modules', 'typescript'), 'dir');
    const result = await project.gatekeeper(['run', '--json', '--only', 'types']);
    const types = gate(parseJsonReport(result.stdout), 'types');
    expect(types.status).toBe('failed');
    expect(types.diagnostics).toContainEqual(expect.objectContaining({ file: 'src/math.ts', line: 2, code: 'TS2322' }));

    project.write('src/math.ts', mathSource({}));
    const fixed = gate(parseJsonReport((await project.gatekeeper(['run', '--json', '--only', 'types'])).stdout), 'types');
    expect(fixed.status).toBe('passed');
    expect(fixed.summary).toContain('7.0');
  });

  it('limits lint and complexity to the files changed since a ref; typecheck, build and test stay whole-project', async () => {
    // The initial commit on main already has a complex function, a lint error, a type error, a failing
    // test and a failing build, all in files the feature branch leaves alone.
    const project = await makeProject('since', tsProjectFiles({ complexFunction: true, lintError: true, typeError: true, failingTest: true, failingBuild: true }));
    projects.push(project);
    await project.git('checkout', '-q', '-b', 'feature');
    project.write('src/extra.ts', complexFunction().replace('classify', 'extra'));
    const result = await project.gatekeeper(['run', '--json', '--since', 'main']);
    const report = parseJsonReport(result.stdout);
    expect(result.exitCode).toBe(1);
    const complexity = gate(report, 'complexity');
    expect(complexity.diagnostics.map((d) => d.file)).toEqual(['src/extra.ts']);
    const lint = gate(report, 'lint');
    expect(lint.status).toBe('passed');
    expect(lint.diagnostics.filter((d) => d.file === 'src/math.ts')).toEqual([]);
    // Whole-project: each fails on a file the branch did not change.
    expect(gate(report, 'types')).toMatchObject({ status: 'failed', diagnostics: [expect.objectContaining({ file: 'src/math.ts', line: 2, code: 'TS2322' })] });
    expect(gate(report, 'build')).toMatchObject({ status: 'failed', summary: expect.stringContaining('exited with code 3') });
    expect(gate(report, 'tests')).toMatchObject({ status: 'failed', diagnostics: [expect.objectContaining({ file: 'test/math.test.ts', line: 6, code: 'add adds two numbers' })] });
  });
});

describe('work done ahead of a gate\'s turn (issue #16)', () => {
  it('measures complexity while an earlier gate\'s process runs, and the complexity gate then reports what a run without it finds', async () => {
    // The first gate ends only once the complexity gate's metrics are on disk: measured during it.
    const waitForMetrics = 'for i in $(seq 600); do ls .gatekeeper/cache/cx/escomplex-metrics.json node_modules/.cache/gatekeeper/cx/escomplex-metrics.json 2>/dev/null | grep -q . && exit 0; sleep 0.05; done; exit 1';
    const files = { ...tsProjectFiles({ complexFunction: true }), '.gatekeeper.json': JSON.stringify({ failFast: false, gates: [{ id: 'first', kind: 'command', command: waitForMetrics }, { id: 'cx', kind: 'complexity', include: ['src/**/*.ts'] }] }) };
    const project = await makeProject('prepare-ahead', files);
    projects.push(project);
    const ahead = parseJsonReport((await project.gatekeeper(['run', '--json'])).stdout);
    expect(gate(ahead, 'first').status).toBe('passed');
    const alone = parseJsonReport((await project.gatekeeper(['run', '--json', '--only', 'cx', '--no-cache'])).stdout);
    expect(gate(ahead, 'cx')).toMatchObject({ status: 'failed', summary: gate(alone, 'cx').summary, diagnostics: gate(alone, 'cx').diagnostics });
    expect(gate(ahead, 'cx').diagnostics).toEqual([expect.objectContaining({ file: 'src/classify.ts', code: 'cyclomatic' })]);
  });
});
