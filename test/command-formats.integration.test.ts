import { utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gate, makeProject, parseJsonReport, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function project(name: string, gates: unknown[], files: Record<string, string>): Promise<Project> {
  const p = await makeProject(name, {
    'package.json': JSON.stringify({ name, type: 'module' }),
    '.gitignore': 'node_modules\n.gatekeeper/\nreports/\n',
    '.gatekeeper.json': JSON.stringify({ failFast: false, gates }),
    ...files,
  });
  projects.push(p);
  return p;
}

async function run(p: Project, id: string) {
  const result = await p.gatekeeper(['run', '--json']);
  return { exitCode: result.exitCode, gate: gate(parseJsonReport(result.stdout), id), stderr: result.stderr };
}

// The fixtures live under Gatekeeper's test/.tmp, so its devDependencies are the tools' real installs.
const biomeSarif = 'node ../../../node_modules/@biomejs/biome/bin/biome lint --reporter=sarif src';
const nodeJunit = 'mkdir -p reports && node --test --test-reporter=junit --test-reporter-destination=reports/junit.xml';

describe('the environment a command runs in', () => {
  it("is the user's own (FORCE_COLOR/NO_COLOR untouched: a suite may test them), and colour it prints is taken out of what Gatekeeper keeps", async () => {
    const script = "console.log('\\u001b[31mFORCE_COLOR=' + process.env.FORCE_COLOR + ' NO_COLOR=' + process.env.NO_COLOR + '\\u001b[0m');\nprocess.exit(process.env.FORCE_COLOR === '1' ? 1 : 0);\n";
    const p = await project('cmd-env', [{ id: 'env', kind: 'command', command: 'node env.cjs' }], { 'env.cjs': script });
    const result = await p.gatekeeper(['run'], { env: { FORCE_COLOR: '1' } });
    expect(result.exitCode).toBe(1);
    // The failed gate's output tail, as the terminal shows it: the child's red is gone.
    expect(result.stdout).toContain('FORCE_COLOR=1 NO_COLOR=1');
    expect(result.stdout).not.toContain('\u001b[31m');
  });
});

describe('"format": "sarif" over the real SARIF of a tool', () => {
  it('turns Biome\'s SARIF on stdout into diagnostics at file and line; fixed, it passes', async () => {
    const p = await project('cmd-sarif', [{ id: 'sarif', kind: 'command', command: biomeSarif, format: 'sarif' }], {
      'biome.json': '{}\n',
      'src/count.js': 'const count = 1;\nexport const same = count == 2;\n',
    });
    const { exitCode, gate: g } = await run(p, 'sarif');
    expect(exitCode).toBe(1);
    expect(g.status).toBe('failed');
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'src/count.js', line: 2, column: 27, code: 'lint/suspicious/noDoubleEquals', severity: 'error' })]);

    p.write('src/count.js', 'const count = 1;\nexport const same = count === 2;\n');
    expect((await run(p, 'sarif')).gate).toMatchObject({ status: 'passed', diagnostics: [] });
  });
});

describe('"format": "junit" with a "report" file', () => {
  const tests = "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\n\ntest('ok', () => {});\ntest('wrong', () => {\n  assert.equal(1 + 1, 3);\n});\n";

  it('reads the JUnit file node --test writes: the failing test at its line; fixed, it passes', async () => {
    const p = await project('cmd-junit', [{ id: 'junit', kind: 'command', command: nodeJunit, format: 'junit', report: 'reports/junit.xml' }], { 'test/a.test.js': tests });
    const { exitCode, gate: g } = await run(p, 'junit');
    expect(exitCode).toBe(1);
    expect(g).toMatchObject({ status: 'failed', summary: '1 passed, 1 failed' });
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'test/a.test.js', line: 6, code: 'wrong', message: expect.stringContaining('2 !== 3') })]);

    p.write('test/a.test.js', tests.replace('1 + 1, 3', '1 + 1, 2'));
    expect((await run(p, 'junit')).gate).toMatchObject({ status: 'passed', summary: '2 passed, 0 failed', cached: false });
    // The report the gate wrote (new timings each run) is its output, not an input: the next run replays.
    expect((await run(p, 'junit')).gate).toMatchObject({ status: 'passed', cached: true });
  });

  it('is errored when the command did not write its report this run, even though it exited 0', async () => {
    const p = await project('cmd-junit-missing', [{ id: 'junit', kind: 'command', command: 'true', format: 'junit', report: 'reports/junit.xml' }], {});
    const missing = await run(p, 'junit');
    expect(missing.gate).toMatchObject({ status: 'errored', summary: '`true` exited with code 0, and its report reports/junit.xml does not exist' });

    // A report left over from an earlier run is not this run's verdict.
    p.write('reports/junit.xml', '<testsuites><testsuite><testcase name="old"/></testsuite></testsuites>');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(p.dir, 'reports/junit.xml'), anHourAgo, anHourAgo);
    const stale = await run(p, 'junit');
    expect(stale.gate).toMatchObject({ status: 'errored', summary: expect.stringContaining('is older than this run') });
  });

  it('is errored when the report is not JUnit XML', async () => {
    const p = await project('cmd-junit-garbage', [{ id: 'junit', kind: 'command', command: 'mkdir -p reports && echo "not xml <" > reports/junit.xml', format: 'junit', report: 'reports/junit.xml' }], {});
    const { gate: g } = await run(p, 'junit');
    expect(g).toMatchObject({ status: 'errored', summary: expect.stringContaining('is unreadable as junit: not a JUnit XML report') });
  });
});

describe('"format": "eslint-json" and "gnu"', () => {
  it('reads ESLint\'s --format json from stdout, rule ids and warnings kept', async () => {
    const p = await project('cmd-eslint-json', [{ id: 'eslint', kind: 'command', command: 'node ../../../node_modules/eslint/bin/eslint.js -f json src', format: 'eslint-json' }], {
      'eslint.config.js': 'export default [{ rules: { "no-debugger": "error", "prefer-const": "warn" } }];\n',
      'src/a.js': 'let x = 1;\ndebugger;\nexport { x };\n',
    });
    const { gate: g } = await run(p, 'eslint');
    expect(g.status).toBe('failed');
    expect(g.diagnostics).toEqual([
      expect.objectContaining({ file: 'src/a.js', line: 1, code: 'prefer-const', severity: 'warning' }),
      expect.objectContaining({ file: 'src/a.js', line: 2, code: 'no-debugger', severity: 'error' }),
    ]);
  });

  it('reads file:line:col lines (oxlint --format=unix) with their severity and code', async () => {
    const p = await project('cmd-gnu', [{ id: 'gnu', kind: 'command', command: 'node ../../../node_modules/oxlint/bin/oxlint --format=unix -D no-debugger src', format: 'gnu' }], {
      'src/a.js': 'export const x = 1;\ndebugger;\n',
    });
    const { gate: g } = await run(p, 'gnu');
    expect(g.status).toBe('failed');
    expect(g.diagnostics).toEqual([expect.objectContaining({ file: 'src/a.js', line: 2, column: 1, code: 'eslint(no-debugger)', severity: 'error' })]);
  });

  it('rejects a "report" without a "format" in one paragraph with exit 2', async () => {
    const p = await project('cmd-report-no-format', [{ id: 'x', kind: 'command', command: 'true', report: 'r.xml' }], {});
    const result = await p.gatekeeper(['run']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('gates[0].format');
    expect(result.stderr).toContain('a "format" for its "report"');
  });
});
