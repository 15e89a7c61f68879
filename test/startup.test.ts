import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, gate, GIT_ENV, makeProject, parseJsonReport, REPO } from './helpers/project.js';
import { tsProjectFiles } from './helpers/ts-project.js';

/**
 * Start-up cost is paid on every push and after every agent edit, so `--version` and `--help` must
 * not load what only a run needs. A module loader hook lists every file Node loads; the heavy ones
 * must be absent (and present for a real run, or the check would prove nothing).
 */
let dir: string;
let hookUrl: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-startup-'));
  writeFileSync(path.join(dir, 'hooks.mjs'), "export async function load(url, context, next) { process.stderr.write(`LOADED ${url}\\n`); return next(url, context); }\n");
  // Every process Node itself starts, named on stderr (git's own children are counted by GIT_TRACE).
  writeFileSync(
    path.join(dir, 'register.mjs'),
    "import { register } from 'node:module';\nimport { ChildProcess } from 'node:child_process';\nregister('./hooks.mjs', import.meta.url);\n" +
      'const spawn = ChildProcess.prototype.spawn;\nChildProcess.prototype.spawn = function (options) { process.stderr.write(`SPAWNED ${options.file}\\n`); return spawn.call(this, options); };\n',
  );
  hookUrl = pathToFileURL(path.join(dir, 'register.mjs')).href;
  // The bundle is CommonJS, whose require() no ES module hook sees on Node 20.
  writeFileSync(
    path.join(dir, 'require-hook.cjs'),
    "const Module = require('node:module');\nconst { pathToFileURL } = require('node:url');\nconst load = Module._extensions['.js'];\n" +
      "Module._extensions['.js'] = function (module, filename) { process.stderr.write(`LOADED ${pathToFileURL(filename).href}\\n`); return load.call(this, module, filename); };\n",
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadedBy(args: string[], cli = CLI, cwd = dir, env: Record<string, string> = {}): Promise<{ exitCode: number; stdout: string; stderr: string; loaded: string[] }> {
  const result = await execa(process.execPath, ['--require', path.join(dir, 'require-hook.cjs'), '--import', hookUrl, cli, ...args], { cwd, reject: false, env: { NO_COLOR: '1', ...env } });
  const loaded = String(result.stderr)
    .split('\n')
    .filter((line) => line.startsWith('LOADED '))
    .map((line) => line.slice('LOADED '.length));
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr), loaded: [...new Set(loaded)] };
}


const HEAVY = ['/node_modules/zod/', '/node_modules/listr2/', '/node_modules/execa/', '/src/run/', '/gates/'];
const heavyIn = (loaded: string[]): string[] => loaded.filter((url) => HEAVY.some((part) => url.includes(part)));

describe('start-up loads only what the command needs', () => {
  it('--version loads neither the pipeline nor zod, listr2 or execa', async () => {
    const { exitCode, stdout, loaded } = await loadedBy(['--version']);
    expect(exitCode).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(loaded.some((url) => url.endsWith('/cli/main.js'))).toBe(true);
    expect(heavyIn(loaded)).toEqual([]);
  });

  it('--help lists every command without loading their work', async () => {
    const { exitCode, stdout, loaded } = await loadedBy(['--help']);
    expect(exitCode).toBe(0);
    for (const command of ['run', 'init', 'install', 'hook', 'loop', 'stats']) expect(stdout).toContain(command);
    expect(heavyIn(loaded)).toEqual([]);
  });

  it('a run does load them (so the check above can see them)', async () => {
    writeFileSync(path.join(dir, '.gatekeeper.json'), '{ "gates": [] }');
    const { loaded } = await loadedBy(['run', '--no-cache']);
    expect(heavyIn(loaded).some((url) => url.includes('/node_modules/zod/'))).toBe(true);
    expect(heavyIn(loaded).some((url) => url.includes('/src/run/'))).toBe(true);
  });
});

describe('a run whose gates are all cache hits (issue #16)', () => {
  it('loads neither zod nor a gate, and asks git three times; a changed config is validated again', async () => {
    const gates = Array.from({ length: 5 }, (_, i) => ({ id: `noop${i + 1}`, kind: 'command', command: 'true' }));
    const project = await makeProject('startup-cached', { '.gatekeeper.json': JSON.stringify({ gates }), '.gitignore': '.gatekeeper/\n' });
    try {
      const first = await loadedBy(['run'], CLI, project.dir, GIT_ENV);
      expect(first.exitCode).toBe(0);
      // The first run validated the config (zod and the gates' option schemas) and ran the gates.
      expect(first.loaded.some((url) => url.includes('/node_modules/zod/'))).toBe(true);
      const trace = path.join(dir, 'git-trace.log');
      const hits = await loadedBy(['run'], CLI, project.dir, { ...GIT_ENV, GIT_TRACE: trace });
      expect(hits.exitCode).toBe(0);
      expect(hits.stdout).toContain('5 passed');
      expect((hits.stdout.match(/\(cached\)/g) ?? []).length).toBe(5);
      expect(hits.loaded.filter((url) => url.includes('/node_modules/zod/') || url.includes('/gates/'))).toEqual([]);
      // rev-parse (top folder and HEAD), one ls-files for the scope and the key, one for ignored files,
      // all three started by one shell: Node forks itself once (each fork costs it 7–9 ms here).
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(trace, 'utf8').match(/built-in: git /g)?.length).toBe(3);
      expect(hits.stderr.split('\n').filter((line) => line.startsWith('SPAWNED '))).toEqual(['SPAWNED sh']);
      // Not a terminal: the plain task list, without listr2.
      expect(hits.loaded.filter((url) => url.includes('/node_modules/listr2/'))).toEqual([]);

      // The kept validation is keyed by the file's text: a broken config is judged, in the same words, every time.
      project.write('.gatekeeper.json', JSON.stringify({ gates: [{ ...gates[0], timeout: -1 }] }));
      const broken = await loadedBy(['run'], CLI, project.dir, GIT_ENV);
      expect(broken.exitCode).toBe(2);
      expect(broken.stderr).toContain('gates[0].timeout');
      const said = (stderr: string): string[] => stderr.split('\n').filter((line) => !line.startsWith('LOADED '));
      expect(said((await loadedBy(['run'], CLI, project.dir, GIT_ENV)).stderr)).toEqual(said(broken.stderr));
    } finally {
      project.cleanup();
    }
  });
});

/** The published bin: esbuild's bundle, split at every `await import()` and written as CommonJS by rollup (scripts/bundle.mjs). */
const BUNDLE = path.join(REPO, 'dist', 'bundle', 'cli', 'main.js');
const bytesOf = (loaded: string[]): number => loaded.filter((url) => url.startsWith('file:')).reduce((sum, url) => sum + statSync(fileURLToPath(url)).size, 0);

describe('the bundled build', () => {
  it('is what the package\'s bin names', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
    expect(path.join(REPO, pkg.bin['gatekeeper'] ?? '')).toBe(BUNDLE);
    expect(pkg.files).toContain('dist/bundle');
  });

  it('--version reads main.js and little else; a run reads its chunks, with zod, on demand', async () => {
    const version = await loadedBy(['--version'], BUNDLE);
    expect(version.exitCode).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const run = await loadedBy(['run', '--no-cache'], BUNDLE);
    // Only our own files count: the user's tools are never in the bundle, and a run here starts none.
    expect(run.loaded.every((url) => !url.includes('/node_modules/zod/'))).toBe(true);
    expect(bytesOf(version.loaded)).toBeLessThan(120_000);
    expect(bytesOf(run.loaded)).toBeGreaterThan(4 * bytesOf(version.loaded));
  });

  it('runs every kind of gate on a real project as the tsc build does (the user\'s ESLint imported from CommonJS, escomplex required)', async () => {
    const project = await makeProject('bundle-gates', tsProjectFiles({ typeError: true, lintError: true, complexFunction: true, failingTest: true, failingBuild: true }));
    try {
      const result = await execa(process.execPath, [BUNDLE, 'run', '--json'], { cwd: project.dir, reject: false, env: { ...GIT_ENV, NO_COLOR: '1' } });
      expect(result.exitCode).toBe(1);
      const report = parseJsonReport(String(result.stdout));
      const where = (id: string): string[] => gate(report, id).diagnostics.map((d) => `${d.file ?? ''}:${d.line ?? ''} ${d.code ?? ''}`);
      expect(report.gates.map((g) => `${g.id} ${g.status}`)).toEqual(['types failed', 'lint failed', 'complexity failed', 'build failed', 'tests failed']);
      expect(where('types')).toEqual(['src/math.ts:2 TS2322']);
      expect(where('lint')).toContain('src/math.ts:4 no-debugger');
      expect(where('complexity')[0]).toMatch(/^src\/classify\.ts:1 /);
      expect(where('tests')[0]).toMatch(/^test\/math\.test\.ts:6 /);
    } finally {
      project.cleanup();
    }
  });
});
