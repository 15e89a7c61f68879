import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeHookRepo, type HookRepo } from './helpers/hook-repo.js';
import { gate, parseJsonReport } from './helpers/project.js';

const repos: HookRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

/**
 * A library whose playground imports the library by its own package name, which resolves through
 * package.json "exports" to the git-ignored, built dist/ — as an HTTP framework's playground does.
 */
function selfImportingLibrary(config: object): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({ name: 'selfref-lib', private: true, type: 'module', exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } }, null, 2)}\n`,
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['src', 'playground'] }),
    '.gitignore': 'node_modules\ndist\nout\n*.tsbuildinfo\n',
    '.gatekeeper.json': `${JSON.stringify(config, null, 2)}\n`,
    'src/index.ts': 'export function greet(name: string): string {\n  return `hi ${name}`;\n}\n',
    'playground/use.ts': "import { greet } from 'selfref-lib';\nexport const line: string = greet('you');\n",
    'dist/index.d.ts': 'export declare function greet(name: string): string;\n',
    'dist/index.js': 'export function greet(name) {\n  return `hi ${name}`;\n}\n',
  };
}

async function repo(name: string, config: object): Promise<HookRepo> {
  const made = await makeHookRepo(name, config, selfImportingLibrary(config));
  repos.push(made);
  return made;
}

const TYPES = { gates: [{ id: 'types', kind: 'typecheck' }] };

describe('a result computed in a snapshot is never replayed in the work tree', () => {
  it('a push from a dirty tree gives the snapshot the ignored dist/ the typecheck reads, and says so', async () => {
    const { work, push, remoteSha } = await repo('snap-selfref', TYPES);
    expect(existsSync(path.join(work.dir, 'dist', 'index.d.ts'))).toBe(true);
    const before = parseJsonReport((await work.gatekeeper(['run', '--reporter', 'json'])).stdout);
    expect(gate(before, 'types').status).toBe('passed');

    work.write('src/index.ts', 'export function greet(name: string): string {\n  return `hello ${name}`;\n}\n');
    const pushed = await work.commitAll('say hello');
    work.write('scratch.md', 'uncommitted work\n');
    const result = await push(['origin', 'main']);
    expect(result.output).toContain('in a snapshot of');
    expect(result.output).toContain("the snapshot has the work tree's git-ignored dist/ (2 files");
    expect(result.output).toContain('all gates passed');
    expect(result.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/main')).toBe(pushed);
  });

  it('a failure that happens only in the snapshot is not replayed once the work tree is clean', async () => {
    // Fails where it runs inside .gatekeeper/snapshots, passes in the work tree: a verdict of the place.
    const config = { gates: [{ id: 'where', kind: 'command', command: `node -e "process.exit(process.cwd().includes('snapshots') ? 1 : 0)"` }] };
    const { work, push } = await repo('snap-place', config);
    work.write('src/extra.ts', 'export const extra = 1;\n');
    await work.commitAll('extra');
    work.write('scratch.md', 'uncommitted work\n');
    const blocked = await push(['origin', 'main']);
    expect(blocked.output).toContain('in a snapshot of');
    expect(blocked.exitCode).not.toBe(0);

    // The tree is now exactly the pushed commit: the same tracked inputs the snapshot had.
    work.remove('scratch.md');
    const run = await work.gatekeeper(['run', '--reporter', 'json']);
    const where = gate(parseJsonReport(run.stdout), 'where');
    expect(where.cached).toBe(false);
    expect(where.status).toBe('passed');
    expect(run.exitCode).toBe(0);
    // And the push from the clean tree, judged in place, goes through.
    const passed = await push(['origin', 'main']);
    expect(passed.output).toContain('in the work tree');
    expect(passed.exitCode).toBe(0);
  });
});

describe('the cache key holds the git-ignored files a gate reads', () => {
  it('a pass is not replayed after the ignored dist/ changed (no false green), and is once it is back', async () => {
    const { work } = await repo('cache-ignored', TYPES);
    const run = async (): Promise<{ status: string; cached: boolean }> => {
      const types = gate(parseJsonReport((await work.gatekeeper(['run', '--reporter', 'json', '--reporter', 'junit=out/junit.xml'])).stdout), 'types');
      return { status: types.status, cached: types.cached };
    };
    expect(await run()).toEqual({ status: 'passed', cached: false });
    // The report file this run wrote (ignored out/) is not an input: the second run hits.
    expect(await run()).toEqual({ status: 'passed', cached: true });
    const good = work.read('dist/index.d.ts');
    work.write('dist/index.d.ts', 'export declare function greet(name: string): number;\n');
    expect(await run()).toEqual({ status: 'failed', cached: false });
    work.write('dist/index.d.ts', good);
    expect(await run()).toEqual({ status: 'passed', cached: true });
    // A new ignored file a gate may read is an input too; tools' caches are not.
    work.write('dist/extra.d.ts', 'export {};\n');
    expect(await run()).toEqual({ status: 'passed', cached: false });
    work.write('node_modules/.cache/other-tool/state.json', '{}');
    work.write('tsconfig.tsbuildinfo', '{}');
    expect(await run()).toEqual({ status: 'passed', cached: true });
  });

  it('a --no-cache run replaces the stored verdict it contradicts', async () => {
    // The verdict depends on a variable the key does not hold: the stored one goes stale.
    const config = { gates: [{ id: 'flag', kind: 'command', command: `node -e "process.exit(process.env.GK_FLAG === '1' ? 1 : 0)"` }] };
    const { work } = await repo('cache-no-cache', config);
    const run = async (flag: string, extra: string[] = []): Promise<{ status: string; cached: boolean }> => {
      const flagGate = gate(parseJsonReport((await work.gatekeeper(['run', '--reporter', 'json', ...extra], { env: { GK_FLAG: flag } })).stdout), 'flag');
      return { status: flagGate.status, cached: flagGate.cached };
    };
    expect(await run('1')).toEqual({ status: 'failed', cached: false });
    expect(await run('0')).toEqual({ status: 'failed', cached: true });
    expect(await run('0', ['--no-cache'])).toEqual({ status: 'passed', cached: false });
    expect(await run('0')).toEqual({ status: 'passed', cached: true });
  });
});
