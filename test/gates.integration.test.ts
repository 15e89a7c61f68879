import { afterAll, describe, expect, it } from 'vitest';
import { gate, makeProject, parseJsonReport, type Project } from './helpers/project.js';
import { complexFunction, tsProjectFiles } from './helpers/ts-project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function project(name: string, gates: unknown[], extra: Record<string, string> = {}): Promise<Project> {
  const p = await makeProject(name, { ...tsProjectFiles(), ...extra, '.gatekeeper.json': JSON.stringify({ failFast: false, gates }) });
  projects.push(p);
  return p;
}

describe('lint warnings', () => {
  const warning = { 'src/warn.ts': 'export function w(): number {\n  let x = 1;\n  return x;\n}\n' };

  it('are warnings that do not fail by default', async () => {
    const p = await project('lint-warn', [{ id: 'lint', kind: 'lint' }], warning);
    const result = await p.gatekeeper(['run', '--json']);
    const lint = gate(parseJsonReport(result.stdout), 'lint');
    expect(result.exitCode).toBe(0);
    expect(lint.status).toBe('passed');
    expect(lint.diagnostics).toEqual([expect.objectContaining({ file: 'src/warn.ts', line: 2, code: 'prefer-const', severity: 'warning' })]);
  });

  it('fail when there are more than maxWarnings', async () => {
    const p = await project('lint-maxwarn', [{ id: 'lint', kind: 'lint', maxWarnings: 0 }], warning);
    const result = await p.gatekeeper(['run', '--json']);
    expect(result.exitCode).toBe(1);
    expect(gate(parseJsonReport(result.stdout), 'lint')).toMatchObject({ status: 'failed', summary: '1 warning (max 0)' });
  });
});

describe('complexity thresholds', () => {
  it('flags too many parameters and low maintainability with the function, its line, its value and the limit', async () => {
    const p = await project('complexity-limits', [{ id: 'cx', kind: 'complexity', include: ['src/**/*.ts'], maxParams: 3, minMaintainability: 171 }], {
      'src/params.ts': 'export function many(a: number, b: number, c: number, d: number): number {\n  return a + b + c + d;\n}\n',
    });
    const cx = gate(parseJsonReport((await p.gatekeeper(['run', '--json'])).stdout), 'cx');
    expect(cx.status).toBe('failed');
    expect(cx.diagnostics).toContainEqual(expect.objectContaining({ file: 'src/params.ts', line: 1, code: 'max-params', message: 'function many has 4 parameters (max 3)' }));
    expect(cx.diagnostics).toContainEqual(expect.objectContaining({ file: 'src/params.ts', line: 1, code: 'maintainability', message: expect.stringMatching(/^module maintainability index is [\d.]+ \(min 171\)$/) }));
  });
});

describe('command gates', () => {
  it('show the end of a failing command\'s output under the gate', async () => {
    const p = await project('command-output', [{ id: 'check', kind: 'command', command: 'echo "first line"; echo "docs/guide.md: broken link to #install" >&2; exit 7' }]);
    const result = await p.gatekeeper(['run']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('✖ check (command, failed): `echo');
    expect(result.stdout).toContain('exited with code 7');
    expect(result.stdout).toContain('│ docs/guide.md: broken link to #install');
  });

  it('runs in the folder named by cwd', async () => {
    const p = await project('command-cwd', [{ id: 'where', kind: 'command', command: 'test -f math.ts', cwd: 'src' }]);
    expect((await p.gatekeeper(['run', '--json'])).exitCode).toBe(0);
  });

  it('build errs when there is no build script and no command', async () => {
    const p = await project('no-build', [{ id: 'build', kind: 'build' }], { 'package.json': '{"name":"x","type":"module"}' });
    const build = gate(parseJsonReport((await p.gatekeeper(['run', '--json'])).stdout), 'build');
    expect(build).toMatchObject({ status: 'errored', summary: expect.stringContaining('no "build" script') });
  });
});

describe('selection', () => {
  it('rejects an unknown --only id with exit 2 and the nearest id', async () => {
    const p = await project('only-typo', [{ id: 'types', kind: 'typecheck' }]);
    const result = await p.gatekeeper(['run', '--only', 'tpyes']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--only tpyes: no gate has that id (did you mean "types"?)');
  });
});

describe('typecheck of a solution-style tsconfig', () => {
  it('checks the referenced projects instead of passing on the empty root config', async () => {
    const app = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, composite: true, types: [], module: 'NodeNext', moduleResolution: 'NodeNext' }, include: ['src'] });
    const p = await project('solution', [{ id: 'types', kind: 'typecheck' }], {
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './tools' }] }),
      'tsconfig.app.json': app,
      'tools/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, composite: true, types: [] }, include: ['*.ts'] }),
      'tools/gen.ts': 'export const port: number = "8080";\n',
    });
    const types = gate(parseJsonReport((await p.gatekeeper(['run', '--json'])).stdout), 'types');
    expect(types.status).toBe('failed');
    expect(types.diagnostics).toEqual([expect.objectContaining({ file: 'tools/gen.ts', line: 1, code: 'TS2322' })]);

    p.write('tools/gen.ts', 'export const port: number = 8080;\n');
    const fixed = gate(parseJsonReport((await p.gatekeeper(['run', '--json'])).stdout), 'types');
    expect(fixed).toMatchObject({ status: 'passed', summary: expect.stringContaining('in 2 projects') });
  });
});

describe('found in review: scopes that must not pass on nothing or see the wrong files', () => {
  it('follows nested solution tsconfigs down to the projects that have files', async () => {
    const leaf = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, composite: true, types: [] }, include: ['*.ts'] });
    const p = await project('nested-solution', [{ id: 'types', kind: 'typecheck' }], {
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './packages' }] }),
      'packages/tsconfig.json': JSON.stringify({ files: [], references: [{ path: './a' }] }),
      'packages/a/tsconfig.json': leaf,
      'packages/a/index.ts': 'export const n: number = "one";\n',
    });
    const types = gate(parseJsonReport((await p.gatekeeper(['run', '--json'])).stdout), 'types');
    expect(types.status).toBe('failed');
    expect(types.diagnostics).toEqual([expect.objectContaining({ file: 'packages/a/index.ts', line: 1, code: 'TS2322' })]);
  });

  it('measures complexity on the project\'s files, not on git-ignored build output', async () => {
    const p = await project('ignored-output', [{ id: 'cx', kind: 'complexity' }], { '.gitignore': 'node_modules\n.gatekeeper/\nout/\n' });
    // Plain JavaScript with cyclomatic complexity 15: it would fail the gate if it were measured.
    p.write('out/bundle.js', complexFunction().replace(/: number/g, ''));
    const cx = gate(parseJsonReport((await p.gatekeeper(['run', '--json'])).stdout), 'cx');
    expect(cx.status).toBe('passed');
    expect(cx.summary).not.toContain('bundle');
  });

  it('skips related tests when no test relates to the changed files, instead of blocking', async () => {
    const p = await project('related-none', [{ id: 'tests', kind: 'test', related: true }]);
    p.write('NOTES.md', 'release notes\n');
    const result = await p.gatekeeper(['run', '--json', '--since', 'HEAD']);
    expect(gate(parseJsonReport(result.stdout), 'tests')).toMatchObject({ status: 'skipped', summary: 'no tests are related to the changed files' });
    expect(result.exitCode).toBe(0);
  });

  it('runs the related test of a changed source file and blocks when it fails, from the repository root and from a subfolder project', async () => {
    // If the related-file lookup got its paths wrong (project- vs repository-relative), nothing would
    // relate, the gate would be skipped and every push would pass: so the related test must fail here.
    const related = [{ id: 'tests', kind: 'test', related: true }];
    // A failing test that does not import the changed file: it must not run.
    const unrelated = { 'test/classify.test.ts': "import { expect, it } from 'vitest';\nimport { classify } from '../src/classify.js';\nit('classifies', () => {\n  expect(classify(1)).toBe(5);\n});\n" };
    const lib = Object.fromEntries(Object.entries({ ...tsProjectFiles(), ...unrelated, '.gatekeeper.json': JSON.stringify({ gates: related }) }).map(([file, text]) => [`packages/lib/${file}`, text]));
    const p = await project('related-fails', related, { ...unrelated, ...lib });
    const broken = 'export function add(a: number, b: number): number {\n  return a - b;\n}\n';

    p.write('src/math.ts', broken);
    const fromRoot = await p.gatekeeper(['run', '--json', '--since', 'HEAD']);
    const rootTests = gate(parseJsonReport(fromRoot.stdout), 'tests');
    expect(rootTests).toMatchObject({ status: 'failed', summary: '0 passed, 1 failed' });
    expect(rootTests.diagnostics).toEqual([expect.objectContaining({ file: 'test/math.test.ts', line: 6, code: 'add adds two numbers' })]);
    expect(fromRoot.exitCode).toBe(1);

    p.write('packages/lib/src/math.ts', broken);
    const fromLib = await p.gatekeeper(['run', '--json', '--since', 'HEAD'], { cwd: `${p.dir}/packages/lib` });
    const libTests = gate(parseJsonReport(fromLib.stdout), 'tests');
    expect(libTests).toMatchObject({ status: 'failed', summary: '0 passed, 1 failed' });
    // Diagnostics name files from the repository root.
    expect(libTests.diagnostics).toEqual([expect.objectContaining({ file: 'packages/lib/test/math.test.ts', line: 6, code: 'add adds two numbers' })]);
    expect(fromLib.exitCode).toBe(1);
  });
});

describe('a command gate whose cwd does not exist', () => {
  it('is errored with one line naming the folder', async () => {
    const p = await project('bad-cwd', [{ id: 'where', kind: 'command', command: 'true', cwd: 'nope' }]);
    const where = gate(parseJsonReport((await p.gatekeeper(['run', '--json'])).stdout), 'where');
    expect(where).toMatchObject({ status: 'errored', summary: `cwd "nope": no such folder in ${p.dir}` });
  });
});
