import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedger } from '../src/history/ledger.js';
import { REPO } from './helpers/project.js';
import { makeHookRepo, type HookRepo } from './helpers/hook-repo.js';

const repos: HookRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

async function repo(name: string): Promise<HookRepo> {
  const made = await makeHookRepo(name);
  repos.push(made);
  return made;
}

const ZERO = '0'.repeat(40);

describe('the hook fails closed when it cannot reach a verdict', () => {
  it('blocks the push on an invalid config, naming the file and the field', async () => {
    const { work, push, remoteSha } = await repo('hook-bad-config');
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/ok.ts', 'export const ok = 1;\n');
    await work.commitAll('ok');
    work.write('.gatekeeper.json', JSON.stringify({ gates: [{ id: 'guard', kind: 'comand', command: 'true' }] }));
    const result = await push(['origin', 'feature']);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('Invalid config');
    expect(result.output).toContain('unknown gate kind "comand" (did you mean "command"?)');
    expect(result.output).toContain('push blocked — the pre-push gates could not reach a verdict');
    expect(result.output).toContain('git push --no-verify');
    expect(await remoteSha('refs/heads/feature')).toBeUndefined();
    expect(readLedger(work.dir).filter((e) => e.command === 'hook').map((e) => e.outcome)).toEqual(['errored']);
  });

  it('refuses garbage and unknown commits on stdin, and lets an empty push through at once', async () => {
    const { work } = await repo('hook-stdin');
    const head = (await work.git('rev-parse', 'HEAD')).trim();
    const hook = (input: string) => work.gatekeeper(['hook', 'pre-push', 'origin', 'https://example.invalid/repo.git'], { input });

    const garbage = await hook('this is not a ref line\n');
    expect(garbage.exitCode).toBe(2);
    expect(garbage.stdout).toContain('line 1 of the refs git passed on stdin is not "<local ref> <local sha> <remote ref> <remote sha>"');
    expect(garbage.stdout).toContain('git push --no-verify');

    const halfGood = await hook(`refs/heads/main ${head} refs/heads/main ${ZERO}\nrefs/heads/x ${head.slice(0, 20)} refs/heads/x ${ZERO}\n`);
    expect(halfGood.exitCode).toBe(2);
    expect(halfGood.stdout).toContain('line 2 of the refs');

    const unknown = await hook(`refs/heads/main ${'1'.repeat(40)} refs/heads/main ${ZERO}\n`);
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.stdout).toContain(`pushes ${'1'.repeat(40)}, but this repository has no such object`);

    // Called directly (not through husky's stub), Gatekeeper honours HUSKY=0 itself and says so.
    const huskyOff = await work.gatekeeper(['hook', 'pre-push', 'origin', 'url'], { input: `refs/heads/main ${head} refs/heads/main ${ZERO}\n`, env: { HUSKY: '0' } });
    expect(huskyOff.exitCode).toBe(0);
    expect(huskyOff.stdout).toContain('HUSKY=0 — the pre-push gates are skipped for this push.');

    const empty = await hook('');
    expect(empty.exitCode).toBe(0);
    expect(empty.stdout).toBe('');
  });

  it('blocks the push on an unexpected error (exit 70) and says how to bypass', async () => {
    const { work, push, remoteSha } = await repo('hook-crash');
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/ok.ts', 'export const ok = 1;\n');
    await work.commitAll('ok');
    await work.git('checkout', '-q', 'main');
    // A file where Gatekeeper's folder should be: the snapshot of the (not checked-out) branch cannot be made.
    rmSync(path.join(work.dir, '.gatekeeper'), { recursive: true, force: true });
    writeFileSync(path.join(work.dir, '.gatekeeper'), 'in the way\n');
    const result = await push(['origin', 'feature']);
    expect(result.output).toContain('gatekeeper: internal error:');
    expect(result.output).toContain('git push --no-verify');
    expect(result.output).toContain('(code 70)');
    expect(result.exitCode).not.toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBeUndefined();
  });

  it('blocks the push when the hook script cannot find the gatekeeper program', async () => {
    const { work, push, remoteSha } = await repo('hook-no-binary');
    // node_modules/gatekeeper holds only the hook script: no dist, and no .bin/gatekeeper.
    rmSync(path.join(work.dir, 'node_modules', 'gatekeeper-cli'));
    mkdirSync(path.join(work.dir, 'node_modules', 'gatekeeper-cli', 'hooks'), { recursive: true });
    copyFileSync(path.join(REPO, 'hooks', 'pre-push'), path.join(work.dir, 'node_modules', 'gatekeeper-cli', 'hooks', 'pre-push'));
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/ok.ts', 'export const ok = 1;\n');
    const pushed = await work.commitAll('ok');

    const blocked = await push(['origin', 'feature']);
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.output).toContain('cannot find the gatekeeper program');
    expect(blocked.output).toContain('git push --no-verify');
    expect(await remoteSha('refs/heads/feature')).toBeUndefined();

    const off = await push(['origin', 'feature'], { GATEKEEPER: '0' });
    expect(off.output).toContain('GATEKEEPER=0');
    expect(off.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBe(pushed);
  });
});
