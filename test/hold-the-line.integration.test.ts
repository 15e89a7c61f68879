import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, TMP, type Project } from './helpers/project.js';
import { makeHookRepo, type HookRepo } from './helpers/hook-repo.js';
import { complexFunction, ESLINT_CONFIG, TSCONFIG, VITEST_CONFIG } from './helpers/ts-project.js';

/**
 * Hold the line on real repositories with the real tsc, ESLint and escomplex: the base (HEAD here,
 * as for a plain run without an upstream) has a function of cyclomatic complexity 15 and a
 * `debugger` statement; only what a change adds (or makes worse) may block.
 */
const projects: Project[] = [];
const hookRepos: HookRepo[] = [];
afterAll(() => {
  projects.forEach((p) => p.cleanup());
  hookRepos.forEach((r) => r.cleanup());
});

const HALT = 'export function halt(): void {\n  debugger;\n}\n';
const OLD_SOURCE = `${complexFunction()}\n${HALT}`;

const GATES = [
  { id: 'types', kind: 'typecheck' },
  { id: 'lint', kind: 'lint' },
  { id: 'complexity', kind: 'complexity', include: ['src/**/*.ts'] },
];

function files(config: object = { holdTheLine: true, failFast: false, gates: GATES }): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module' }, null, 2),
    'tsconfig.json': TSCONFIG,
    'eslint.config.js': ESLINT_CONFIG,
    '.gitignore': 'node_modules\n.gatekeeper/\n',
    '.gatekeeper.json': JSON.stringify(config, null, 2),
    'src/old.ts': OLD_SOURCE,
    'src/api.ts': 'export function size(): number {\n  return 1;\n}\n',
    'src/use.ts': "import { size } from './api.js';\n\nexport const count: number = size();\n",
    'src/other.ts': 'export const answer = 42;\n',
  };
}

async function project(name: string, extra: Record<string, string> = {}, config?: object): Promise<Project> {
  const made = await makeProject(name, { ...files(config), ...extra });
  projects.push(made);
  return made;
}

interface Diag {
  file: string | null;
  line: number | null;
  code: string | null;
  message: string;
  baseline?: string;
}
interface Gate {
  id: string;
  status: string;
  summary: string;
  diagnostics: Diag[];
  baseline?: { base: string; new: number; existing: number; absent: number; unknown?: string };
}
interface Report {
  ok: boolean;
  holdTheLine?: { base: string | null; why: string };
  gates: Gate[];
}

async function runJson(p: Project, args: string[] = []): Promise<{ exitCode: number; report: Report; stderr: string }> {
  const result = await p.gatekeeper(['run', '--json', ...args]);
  return { exitCode: result.exitCode, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

function gateOf(report: Report, id: string): Gate {
  const found = report.gates.find((g) => g.id === id);
  if (!found) throw new Error(`no gate ${id}`);
  return found;
}

const marks = (g: Gate): string[] => g.diagnostics.map((d) => `${d.file}:${d.line} ${d.code} ${d.baseline}`);

describe('hold the line: only what a change makes worse blocks it', { timeout: 600_000 }, () => {
  it('passes a change to another file, with the old findings reported as pre-existing', async () => {
    const p = await project('hold-other');
    p.write('src/other.ts', 'export const answer = 43;\n');
    const { exitCode, report } = await runJson(p);
    expect(report.holdTheLine?.base).toBe((await p.git('rev-parse', 'HEAD')).trim());
    expect(marks(gateOf(report, 'lint'))).toEqual(['src/old.ts:20 no-debugger existing']);
    expect(marks(gateOf(report, 'complexity'))).toEqual(['src/old.ts:1 cyclomatic existing']);
    expect(gateOf(report, 'lint')).toMatchObject({ status: 'passed', baseline: { new: 0, existing: 1, absent: 0 } });
    expect(exitCode).toBe(0);

    const pretty = await p.gatekeeper(['run']);
    expect(pretty.stdout).toContain('1 pre-existing (not blocking)');
    expect(pretty.stdout).toMatch(/hold the line: compared with [0-9a-f]{12}/);
    expect(pretty.exitCode).toBe(0);
  });

  it('still passes when twenty lines are inserted above each old finding and the line is re-indented', async () => {
    const p = await project('hold-shift');
    const padding = Array.from({ length: 20 }, (_, i) => `// note ${i}`).join('\n');
    p.write('src/old.ts', `${padding}\n${complexFunction()}\n${padding}\n${HALT.replace('  debugger;', '      debugger;')}`);
    const { exitCode, report } = await runJson(p);
    expect(marks(gateOf(report, 'lint'))).toEqual(['src/old.ts:60 no-debugger existing']);
    expect(marks(gateOf(report, 'complexity'))).toEqual(['src/old.ts:21 cyclomatic existing']);
    expect(exitCode).toBe(0);
  });

  it('still passes when the old file is renamed (git diff -M)', async () => {
    const p = await project('hold-rename');
    await p.git('mv', 'src/old.ts', 'src/legacy.ts');
    const { exitCode, report } = await runJson(p);
    expect(marks(gateOf(report, 'lint'))).toEqual(['src/legacy.ts:20 no-debugger existing']);
    expect(marks(gateOf(report, 'complexity'))).toEqual(['src/legacy.ts:1 cyclomatic existing']);
    expect(exitCode).toBe(0);
  });

  it('blocks a second error of the same rule in the same file and names only the new one', async () => {
    const p = await project('hold-same-rule');
    p.write('src/old.ts', `${OLD_SOURCE}\nexport function pause(): void {\n  debugger;\n}\n`);
    const { exitCode, report } = await runJson(p);
    const lint = gateOf(report, 'lint');
    expect(lint.status).toBe('failed');
    expect(marks(lint)).toEqual(['src/old.ts:24 no-debugger new', 'src/old.ts:20 no-debugger existing']);
    expect(lint.summary).toContain('1 new; 1 pre-existing (not blocking)');
    expect(exitCode).toBe(1);

    const pretty = await p.gatekeeper(['run']);
    expect(pretty.stdout).toContain('src/old.ts:24:3 no-debugger');
    expect(pretty.stdout).not.toContain('src/old.ts:20:3 no-debugger');
  });

  it('blocks an old function made more complex (15 to 16), and a new complex function', async () => {
    const p = await project('hold-worse');
    p.write('src/old.ts', `${complexFunction().replace('  return -1;', '  if (n === 99) return 0;\n  return -1;')}\n${HALT}`);
    p.write('src/other.ts', complexFunction().replace('classify', 'sort'));
    const { exitCode, report } = await runJson(p);
    const complexity = gateOf(report, 'complexity');
    expect(complexity.status).toBe('failed');
    expect(marks(complexity).sort()).toEqual(['src/old.ts:1 cyclomatic new', 'src/other.ts:1 cyclomatic new']);
    expect(complexity.baseline?.absent).toBe(0);
    expect(exitCode).toBe(1);
  });

  it('blocks a type error in an untouched file caused by a changed export', async () => {
    const p = await project('hold-distance');
    p.write('src/api.ts', "export function size(): string {\n  return 'one';\n}\n");
    const { exitCode, report } = await runJson(p);
    const types = gateOf(report, 'types');
    expect(types.status).toBe('failed');
    expect(marks(types)).toEqual(['src/use.ts:3 TS2322 new']);
    expect(exitCode).toBe(1);
  });

  it('marks what the change fixed as absent in SARIF, beside the new finding', async () => {
    const p = await project('hold-sarif');
    p.write('src/old.ts', complexFunction());
    p.write('src/other.ts', 'export function wait(): void {\n  debugger;\n}\n');
    const result = await p.gatekeeper(['run', '--reporter', 'sarif']);
    const log = JSON.parse(result.stdout) as { runs: { properties: { gate: string }; results: { ruleId?: string; baselineState?: string; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const lint = log.runs.find((r) => r.properties.gate === 'lint');
    const states = lint?.results.map((r) => `${r.locations?.[0]?.physicalLocation.artifactLocation.uri} ${r.baselineState}`);
    expect(states).toEqual(['src/other.ts new', 'src/old.ts absent']);
    const complexity = log.runs.find((r) => r.properties.gate === 'complexity');
    expect(complexity?.results.map((r) => r.baselineState)).toEqual(['unchanged']);
    expect(result.exitCode).toBe(1);
  });

  it('fails closed when the gate errors on the base: every finding counts, and it says why', async () => {
    // The base (the first commit) has an ESLint config that does not load; the work tree fixes it.
    const p = await project('hold-base-errored', { 'eslint.config.js': 'export default [ { rules: { "no-debugger": "error" } }, ;\n' });
    p.write('eslint.config.js', ESLINT_CONFIG);
    const { exitCode, report } = await runJson(p);
    const lint = gateOf(report, 'lint');
    expect(lint.status).toBe('failed');
    expect(marks(lint)).toEqual(['src/old.ts:20 no-debugger new']);
    expect(lint.baseline?.unknown).toMatch(/errored on the base/);
    expect(exitCode).toBe(1);
    const pretty = await p.gatekeeper(['run']);
    expect(pretty.stdout).toMatch(/hold the line: lint not compared \(the gate errored on the base: .*\); every finding counts/);
  });

  it('--no-hold-the-line counts every finding, as without the setting', async () => {
    const p = await project('hold-off');
    const { exitCode, report } = await runJson(p, ['--no-hold-the-line']);
    expect(gateOf(report, 'lint').status).toBe('failed');
    expect(gateOf(report, 'lint').diagnostics[0]?.baseline).toBeUndefined();
    expect(report.holdTheLine).toBeUndefined();
    expect(exitCode).toBe(1);
  });

  it('with no commit to compare with, every finding counts and the run says so once', async () => {
    const p = await makeProject('hold-no-base', files(), { git: false });
    projects.push(p);
    await p.git('init', '-q', '-b', 'main');
    const pretty = await p.gatekeeper(['run']);
    expect(pretty.stdout.match(/hold the line: no commit yet/g)).toHaveLength(1);
    expect(pretty.exitCode).toBe(1);
  });

  it('with a remote that has no branch yet, committed findings all count, as the first push will count them', async () => {
    const p = await project('hold-unpushed');
    const remote = mkdtempSync(path.join(TMP, 'hold-unpushed-remote-'));
    await p.git('init', '-q', '--bare', remote);
    await p.git('remote', 'add', 'origin', remote);
    const { exitCode, report } = await runJson(p);
    expect(report.holdTheLine).toEqual({ base: null, why: expect.stringContaining('every finding counts') });
    expect(marks(gateOf(report, 'complexity'))).toEqual(['src/old.ts:1 cyclomatic undefined']);
    expect(exitCode).toBe(1);
    rmSync(remote, { recursive: true, force: true });
  });

  it('init && run is green on a repository with old findings, and red with a new one', async () => {
    const base = files();
    delete base['.gatekeeper.json'];
    const p = await makeProject('hold-init', base);
    projects.push(p);
    const init = await p.gatekeeper(['init']);
    expect(init.exitCode).toBe(0);
    expect(JSON.parse(p.read('.gatekeeper.json'))).toMatchObject({ holdTheLine: true });
    const first = await p.gatekeeper(['run']);
    expect(first.stdout).toContain('pre-existing (not blocking)');
    expect(first.exitCode).toBe(0);

    p.write('src/other.ts', complexFunction().replace('classify', 'sort'));
    const second = await p.gatekeeper(['run']);
    expect(second.stdout).toContain('src/other.ts:1 cyclomatic function sort has cyclomatic complexity 15');
    expect(second.stdout).not.toContain('function classify');
    expect(second.exitCode).toBe(1);
  });
});

describe('hold the line in the pre-push hook: the push range base decides', { timeout: 600_000 }, () => {
  it('lets a push with only old findings through and blocks one with a new finding', async () => {
    const config = { holdTheLine: true, failFast: false, gates: GATES.slice(1) };
    const r = await makeHookRepo('hold-hook', config);
    hookRepos.push(r);
    const { work, push } = r;
    work.write('eslint.config.js', ESLINT_CONFIG);
    work.write('src/old.ts', OLD_SOURCE);
    await work.commitAll('old findings on main');
    await work.git('push', '-q', '--no-verify', 'origin', 'main');

    // The push scope is the changed files: the change touches the old file (a line above its findings).
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/old.ts', `// touched\n${OLD_SOURCE}`);
    await work.commitAll('an ordinary change');
    const passed = await push(['origin', 'feature']);
    expect(passed.output).toContain('pre-existing (not blocking)');
    expect(passed.output).toContain('the base of the push range');
    expect(passed.exitCode).toBe(0);

    // The first push to a new, empty remote: every commit is new to it, back to the root. The
    // clone's origin/main decides what the work added; the old findings still do not block.
    const mirror = mkdtempSync(path.join(TMP, 'hold-hook-mirror-'));
    await work.git('init', '-q', '--bare', mirror);
    await work.git('remote', 'add', 'mirror', mirror);
    const first = await push(['mirror', 'feature']);
    expect(first.output).toContain('compared with the merge-base with origin/main');
    expect(first.output).toContain('pre-existing (not blocking)');
    expect(first.exitCode).toBe(0);

    work.write('src/old.ts', `// touched\n${OLD_SOURCE}\nexport function pause(): void {\n  debugger;\n}\n`);
    await work.commitAll('a new debugger');
    const toMirror = await push(['mirror', 'feature:other']);
    expect(toMirror.output).toMatch(/push blocked — gate "lint"/);
    expect(toMirror.exitCode).not.toBe(0);
    rmSync(mirror, { recursive: true, force: true });
    const blocked = await push(['origin', 'feature']);
    expect(blocked.output).toContain('src/old.ts:25:3 no-debugger');
    expect(blocked.output).not.toContain('src/old.ts:21:3 no-debugger');
    expect(blocked.output).toMatch(/push blocked — gate "lint"/);
    expect(blocked.exitCode).not.toBe(0);
  });
});

describe('hold the line for tests: a test is matched by file and full name', { timeout: 600_000 }, () => {
  it('an old failing test is pre-existing; a new failing test blocks', async () => {
    const testFile = (extra: string): string =>
      `import { expect, it } from 'vitest';\n\nit('old broken', () => {\n  expect(1).toBe(2);\n});\n\nit('fine', () => {\n  expect(1).toBe(1);\n});\n${extra}`;
    const config = { holdTheLine: true, gates: [{ id: 'tests', kind: 'test' }] };
    const p = await project('hold-tests', { 'vitest.config.mjs': VITEST_CONFIG, 'test/a.test.ts': testFile('') }, config);
    p.write('src/other.ts', 'export const answer = 43;\n');
    const old = await runJson(p);
    expect(marks(gateOf(old.report, 'tests'))).toEqual(['test/a.test.ts:4 old broken existing']);
    expect(old.exitCode).toBe(0);

    p.write('test/a.test.ts', testFile("\nit('new broken', () => {\n  expect(2).toBe(3);\n});\n"));
    const fresh = await runJson(p);
    expect(marks(gateOf(fresh.report, 'tests'))).toEqual(['test/a.test.ts:12 new broken new', 'test/a.test.ts:4 old broken existing']);
    expect(fresh.exitCode).toBe(1);
  });
});

describe('hold the line in the loop: the agent is asked only about what is new', { timeout: 600_000 }, () => {
  it('passes once the agent fixed its own new error; the old one was never its to fix', async () => {
    const agent = "import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync('agent-log', { recursive: true });\ncopyFileSync(process.argv[2], 'agent-log/feedback.md');\nwriteFileSync('src/other.ts', 'export const answer = 43;\\n');\n";
    const config = { holdTheLine: true, gates: [{ id: 'lint', kind: 'lint' }] };
    const p = await project('hold-loop', { 'agents/fix.mjs': agent, '.gitignore': 'node_modules\n.gatekeeper/\nagent-log/\n' }, config);
    p.write('src/other.ts', 'export function wait(): void {\n  debugger;\n}\n');
    const result = await p.gatekeeper(['loop', '--agent', 'node agents/fix.mjs {feedback_file}', '--json']);
    const loop = JSON.parse(result.stdout) as { outcome: string; attempts: unknown[] };
    expect(loop.outcome).toBe('passed');
    expect(loop.attempts).toHaveLength(2);
    const feedback = p.read('agent-log/feedback.md');
    expect(feedback).toContain('src/other.ts:2:3 no-debugger');
    expect(feedback).not.toContain('src/old.ts:20');
    expect(result.exitCode).toBe(0);

    // --no-hold-the-line counts the old error too: the same tree is no longer done.
    const strict = await p.gatekeeper(['loop', '--agent', 'true', '--max-attempts', '1', '--no-hold-the-line', '--json']);
    expect((JSON.parse(strict.stdout) as { outcome: string }).outcome).not.toBe('passed');
    expect(strict.exitCode).not.toBe(0);
  });
});
