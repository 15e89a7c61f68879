import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, parseJsonReport, type CliResult, type Project } from './helpers/project.js';
import { sarifValidator } from './helpers/sarif-schema.js';
import { tsProjectFiles } from './helpers/ts-project.js';

let project: Project;
let run: CliResult;
const read = (file: string): string => readFileSync(path.join(project.dir, file), 'utf8');

beforeAll(async () => {
  project = await makeProject('reporters', tsProjectFiles({ typeError: true, lintError: true, failingTest: true, failingBuild: true }));
  project.write('.gitignore', 'node_modules\n.gatekeeper/\nreports/\n');
  run = await project.gatekeeper(
    ['run', '--reporter', 'sarif=reports/gates.sarif', '--reporter', 'junit=reports/junit.xml', '--reporter', 'markdown=reports/summary.md'],
    { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: path.join(project.dir, 'reports', 'step-summary.md') } },
  );
});
afterAll(() => project.cleanup());

describe('one run with several reporters on a project with seeded failures', () => {
  it('prints the task list and, in GitHub Actions, the annotations on stdout', () => {
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/gates did not pass — 1 passed, 4 failed/);
    const annotations = run.stdout.split('\n').filter((l) => /^::(error|warning) /.test(l));
    expect(annotations).toContainEqual(expect.stringMatching(/^::error file=src\/math\.ts,line=2,col=\d+,title=types TS2322::Type 'string' is not assignable to type 'number'\.$/));
    expect(annotations).toContainEqual(expect.stringMatching(/^::error file=src\/math\.ts,line=4,col=3,endLine=4,endColumn=12,title=lint no-debugger::/));
    expect(annotations).toContainEqual(expect.stringMatching(/^::error title=build::failed: `npm run build` exited with code 3$/));
    expect(annotations).toContainEqual(expect.stringMatching(/^::error file=test\/math\.test\.ts,line=6,col=\d+,title=tests add adds two numbers::/));
    expect(run.stdout).toContain('::group::build (build) output');
    expect(run.stdout).toContain('build: cannot bundle src/math.ts');
    // The task list comes first, the annotations after it.
    expect(run.stdout.indexOf('gates did not pass')).toBeLessThan(run.stdout.indexOf('::error'));
  });

  it('appends the step summary', () => {
    const summary = read('reports/step-summary.md');
    expect(summary).toContain('| types | ❌ failed |');
    expect(summary).toContain('| complexity | ✅ passed |');
  });

  it('writes SARIF that the official schema accepts, with each gate\'s tool and version', () => {
    const log = JSON.parse(read('reports/gates.sarif')) as Log;
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs.map((r) => `${r.tool.driver.name}@${r.tool.driver.version ?? '-'}`)).toEqual(['tsc@6.0.3', 'eslint@10.15.0', 'escomplex@0.1.0', 'gatekeeper-build@-', 'vitest@4.1.12']);
    const typeError = log.runs[0]?.results?.find((r) => r.ruleId === 'TS2322');
    expect(typeError?.locations?.[0]?.physicalLocation).toMatchObject({ artifactLocation: { uri: 'src/math.ts' }, region: { startLine: 2 } });
  });

  it('writes JUnit XML with a suite per gate and a case per failing test', () => {
    const xml = read('reports/junit.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(xml) as {
      testsuites: { testsuite: { name: string; failures: string; testcase: { name: string; classname: string; failure?: unknown }[] }[] };
    };
    const suites = parsed.testsuites.testsuite;
    expect(suites.map((s) => [s.name, s.failures])).toEqual([
      ['types', '1'],
      ['lint', '1'],
      ['complexity', '0'],
      ['build', '1'],
      ['tests', '1'],
    ]);
    expect(suites[4]?.testcase.map((c) => [c.classname, c.name])).toEqual([['test/math.test.ts', 'add adds two numbers']]);
  });

  it('writes the Markdown report, and leaves no temporary file beside the reports', () => {
    expect(read('reports/summary.md')).toContain('### ❌ failed: types (typecheck) — 1 type error in 1 file');
    expect(readdirSync(path.join(project.dir, 'reports')).sort()).toEqual(['gates.sarif', 'junit.xml', 'step-summary.md', 'summary.md']);
  });
});

describe('stdout belongs to one document at a time', () => {
  it('with --json in GitHub Actions, stdout is exactly one JSON object', async () => {
    const result = await project.gatekeeper(['run', '--json', '--only', 'types'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(result.exitCode).toBe(1);
    expect(parseJsonReport(result.stdout).gates[0]?.status).toBe('failed');
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).not.toContain('::error');
  });

  it('refuses two documents on stdout, and unknown reporter names, with exit 2', async () => {
    const both = await project.gatekeeper(['run', '--reporter', 'json', '--reporter', 'sarif']);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('no other reporter may write there too (sarif)');
    const typo = await project.gatekeeper(['run', '--reporter', 'junti=out.xml']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('did you mean "junit"?');
  });
});
