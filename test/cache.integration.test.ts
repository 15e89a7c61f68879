import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedger } from '../src/history/ledger.js';
import { gate, makeProject, parseJsonReport, REPO, type Project } from './helpers/project.js';
import { complexFunction, ESLINT_CONFIG, mathSource, TSCONFIG, tsProjectFiles } from './helpers/ts-project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

type Gates = Record<string, unknown>[];

async function cacheProject(name: string, gates: Gates, extra: Record<string, string> = {}): Promise<Project> {
  // An empty node_modules from the start, so that the cache lives in node_modules/.cache/gatekeeper throughout.
  const project = await makeProject(name, { ...tsProjectFiles(), 'node_modules/.keep': '', '.gatekeeper.json': JSON.stringify({ failFast: false, gates }), ...extra });
  projects.push(project);
  return project;
}

async function run(project: Project, args: string[] = [], env: Record<string, string> = {}): Promise<{ exitCode: number; cached: Record<string, boolean>; report: ReturnType<typeof parseJsonReport> }> {
  const result = await project.gatekeeper(['run', '--json', ...args], { env });
  const report = parseJsonReport(result.stdout);
  return { exitCode: result.exitCode, report, cached: Object.fromEntries(report.gates.map((g) => [g.id, g.cached])) };
}

const echo = (id: string, text = id): Record<string, unknown> => ({ id, kind: 'command', command: `echo ${text}` });

describe('the result cache', () => {
  it('does not replay a verdict on files that a gate outside the cache rewrote earlier in the same run', async () => {
    const project = await cacheProject('cache-writer', [
      echo('first'),
      { id: 'codegen', kind: 'command', command: 'echo "$MODE" > gen.txt', cache: false },
      { id: 'check', kind: 'command', command: 'grep -q good gen.txt' },
    ], { '.gitignore': 'node_modules\n.gatekeeper/\n' });
    // Twice with the same output, so that `first` and `check` are both stored...
    await run(project, [], { MODE: 'good' });
    const good = await run(project, [], { MODE: 'good' });
    expect(gate(good.report, 'check').status).toBe('passed');
    // ...then `first` is a hit, and `check` must be keyed on the gen.txt codegen just rewrote.
    const bad = await run(project, [], { MODE: 'bad' });
    expect(gate(bad.report, 'check')).toMatchObject({ status: 'failed', cached: false });
    expect(bad.exitCode).toBe(1);
  });

  it('keys on the tree as a first gate outside the cache left it, not as the run\'s scope saw it', async () => {
    // The scope's read of the tree is reused for the first key only while no gate has run: here a
    // tracked file, clean when the scope was read, is rewritten before the first key is taken.
    const project = await cacheProject('cache-writer-first', [
      { id: 'codegen', kind: 'command', command: 'echo "$MODE" > gen.txt', cache: false },
      { id: 'check', kind: 'command', command: 'grep -q good gen.txt' },
    ], { 'gen.txt': 'good\n' });
    await run(project, [], { MODE: 'good' });
    expect((await run(project, [], { MODE: 'good' })).cached).toEqual({ codegen: false, check: true });
    const bad = await run(project, [], { MODE: 'bad' });
    expect(gate(bad.report, 'check')).toMatchObject({ status: 'failed', cached: false });
    expect(bad.exitCode).toBe(1);
  });

  it('replays in a repository that does not ignore .gatekeeper/: its own history and cache files are no gate\'s input', async () => {
    const project = await makeProject('cache-own-folder', { 'package.json': '{"name":"x","private":true}\n', '.gatekeeper.json': JSON.stringify({ gates: [echo('probe')] }) });
    projects.push(project);
    expect((await run(project)).cached).toEqual({ probe: false });
    expect((await project.git('status', '--porcelain', '--untracked-files=all'))).toContain('.gatekeeper/');
    expect((await run(project)).cached).toEqual({ probe: true });
    project.write('src/new.ts', 'export const n = 1;\n');
    expect((await run(project)).cached).toEqual({ probe: false });
  });

  it('replays an unchanged tree and misses on a content, config or allowlisted env change', async () => {
    const project = await cacheProject('cache-keys', [{ id: 'types', kind: 'typecheck' }, echo('hello'), { ...echo('region'), cacheEnv: ['REGION'] }]);

    const cold = await run(project);
    expect(cold.exitCode).toBe(0);
    expect(cold.cached).toEqual({ types: false, hello: false, region: false });

    const warm = await run(project);
    expect(warm.exitCode).toBe(0);
    expect(warm.cached).toEqual({ types: true, hello: true, region: true });
    expect(gate(warm.report, 'types').summary).toBe(gate(cold.report, 'types').summary);

    // A content change: every whole-project gate misses, and the new verdict is the tool's.
    project.write('src/math.ts', mathSource({ typeError: true }));
    const edited = await run(project);
    expect(edited.cached).toEqual({ types: false, hello: false, region: false });
    expect(gate(edited.report, 'types').status).toBe('failed');
    project.write('src/math.ts', mathSource({}));
    expect((await run(project)).cached).toEqual({ types: true, hello: true, region: true });

    // A config change misses for that gate only.
    project.write('.gatekeeper.json', JSON.stringify({ failFast: false, gates: [{ id: 'types', kind: 'typecheck' }, echo('hello', 'bonjour'), { ...echo('region'), cacheEnv: ['REGION'] }] }));
    const reconfigured = await run(project);
    expect(reconfigured.cached).toEqual({ types: true, hello: false, region: true });
    expect(gate(reconfigured.report, 'hello').summary).toContain('echo bonjour');

    // TZ is on the default allowlist; REGION only for the gate that declared it.
    expect((await run(project, [], { TZ: 'Asia/Tokyo' })).cached).toEqual({ types: false, hello: false, region: false });
    expect((await run(project, [], { TZ: 'Asia/Tokyo' })).cached).toEqual({ types: true, hello: true, region: true });
    expect((await run(project, [], { TZ: 'Asia/Tokyo', REGION: 'eu' })).cached).toEqual({ types: true, hello: true, region: false });
    expect((await run(project, [], { TZ: 'Asia/Tokyo', UNLISTED: 'x' })).cached).toEqual({ types: true, hello: true, region: true });

    // --no-cache runs everything.
    expect((await run(project, ['--no-cache'], { TZ: 'Asia/Tokyo' })).cached).toEqual({ types: false, hello: false, region: false });
  });

  it('misses when the project\'s tool version changes (TypeScript 6 → 7)', async () => {
    const project = await cacheProject('cache-tool', [{ id: 'types', kind: 'typecheck' }]);
    expect((await run(project)).cached).toEqual({ types: false });
    const warm = await run(project);
    expect(warm.cached).toEqual({ types: true });
    expect(gate(warm.report, 'types').summary).toContain('TypeScript 6.');

    mkdirSync(path.join(project.dir, 'node_modules'), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules', 'typescript7'), path.join(project.dir, 'node_modules', 'typescript'), 'dir');
    const switched = await run(project);
    expect(switched.cached).toEqual({ types: false });
    expect(gate(switched.report, 'types').summary).toContain('TypeScript 7.');
  });

  it('replays failed results, never errored ones, and never caches "cache": false gates or the guard', async () => {
    const project = await cacheProject('cache-status', [
      { id: 'fails', kind: 'command', command: 'echo "src/math.ts(1,1): error TS1005: nope"; exit 4' },
      { id: 'errs', kind: 'command', command: 'no-such-command-gatekeeper' },
      { ...echo('always'), cache: false },
      // The guard's verdict depends on git history (its base commit), which no tree key holds.
      { id: 'guard', kind: 'guard' },
    ]);
    const cold = await run(project);
    expect(cold.exitCode).toBe(1);
    expect(cold.report.gates.map((g) => g.status)).toEqual(['failed', 'errored', 'passed', 'passed']);
    const warm = await run(project);
    expect(warm.exitCode).toBe(1);
    expect(warm.cached).toEqual({ fails: true, errs: false, always: false, guard: false });
    expect(gate(warm.report, 'fails').status).toBe('failed');
    expect(gate(warm.report, 'fails').diagnostics).toEqual(gate(cold.report, 'fails').diagnostics);
  });

  it('does not store a result when the gate changed its inputs while it ran', async () => {
    const project = await cacheProject('cache-race', [echo('steady'), { id: 'editor', kind: 'command', command: 'node -e "require(\'fs\').appendFileSync(\'stamp.txt\', \'x\')"' }], { 'stamp.txt': 'original\n' });
    expect((await run(project)).cached).toEqual({ steady: false, editor: false });
    expect(project.read('stamp.txt')).toBe('original\nx');

    // Back to the tree the first run started from: the editor's result was never stored under it.
    project.write('stamp.txt', 'original\n');
    expect((await run(project)).cached).toEqual({ steady: true, editor: false });
    expect(project.read('stamp.txt')).toBe('original\nx');
  });

  it('replays a build on the tree it left (its dist/ is its output), and builds again once that tree is touched', async () => {
    // The build copies src/msg.txt to the ignored dist/, stamped with the time, as real builds' banners are.
    const script = "const fs=require('fs');fs.mkdirSync('dist',{recursive:true});fs.writeFileSync('dist/msg.txt',fs.readFileSync('src/msg.txt','utf8')+Date.now());if(process.env.EDIT)fs.appendFileSync('stamp.txt','x')";
    const project = await cacheProject('cache-build-outputs', [echo('before'), { id: 'build', kind: 'build', command: 'node build.cjs' }], {
      'build.cjs': script,
      'src/msg.txt': 'one\n',
      'stamp.txt': 'original\n',
      '.gitignore': 'node_modules\n.gatekeeper/\ndist/\n',
    });
    expect((await run(project)).cached).toEqual({ before: false, build: false });
    // The run after a build: before this, the build ran again (keyed on the dist/ it was about to replace).
    expect((await run(project)).cached).toEqual({ before: false, build: true });
    expect((await run(project)).cached).toEqual({ before: true, build: true });

    // dist/ edited by hand, or gone: the tree is no longer the one the build left, so it builds again.
    project.write('dist/msg.txt', 'edited');
    expect((await run(project)).cached.build).toBe(false);
    expect(project.read('dist/msg.txt')).toMatch(/^one\n\d+$/);
    rmSync(path.join(project.dir, 'dist'), { recursive: true });
    expect((await run(project)).cached.build).toBe(false);
    expect((await run(project)).cached.build).toBe(true);

    // A build that also edits a tracked file is not stored under the tree it left.
    project.write('src/msg.txt', 'two\n');
    expect((await run(project, [], { EDIT: '1' })).cached.build).toBe(false);
    expect((await run(project, [], { EDIT: '1' })).cached.build).toBe(false);
  });

  it('replays a typecheck after a build rewrote a dist/ tsc never read, never after a change to an ignored module it read', async () => {
    const project = await cacheProject('cache-reads', [{ id: 'types', kind: 'typecheck' }, { id: 'build', kind: 'build', command: 'node build.cjs' }], {
      'build.cjs': "const fs=require('fs');fs.mkdirSync('dist',{recursive:true});fs.writeFileSync('dist/use.js','export const built = '+Date.now()+';'+fs.readFileSync('src/use.ts','utf8').length)",
      // Generated code, ignored by git, that the sources import: tsc reads it, so its content is keyed.
      'generated/api.ts': 'export const answer: number = 42;\n',
      'src/use.ts': "import { answer } from '../generated/api.js';\nexport const doubled: number = answer * 2;\n",
      '.gitignore': 'node_modules\n.gatekeeper/\ndist/\ngenerated/\n',
    });
    await run(project);
    await run(project);
    // A change to the sources: both run, and the build rewrites dist/ after tsc has checked.
    project.write('src/use.ts', "import { answer } from '../generated/api.js';\nexport const tripled: number = answer * 3;\n");
    expect((await run(project)).cached).toEqual({ types: false, build: false });
    // The run after it (a push after a loop): dist/ is new, but tsc never read it.
    expect((await run(project)).cached).toEqual({ types: true, build: true });

    project.write('generated/api.ts', "export const answer: string = 'x';\n");
    const broken = await run(project);
    expect(gate(broken.report, 'types')).toMatchObject({ status: 'failed', cached: false });
    expect(gate(broken.report, 'types').diagnostics.map((d) => `${d.file}:${d.line}:${d.code}`)).toEqual(['src/use.ts:2:TS2362']);
    project.write('generated/api.ts', 'export const answer: number = 42;\n');
    expect(gate((await run(project)).report, 'types')).toMatchObject({ status: 'passed', cached: true });
  });

  it('two runs at once both finish with whole results, and the next run replays them', async () => {
    const big = `node -e "process.stdout.write('line of output\\\\n'.repeat(20000))"`;
    const project = await cacheProject('cache-concurrent', [{ id: 'big', kind: 'command', command: big }, echo('small')]);
    for (let round = 0; round < 3; round++) {
      const [a, b] = await Promise.all([run(project, ['--no-fail-fast']), run(project)]);
      for (const r of [a, b]) {
        expect(r.exitCode).toBe(0);
        expect(r.report.gates.map((g) => g.status)).toEqual(['passed', 'passed']);
      }
    }
    expect((await run(project)).cached).toEqual({ big: true, small: true });
  });

  it('under --since and a push scope, misses once the lint or TypeScript config changed although the changed files did not', async () => {
    const project = await cacheProject('cache-since-config', [{ id: 'types', kind: 'typecheck' }, { id: 'lint', kind: 'lint' }]);
    await project.git('checkout', '-q', '-b', 'feature');
    project.write('src/extra.ts', 'export function third(xs: number[]): number {\n  return xs[2];\n}\n');
    await project.commitAll('extra');
    expect((await run(project, ['--since', 'main'])).cached).toEqual({ types: false, lint: false });
    const warm = await run(project, ['--since', 'main']);
    expect(warm.cached).toEqual({ types: true, lint: true });
    expect(warm.exitCode).toBe(0);
    // A push of the branch has the same changed-files scope (the range from main): same keys.
    const push = async (): Promise<{ exitCode: number; cached: Record<string, boolean> }> => {
      const [head, main] = await Promise.all([project.git('rev-parse', 'HEAD'), project.git('rev-parse', 'main')]);
      const result = await project.gatekeeper(['hook', 'pre-push', 'origin', 'https://example.invalid/repo.git'], { input: `refs/heads/feature ${head.trim()} refs/heads/feature ${main.trim()}\n` });
      const judged = readLedger(project.dir).filter((e) => e.command === 'hook').at(-1);
      return { exitCode: result.exitCode, cached: Object.fromEntries((judged?.gates ?? []).map((g) => [g.id, g.cached])) };
    };
    expect(await push()).toEqual({ exitCode: 0, cached: { types: true, lint: true } });

    // Main tightens a config, the branch takes it in: the scope (src/extra.ts, since the new
    // merge-base) is what it was, only the config differs. A replayed pass would be a false green.
    const tighten = async (file: string, text: string): Promise<void> => {
      await project.git('checkout', '-q', 'main');
      project.write(file, text);
      await project.commitAll(`tighten ${file}`);
      await project.git('checkout', '-q', 'feature');
      await project.git('merge', '-q', '--no-edit', 'main');
    };
    await tighten('eslint.config.js', ESLINT_CONFIG.replace("'no-debugger': 'error'", "'no-debugger': 'error', 'no-magic-numbers': 'error'"));
    // The push first: it must not replay the stale pass (its range holds the merge, so the config file is in
    // its scope too). Then --since, whose scope is src/extra.ts alone as before: only the key's config part can miss.
    const pushed = await push();
    expect(pushed.cached.lint).toBe(false);
    expect(pushed.exitCode).not.toBe(0);
    const linted = await run(project, ['--since', 'main']);
    expect(gate(linted.report, 'lint')).toMatchObject({ status: 'failed', diagnostics: [expect.objectContaining({ file: 'src/extra.ts', line: 2, code: 'no-magic-numbers' })] });
    expect(linted.exitCode).toBe(1);

    await tighten('tsconfig.json', TSCONFIG.replace('"strict": true', '"strict": true, "noUncheckedIndexedAccess": true'));
    const typed = await run(project, ['--since', 'main']);
    expect(typed.cached.types).toBe(false);
    expect(gate(typed.report, 'types').diagnostics).toEqual([expect.objectContaining({ file: 'src/extra.ts', line: 2, code: 'TS2322' })]);
  });

  it('keeps complexity metrics per file content, and a changed file is measured again', async () => {
    const project = await cacheProject('cache-complexity', [{ id: 'complexity', kind: 'complexity', include: ['src/**/*.ts'] }]);
    expect(gate((await run(project, ['--no-cache'])).report, 'complexity').status).toBe('passed');
    const memoFile = path.join(project.dir, 'node_modules', '.cache', 'gatekeeper', 'complexity', 'escomplex-metrics.json');
    const memo = JSON.parse(readFileSync(memoFile, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(memo.entries)).toHaveLength(2);

    project.write('src/classify.ts', complexFunction());
    const after = await run(project, ['--no-cache']);
    expect(gate(after.report, 'complexity').status).toBe('failed');
    expect(gate(after.report, 'complexity').diagnostics).toEqual([expect.objectContaining({ file: 'src/classify.ts', code: 'cyclomatic' })]);
  });
});
