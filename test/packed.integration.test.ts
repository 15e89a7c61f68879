import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIT_ENV, REPO } from './helpers/project.js';
import { ESLINT_CONFIG, mathSource, testSource } from './helpers/ts-project.js';

/**
 * Gatekeeper as a user gets it: `npm pack`, the tarball installed into a fresh project outside this
 * repository, every command run through the installed bin. A file missing from package.json's
 * `files` fails here, where the symlinked checkout of the other tests would hide it.
 */
const TOOLBOX = ['typescript', 'eslint', '@eslint/js', 'typescript-eslint', 'vitest'];

let root: string;
let project: string;
let remote: string;

async function sh(command: string, args: string[], cwd = project): Promise<{ exitCode: number; all: string; stdout: string }> {
  const result = await execa(command, args, { cwd, reject: false, all: true, env: { ...GIT_ENV, CI: 'true', NO_COLOR: '1', HUSKY: '', GATEKEEPER: '' }, stdin: 'ignore' });
  return { exitCode: result.exitCode ?? -1, all: String(result.all), stdout: String(result.stdout) };
}

const gatekeeper = (...args: string[]): ReturnType<typeof sh> => sh(path.join(project, 'node_modules', '.bin', 'gatekeeper'), args);

function write(file: string, content: string): void {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), content);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-packed-'));
  project = path.join(root, 'app');
  remote = path.join(root, 'remote.git');
  mkdirSync(project);
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: REPO });
  const [{ filename }] = JSON.parse(String(packed.stdout)) as [{ filename: string }];
  write('package.json', `${JSON.stringify({ name: 'app', private: true, type: 'module', scripts: { build: 'node build.mjs', test: 'vitest run' } }, null, 2)}\n`);
  write('build.mjs', "console.log('built');\n");
  write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['src', 'test'] }));
  write('eslint.config.js', ESLINT_CONFIG);
  write('src/math.ts', mathSource({}));
  write('test/math.test.ts', testSource({}));
  write('.gitignore', 'node_modules\n');
  const installed = await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(root, filename), 'husky@9.1.7']);
  if (installed.exitCode !== 0) throw new Error(`npm install of the tarball failed:\n${installed.all}`);
  // The project's own tools, linked from the toolbox the other tests use (after npm, which would prune them).
  for (const tool of TOOLBOX) {
    mkdirSync(path.dirname(path.join(project, 'node_modules', tool)), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules', tool), path.join(project, 'node_modules', tool), 'dir');
  }
  await sh('git', ['init', '-q', '-b', 'main']);
  await sh('git', ['init', '-q', '--bare', remote], root);
  await sh('git', ['remote', 'add', 'origin', remote]);
}, 240_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the packed package, installed into a fresh project', () => {
  it('is installed under its registry name with the gatekeeper command', async () => {
    expect(existsSync(path.join(project, 'node_modules', 'gatekeeper-cli', 'package.json'))).toBe(true);
    const version = await gatekeeper('--version');
    expect(version.exitCode).toBe(0);
    const ownVersion = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    expect(version.stdout.trim()).toBe(ownVersion);
    // What Gatekeeper's own messages tell users to type: npx finds the installed package by its name.
    const viaNpx = await sh('npx', ['--no-install', 'gatekeeper-cli', '--version']);
    expect(viaNpx.stdout.trim()).toBe(ownVersion);
  });

  it('init writes a $schema path that exists, and the gates it proposes pass', async () => {
    const init = await gatekeeper('init');
    expect(init.exitCode, init.all).toBe(0);
    const config = JSON.parse(readFileSync(path.join(project, '.gatekeeper.json'), 'utf8')) as { $schema: string };
    expect(config.$schema).toContain('gatekeeper-cli');
    expect(existsSync(path.resolve(project, config.$schema))).toBe(true);
    const run = await gatekeeper('run', '--no-fail-fast');
    expect(run.exitCode, run.all).toBe(0);
    // Five real tools in a fresh project: over two minutes on a loaded two-core machine.
  }, 300_000);

  it('install writes a hook line whose script exists, and a push goes through the hook', async () => {
    const install = await gatekeeper('install');
    expect(install.exitCode, install.all).toBe(0);
    const hook = readFileSync(path.join(project, '.husky', 'pre-push'), 'utf8');
    const line = hook.split('\n').find((l) => l.endsWith('# gatekeeper')) ?? '';
    const script = /^sh (\S+) /.exec(line)?.[1] ?? '';
    expect(script).toContain('node_modules/gatekeeper-cli/');
    expect(existsSync(path.join(project, script))).toBe(true);

    await sh('git', ['add', '-A']);
    await sh('git', ['commit', '-q', '--no-verify', '-m', 'clean']);
    const clean = await sh('git', ['push', 'origin', 'main']);
    expect(clean.exitCode, clean.all).toBe(0);
    expect(clean.all).toContain('gatekeeper');

    write('src/math.ts', mathSource({ typeError: true }));
    await sh('git', ['commit', '-q', '--no-verify', '-am', 'a type error']);
    const blocked = await sh('git', ['push', 'origin', 'main']);
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.all).toMatch(/src\/math\.ts:\d+/);
    expect(blocked.all).toContain('TS2322');
  }, 300_000);
});
