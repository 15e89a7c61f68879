import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { linkPackages } from './helpers/hook-repo.js';
import { GIT_ENV, makeProject, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

const PKG = `${JSON.stringify({ name: 'dormant-hooks', private: true }, null, 2)}\n`;
/** A pre-commit the repository has but this clone never turned on: it breaks every commit. */
const BREAKING_PRE_COMMIT = 'echo "pre-commit ran" >&2\nexit 1\n';

async function project(name: string): Promise<Project> {
  const made = await makeProject(name, { 'package.json': PKG, '.gitignore': 'node_modules\n.gatekeeper/\n', '.husky/pre-commit': BREAKING_PRE_COMMIT });
  projects.push(made);
  linkPackages(made);
  return made;
}

async function hooksPath(p: Project): Promise<string> {
  return (await p.git('config', '--get', 'core.hooksPath').catch(() => '')).trim();
}

/** A real commit through whatever hooks git finds (no --no-verify). */
async function commit(p: Project): Promise<number> {
  p.write(`note-${Math.random().toString(36).slice(2)}.txt`, 'x\n');
  await p.git('add', '-A');
  const result = await execa('git', ['commit', '-q', '-m', 'note'], { cwd: p.dir, reject: false, env: { ...GIT_ENV, HUSKY: '' } });
  return result.exitCode ?? -1;
}

describe('install and the repository\'s other husky hooks', () => {
  it('without --other-hooks and without a terminal: names them, refuses (exit 2) and changes nothing', async () => {
    const p = await project('other-hooks-refuse');
    const result = await p.gatekeeper(['install']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('.husky/pre-commit');
    expect(result.stderr).toContain('--other-hooks on');
    expect(result.stderr).toContain('--other-hooks off');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await hooksPath(p)).toBe('');
    expect(p.read('package.json')).toBe(PKG);
    expect(existsSync(path.join(p.dir, '.husky', 'pre-push'))).toBe(false);
    expect(await commit(p)).toBe(0);
  });

  it('--other-hooks off: the pre-push gates are on, the pre-commit stays off, and it says so', async () => {
    const p = await project('other-hooks-off');
    const result = await p.gatekeeper(['install', '--other-hooks', 'off']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('kept off: .husky/pre-commit');
    expect(await hooksPath(p)).toBe('.husky/_');
    expect(existsSync(path.join(p.dir, '.husky', '_', 'pre-push'))).toBe(true);
    expect(await commit(p)).toBe(0);
  });

  it('--other-hooks on: says which hooks it turned on, and they run', async () => {
    const p = await project('other-hooks-on');
    const result = await p.gatekeeper(['install', '--other-hooks', 'on']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("turned on the repository's other husky hooks as well: .husky/pre-commit");
    expect(await commit(p)).toBe(1);
  });
});
