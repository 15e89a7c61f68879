import { afterAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../src/run/pipeline.js';
import { gate, makeProject, parseJsonReport, type Project } from './helpers/project.js';
import { TSCONFIG, VITEST_CONFIG } from './helpers/ts-project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

/** A package in the fixture's own node_modules that shadows the real tool, and misbehaves. */
function fakeTool(name: string, bin: string, script: string): Record<string, string> {
  return {
    [`node_modules/${name}/package.json`]: JSON.stringify({ name, version: '99.0.0', type: 'module', bin: { [bin]: 'bin.js' }, main: 'index.js' }),
    [`node_modules/${name}/bin.js`]: script,
    [`node_modules/${name}/index.js`]: script,
  };
}

async function verdictOf(name: string, files: Record<string, string>, gates: unknown[]): Promise<{ exitCode: number; gates: ReturnType<typeof parseJsonReport>['gates'] }> {
  const project = await makeProject(name, { '.gitignore': 'node_modules\n.gatekeeper\n', ...files, '.gatekeeper.json': JSON.stringify({ failFast: false, gates }) });
  projects.push(project);
  const result = await project.gatekeeper(['run', '--json']);
  return { exitCode: result.exitCode, gates: parseJsonReport(result.stdout).gates };
}

describe('when the verdict cannot be known, it is never "passed"', () => {
  it('tsc that prints what Gatekeeper cannot read and exits non-zero: errored, raw output kept', async () => {
    const run = await verdictOf('tsc-garbage', { 'tsconfig.json': TSCONFIG, ...fakeTool('typescript', 'tsc', "console.log('Segmentation fault (core dumped) ¯\\\\_(ツ)_/¯'); process.exit(2);\n") }, [{ id: 'types', kind: 'typecheck' }]);
    expect(run.exitCode).toBe(1);
    expect(gate(run, 'types').status).toBe('errored');
    expect(gate(run, 'types').summary).toContain('printed no diagnostic Gatekeeper could read');
  });

  it('tsc killed by a signal (a crash): errored', async () => {
    const run = await verdictOf('tsc-crash', { 'tsconfig.json': TSCONFIG, ...fakeTool('typescript', 'tsc', "process.kill(process.pid, 'SIGSEGV');\n") }, [{ id: 'types', kind: 'typecheck' }]);
    expect(gate(run, 'types').status).toBe('errored');
    expect(gate(run, 'types').summary).toContain('killed by SIGSEGV');
  });

  it('a command that is not found (exit 127): errored', async () => {
    const run = await verdictOf('exit127', {}, [{ id: 'missing', kind: 'command', command: 'definitely-not-a-command-gk --flag' }]);
    expect(run.exitCode).toBe(1);
    expect(gate(run, 'missing').status).toBe('errored');
    expect(gate(run, 'missing').summary).toContain('could not be started: `definitely-not-a-command-gk` is not on PATH');
  });

  it('a test run that collects zero tests: errored', async () => {
    const run = await verdictOf('zero-tests', { 'vitest.config.mjs': VITEST_CONFIG, 'package.json': '{"type":"module"}' }, [{ id: 'tests', kind: 'test' }]);
    expect(run.exitCode).toBe(1);
    expect(gate(run, 'tests').status).toBe('errored');
  });

  it('a test run in which every test is skipped: errored', async () => {
    const run = await verdictOf(
      'all-skipped',
      { 'vitest.config.mjs': VITEST_CONFIG, 'package.json': '{"type":"module"}', 'test/a.test.ts': "import { it } from 'vitest';\nit.skip('later', () => {});\n" },
      [{ id: 'tests', kind: 'test' }],
    );
    expect(gate(run, 'tests').status).toBe('errored');
    expect(gate(run, 'tests').summary).toContain('no tests ran');
  });

  it('a test runner that writes no report: errored', async () => {
    const run = await verdictOf('vitest-silent', fakeTool('vitest', 'vitest', 'process.exit(0);\n'), [{ id: 'tests', kind: 'test' }]);
    expect(gate(run, 'tests').status).toBe('errored');
    expect(gate(run, 'tests').summary).toContain('wrote no report');
  });

  it('ESLint that throws while linting: errored', async () => {
    const eslint = "export class ESLint { async lintFiles() { throw new Error('plugin exploded'); } }\n";
    const run = await verdictOf('eslint-crash', fakeTool('eslint', 'eslint', eslint), [{ id: 'lint', kind: 'lint' }]);
    expect(gate(run, 'lint').status).toBe('errored');
    expect(gate(run, 'lint').summary).toContain('plugin exploded');
  });

  it('a gate that times out: errored', async () => {
    const run = await verdictOf('timeout', {}, [{ id: 'slow', kind: 'command', command: 'sleep 30', timeout: 0.5 }]);
    expect(gate(run, 'slow').status).toBe('errored');
  });

  it('a source file the complexity gate cannot parse: errored, with its file and line', async () => {
    const run = await verdictOf('unparseable', { 'src/bad.ts': 'export function (\n' }, [{ id: 'complexity', kind: 'complexity' }]);
    const complexity = gate(run, 'complexity');
    expect(complexity.status).toBe('errored');
    expect(complexity.diagnostics[0]).toMatchObject({ file: 'src/bad.ts', line: 1, code: 'unanalysable' });
  });

  it('an internal error inside a gate: errored, never passed', async () => {
    const project = await makeProject('internal', {});
    projects.push(project);
    // Options that bypassed validation make the gate throw inside Gatekeeper.
    const results = await runPipeline({
      gates: [{ id: 'lint', kind: 'lint', maxWarnings: 'many' }],
      failFast: true,
      root: project.dir,
      repoRoot: project.dir,
      scope: { mode: 'all', files: [], description: 'all files' },
      cacheDir: `${project.dir}/.gatekeeper/cache`,
    });
    expect(results[0]?.status).toBe('errored');
    expect(results[0]?.summary).toContain('internal error in the lint gate');
  });
});
