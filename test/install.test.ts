import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { CLI, GIT_ENV, makeProject, type Project } from './helpers/project.js';
import { linkPackages } from './helpers/hook-repo.js';
import { pathWithout } from './helpers/path-without.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function project(name: string, files: Record<string, string>): Promise<Project> {
  const made = await makeProject(name, { '.gitignore': 'node_modules\n', ...files });
  projects.push(made);
  linkPackages(made);
  return made;
}

async function hooksPath(p: Project): Promise<string> {
  return (await p.git('config', '--get', 'core.hooksPath').catch(() => '')).trim();
}

function files(p: Project, names: string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((n) => [n, existsSync(path.join(p.dir, n)) ? p.read(n) : undefined]));
}

const WATCHED = ['package.json', '.gitignore', '.husky/pre-push'];
const HOOK_LINE = 'sh node_modules/gatekeeper-cli/hooks/pre-push "$@" # gatekeeper';

describe('gatekeeper install / uninstall through husky 9', () => {
  it('sets up husky in a fresh project keeping package.json\'s formatting, changes nothing the second time, and uninstall undoes it byte for byte', async () => {
    // Four-space indent, a key order of its own, no trailing newline on .gitignore.
    const pkg = '{\n    "name": "fresh",\n    "version": "1.0.0",\n    "private": true,\n    "scripts": {\n        "build": "tsc"\n    }\n}\n';
    const p = await project('install-fresh', { 'package.json': pkg, '.gitignore': 'node_modules\ndist' });
    const before = files(p, WATCHED);

    const first = await p.gatekeeper(['install']);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('installed.');
    expect(p.read('package.json')).toBe(
      '{\n    "name": "fresh",\n    "version": "1.0.0",\n    "private": true,\n    "scripts": {\n        "build": "tsc",\n        "prepare": "husky"\n    },\n    "devDependencies": {\n        "husky": "^9.1.7"\n    }\n}\n',
    );
    expect(await hooksPath(p)).toBe('.husky/_');
    expect(readFileSync(path.join(p.dir, '.husky/_/pre-push'), 'utf8')).toContain('/h"');
    expect(existsSync(path.join(p.dir, '.husky/_/h'))).toBe(true);
    expect(p.read('.husky/pre-push')).toBe(`${HOOK_LINE}\n`);
    expect(p.read('.gitignore')).toBe('node_modules\ndist\n.gatekeeper/\n');

    const afterFirst = files(p, WATCHED);
    const second = await p.gatekeeper(['install']);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain('already installed — nothing to change');
    expect(files(p, WATCHED)).toEqual(afterFirst);

    const removed = await p.gatekeeper(['uninstall']);
    expect(removed.exitCode).toBe(0);
    expect(files(p, WATCHED)).toEqual(before);
    expect(p.read('.gitignore')).toBe('node_modules\ndist');
    expect(await hooksPath(p)).toBe('');
    expect(existsSync(path.join(p.dir, '.husky'))).toBe(false);
    expect(existsSync(path.join(p.dir, '.gatekeeper', 'install.json'))).toBe(false);
  });

  it('adds its line once to an existing husky setup, keeps the other lines, and uninstall leaves husky in place', async () => {
    const pkg = `${JSON.stringify({ name: 'husky-already', private: true, scripts: { prepare: 'husky' }, devDependencies: { husky: '^9.1.7' } }, null, '\t')}\n`;
    const p = await project('install-existing', { 'package.json': pkg, '.husky/pre-push': 'npm test\n', '.gitignore': 'node_modules\n.gatekeeper/\n' });
    // What `npm install` did here already: husky's prepare script ran.
    await execa(process.execPath, [path.join(p.dir, 'node_modules', 'husky', 'bin.js')], { cwd: p.dir, env: GIT_ENV });
    expect(await hooksPath(p)).toBe('.husky/_');
    await p.gatekeeper(['install']);
    expect(p.read('.husky/pre-push')).toBe(`npm test\n${HOOK_LINE}\n`);
    expect(p.read('package.json')).toBe(pkg);
    await p.gatekeeper(['install']);
    expect(p.read('.husky/pre-push')).toBe(`npm test\n${HOOK_LINE}\n`);

    const removed = await p.gatekeeper(['uninstall']);
    expect(removed.exitCode).toBe(0);
    expect(p.read('.husky/pre-push')).toBe('npm test\n');
    expect(p.read('package.json')).toBe(pkg);
    expect(p.read('.gitignore')).toBe('node_modules\n.gatekeeper/\n');
    expect(await hooksPath(p)).toBe('.husky/_');
    expect(existsSync(path.join(p.dir, '.husky/_/h'))).toBe(true);
  });

  it('refuses a core.hooksPath set by another tool (exit 2, nothing changed) unless --force; uninstall puts it back', async () => {
    const pkg = `${JSON.stringify({ name: 'foreign', private: true, scripts: { prepare: 'npm run build' } }, null, 2)}\n`;
    const p = await project('install-foreign', { 'package.json': pkg });
    await p.git('config', 'core.hooksPath', '.githooks');
    const before = files(p, WATCHED);

    const refused = await p.gatekeeper(['install']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('core.hooksPath is already set to ".githooks"');
    expect(refused.stderr).toContain('--force');
    expect(files(p, WATCHED)).toEqual(before);
    expect(await hooksPath(p)).toBe('.githooks');
    expect(existsSync(path.join(p.dir, '.husky'))).toBe(false);

    const forced = await p.gatekeeper(['install', '--force']);
    expect(forced.exitCode).toBe(0);
    expect(await hooksPath(p)).toBe('.husky/_');
    expect(JSON.parse(p.read('package.json')).scripts.prepare).toBe('husky && npm run build');

    await p.gatekeeper(['uninstall']);
    expect(await hooksPath(p)).toBe('.githooks');
    expect(files(p, WATCHED)).toEqual({ ...before, '.gitignore': 'node_modules\n' });
  });

  it('asks for npm install when husky is declared but not installed (exit 2), changing nothing', async () => {
    // Outside Gatekeeper's checkout, so that no parent node_modules provides husky.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-install-'));
    try {
      const pkg = `${JSON.stringify({ name: 'declared', private: true, devDependencies: { husky: '^9.1.7' } }, null, 2)}\n`;
      writeFileSync(path.join(dir, 'package.json'), pkg);
      await execa('git', ['init', '-q', dir], { env: GIT_ENV });
      const result = await execa(process.execPath, [CLI, 'install'], { cwd: dir, reject: false, env: { ...GIT_ENV, NO_COLOR: '1' } });
      expect(result.exitCode).toBe(2);
      expect(String(result.stderr)).toContain('husky ^9.1.7 is in package.json but not installed in node_modules. Install the project\'s dependencies (npm install)');
      expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(pkg);
      expect(existsSync(path.join(dir, '.husky'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says how to add husky in a pnpm project when pnpm is not on PATH (exit 2), changing nothing', async () => {
    // npm cannot add to a tree pnpm laid out; outside Gatekeeper's checkout, so no parent node_modules provides husky.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-install-pnpm-'));
    try {
      const pkg = `${JSON.stringify({ name: 'pnpm-project', private: true, packageManager: 'pnpm@9.15.0' }, null, 2)}\n`;
      writeFileSync(path.join(dir, 'package.json'), pkg);
      writeFileSync(path.join(dir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
      await execa('git', ['init', '-q', dir], { env: GIT_ENV });
      const noPnpm = pathWithout(['pnpm', 'pnpx']);
      const result = await execa(process.execPath, [CLI, 'install'], { cwd: dir, reject: false, env: { ...GIT_ENV, NO_COLOR: '1', PATH: noPnpm } });
      expect(result.exitCode).toBe(2);
      expect(String(result.stderr)).toContain('this is a pnpm project (packageManager is pnpm@9.15.0) but pnpm is not on PATH');
      expect(String(result.stderr)).toContain('`npx pnpm add -D husky@9`');
      expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(pkg);
      expect(existsSync(path.join(dir, '.husky'))).toBe(false);
      expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what to do when there is no package.json (exit 2)', async () => {
    const p = await project('install-nopkg', {});
    const result = await p.gatekeeper(['install']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('There is no package.json in');
    expect(await hooksPath(p)).toBe('');
  });
});
