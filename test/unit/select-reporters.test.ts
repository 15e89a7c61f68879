import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import { parseReporterSpec, resolveReporterSpecs, type ReporterSpec } from '../../src/report/select-reporters.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-select-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const chosen = (args: string[], env: NodeJS.ProcessEnv = {}): string[] =>
  resolveReporterSpecs(args.map(parseReporterSpec), env, cwd).map((s: ReporterSpec) => (s.path === undefined ? s.name : `${s.name}=${s.path}`));

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserFacingError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('--reporter NAME[=PATH]', () => {
  it('prints the task list by default, and adds github annotations beside it in GitHub Actions', () => {
    expect(chosen([])).toEqual(['pretty']);
    expect(chosen([], { GITHUB_ACTIONS: 'true' })).toEqual(['pretty', 'github']);
    expect(chosen([], { GITHUB_ACTIONS: 'false' })).toEqual(['pretty']);
  });

  it('keeps the task list on stdout when every other reporter writes a file', () => {
    expect(chosen(['junit=out/junit.xml', 'sarif=out/gates.sarif'])).toEqual(['pretty', 'junit=out/junit.xml', 'sarif=out/gates.sarif']);
    expect(chosen(['junit=out/junit.xml'], { GITHUB_ACTIONS: 'true' })).toEqual(['pretty', 'junit=out/junit.xml', 'github']);
  });

  it('gives stdout to json alone, in GitHub Actions too', () => {
    expect(chosen(['json'])).toEqual(['json']);
    expect(chosen(['json'], { GITHUB_ACTIONS: 'true' })).toEqual(['json']);
    expect(chosen(['json', 'junit=j.xml'], { GITHUB_ACTIONS: 'true' })).toEqual(['json', 'junit=j.xml']);
    expect(usageError(() => chosen(['json', 'pretty']))).toContain('no other reporter may write there too (pretty)');
    expect(usageError(() => chosen(['sarif', 'github']))).toContain('(github)');
  });

  it('rejects unknown names, empty paths, a path for pretty, a folder and a file taken twice', () => {
    expect(usageError(() => parseReporterSpec('sarf=x'))).toContain('unknown reporter "sarf" (did you mean "sarif"?)');
    expect(usageError(() => parseReporterSpec('junit='))).toContain('the path after "=" is empty');
    expect(usageError(() => parseReporterSpec('pretty=out.txt'))).toContain('writes only to stdout');
    expect(usageError(() => chosen(['junit=.']))).toContain('that is a folder');
    expect(usageError(() => chosen(['junit=r.xml', 'markdown=./r.xml']))).toContain('junit already writes to that file');
  });
});
