import { afterAll, describe, expect, it } from 'vitest';
import { gate, makeProject, parseJsonReport, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function project(name: string, files: Record<string, string>, gates: unknown[] = [{ id: 'lint', kind: 'lint' }]): Promise<Project> {
  const p = await makeProject(name, {
    'package.json': JSON.stringify({ name, type: 'module' }),
    '.gitignore': 'node_modules\n.gatekeeper/\n',
    '.gatekeeper.json': JSON.stringify({ failFast: false, gates }),
    ...files,
  });
  projects.push(p);
  return p;
}

async function lintGate(p: Project, args: string[] = []) {
  const result = await p.gatekeeper(['run', '--json', ...args]);
  return { exitCode: result.exitCode, lint: gate(parseJsonReport(result.stdout), 'lint') };
}

const faulty = 'let count = 1;\nif (count == 2) {\n  debugger;\n}\nexport const total = count;\n';
const clean = 'const count = 1;\nexport const total = count + 1;\n';

describe('Biome (detected from biome.json)', () => {
  it('fails on a lint error with its rule id, file and line; a warning stays a warning; fixed, it passes', async () => {
    const p = await project('biome', { 'biome.json': '{}\n', 'src/count.js': faulty });
    const { exitCode, lint } = await lintGate(p);
    expect(exitCode).toBe(1);
    expect(lint.status).toBe('failed');
    expect(lint.diagnostics).toContainEqual(expect.objectContaining({ file: 'src/count.js', line: 2, column: 11, code: 'lint/suspicious/noDoubleEquals', severity: 'error' }));
    expect(lint.diagnostics).toContainEqual(expect.objectContaining({ file: 'src/count.js', line: 1, code: 'lint/style/useConst', severity: 'warning' }));
    expect(lint.summary).toMatch(/^2 lint errors in 1 file, 1 warning$/);

    p.write('src/count.js', clean);
    const fixed = await lintGate(p);
    expect(fixed.lint).toMatchObject({ status: 'passed', diagnostics: [] });
    expect(fixed.exitCode).toBe(0);
  });

  it('lints only the changed files in a changed-files scope', async () => {
    const p = await project('biome-changed', { 'biome.json': '{}\n', 'src/old.js': faulty, 'src/new.js': clean });
    p.write('src/new.js', 'export const flag = 1 == 1;\n');
    const { lint } = await lintGate(p, ['--since', 'HEAD']);
    expect(lint.status).toBe('failed');
    expect(new Set(lint.diagnostics.map((d) => d.file))).toEqual(new Set(['src/new.js']));
  });

  it('is errored, not passed, when Biome rejects its configuration', async () => {
    const p = await project('biome-bad-config', { 'biome.json': '{"linter": {"rules": {"noSuchGroup": {}}}}\n', 'src/count.js': clean });
    const { exitCode, lint } = await lintGate(p);
    expect(exitCode).toBe(1);
    expect(lint.status).toBe('errored');
    expect(lint.summary).toMatch(/^biome 2\.\d+\.\d+ exited with code 1 without a SARIF report/);
  });

  it('fails on warnings beyond maxWarnings', async () => {
    const p = await project('biome-maxwarn', { 'biome.json': '{}\n', 'src/count.js': 'let count = 1;\nexport const total = count;\n' }, [{ id: 'lint', kind: 'lint', linter: 'biome', maxWarnings: 0 }]);
    const { lint } = await lintGate(p);
    expect(lint).toMatchObject({ status: 'failed', summary: '1 warning (max 0)' });
  });
});

describe('oxlint (detected from .oxlintrc.json)', () => {
  const config = JSON.stringify({ rules: { 'no-debugger': 'error', eqeqeq: 'warn' } });

  it('fails on a lint error with its rule id, file and line; fixed, it passes', async () => {
    const p = await project('oxlint', { '.oxlintrc.json': config, 'src/count.js': faulty });
    const { exitCode, lint } = await lintGate(p);
    expect(exitCode).toBe(1);
    expect(lint.status).toBe('failed');
    expect(lint.diagnostics).toContainEqual(expect.objectContaining({ file: 'src/count.js', line: 3, column: 3, code: 'eslint(no-debugger)', severity: 'error' }));
    expect(lint.diagnostics).toContainEqual(expect.objectContaining({ file: 'src/count.js', line: 2, code: 'eslint(eqeqeq)', severity: 'warning' }));

    p.write('src/count.js', clean);
    const fixed = await lintGate(p);
    expect(fixed.lint.status).toBe('passed');
    expect(fixed.exitCode).toBe(0);
  });

  it('runs beside ESLint as a second lint gate when asked to', async () => {
    const p = await project('oxlint-and-eslint', { '.oxlintrc.json': config, 'eslint.config.js': 'export default [{ rules: { "no-debugger": "error" } }];\n', 'src/count.js': faulty }, [
      { id: 'eslint', kind: 'lint' },
      { id: 'lint', kind: 'lint', linter: 'oxlint' },
    ]);
    const report = parseJsonReport((await p.gatekeeper(['run', '--json'])).stdout);
    expect(gate(report, 'eslint').diagnostics).toEqual([expect.objectContaining({ file: 'src/count.js', line: 3, code: 'no-debugger' })]);
    expect(gate(report, 'lint').diagnostics).toContainEqual(expect.objectContaining({ code: 'eslint(no-debugger)' }));
  });
});
