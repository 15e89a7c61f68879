import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedger } from '../src/history/ledger.js';
import { makeHookRepo, TYPES_AND_GUARD, type HookRepo } from './helpers/hook-repo.js';
import { complexFunction, mathSource } from './helpers/ts-project.js';

const repos: HookRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

async function repo(name: string, config?: object): Promise<HookRepo> {
  const made = await makeHookRepo(name, config);
  repos.push(made);
  return made;
}

describe('git push through husky runs the gates on what is pushed', () => {
  it('blocks the first push of a new branch with a type error, then lets the fix through', async () => {
    const { work, push, remoteSha } = await repo('hook-new-branch', TYPES_AND_GUARD);
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/math.ts', mathSource({ typeError: true }));
    await work.commitAll('break the types');

    const blocked = await push(['origin', 'feature']);
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.output).toContain('refs/heads/feature: new, 1 new commit');
    expect(blocked.output).toContain('src/math.ts:2:9 TS2322');
    expect(blocked.output).toMatch(/push blocked — gate "types" \(typecheck, failed\) did not pass on feature/);
    expect(blocked.output).toContain('look at src/math.ts:2:9 (TS2322)');
    expect(blocked.output).toContain('git push --no-verify');
    expect(await remoteSha('refs/heads/feature')).toBeUndefined();

    work.write('src/math.ts', mathSource({}));
    const fixed = await work.commitAll('fix the types');
    const passed = await push(['origin', 'feature']);
    expect(passed.output).toContain('all gates passed');
    expect(passed.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBe(fixed);

    const hookLines = readLedger(work.dir).filter((e) => e.command === 'hook');
    expect(hookLines.map((e) => [e.outcome, e['refs']])).toEqual([
      ['failed', ['refs/heads/feature']],
      ['passed', ['refs/heads/feature']],
    ]);
    expect(hookLines[1]?.commit).toBe(fixed);
  });

  it('judges every ref of a push: two branches, only the second broken, blocks both', async () => {
    const { work, push, remoteSha } = await repo('hook-two-branches');
    await work.git('checkout', '-q', '-b', 'good');
    work.write('src/good.ts', 'export const good = 1;\n');
    const good = await work.commitAll('good');
    await work.git('checkout', '-q', '-b', 'bad', 'main');
    work.write('src/bad.ts', 'export const bad = "FORBIDDEN";\n');
    const bad = await work.commitAll('bad');
    await work.git('checkout', '-q', 'main');

    const result = await push(['origin', 'good', 'bad']);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('src/bad.ts: FORBIDDEN found');
    expect(result.output).toMatch(/gate "guard" \(command, failed\) did not pass on bad/);
    expect(await remoteSha('refs/heads/good')).toBeUndefined();
    expect(await remoteSha('refs/heads/bad')).toBeUndefined();
    const judged = readLedger(work.dir).filter((e) => e.command === 'hook');
    expect(judged.find((e) => e.commit === bad)?.outcome).toBe('failed');
    // Pushed alone, the good branch goes through.
    expect((await push(['origin', 'good'])).exitCode).toBe(0);
    expect(await remoteSha('refs/heads/good')).toBe(good);
  });

  it('checks nothing for a branch deletion', async () => {
    const { work, push, remoteSha } = await repo('hook-delete');
    await work.git('push', '-q', '--no-verify', 'origin', 'main:old');
    // The checked-out tree is broken; a deletion must not care.
    work.write('src/bad.ts', 'export const bad = "FORBIDDEN";\n');
    await work.commitAll('broken, not pushed');
    const result = await push(['origin', '--delete', 'old']);
    expect(result.output).toContain('refs/heads/old: deleted, nothing to check');
    expect(result.output).not.toContain('guard');
    expect(result.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/old')).toBeUndefined();
  });

  it('judges only the rebased commits of a force push, and blocks a broken one', async () => {
    const { work, push, remoteSha } = await repo('hook-force');
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/feature.ts', 'export const feature = 1;\n');
    await work.commitAll('feature');
    expect((await push(['origin', 'feature'])).exitCode).toBe(0);

    await work.git('checkout', '-q', 'main');
    work.write('src/main.ts', 'export const main = 1;\n');
    await work.commitAll('main moves on');
    expect((await push(['origin', 'main'])).exitCode).toBe(0);
    await work.git('checkout', '-q', 'feature');
    await work.git('rebase', '-q', 'main');
    work.write('src/feature.ts', 'export const feature = "FORBIDDEN";\n');
    await work.git('commit', '-q', '--no-verify', '-a', '--amend', '-m', 'feature, rewritten');

    const blocked = await push(['--force', 'origin', 'feature']);
    expect(blocked.output).toContain('refs/heads/feature: forced update, 1 new commit');
    expect(blocked.exitCode).not.toBe(0);
    const before = await remoteSha('refs/heads/feature');

    work.write('src/feature.ts', 'export const feature = 2;\n');
    const rewritten = (await work.git('commit', '-q', '--no-verify', '-a', '--amend', '-m', 'feature, fixed'), await work.git('rev-parse', 'HEAD')).trim();
    expect(await remoteSha('refs/heads/feature')).toBe(before);
    const passed = await push(['--force', 'origin', 'feature']);
    expect(passed.output).toContain('refs/heads/feature: forced update, 1 new commit');
    expect(passed.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBe(rewritten);
  });
});

describe('the scope of a push', () => {
  it('runs file-level gates (complexity) only on the files the pushed commits change', async () => {
    const config = { gates: [{ id: 'complexity', kind: 'complexity', include: ['src/**/*.ts'] }] };
    const { work, push, remoteSha } = await repo('hook-scope', config);
    // Already on the remote: a function too complex for the gate. Pushes that do not touch it pass.
    work.write('src/legacy.ts', complexFunction());
    await work.commitAll('legacy');
    await work.git('push', '-q', '--no-verify', 'origin', 'main');

    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/small.ts', 'export const small = (n: number): number => n + 1;\n');
    const clean = await work.commitAll('small');
    const passed = await push(['origin', 'feature']);
    expect(passed.output).toContain('complexity · 1 file within limits');
    expect(passed.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBe(clean);

    work.write('src/tangled.ts', complexFunction().replace('classify', 'tangled'));
    await work.commitAll('tangled');
    const blocked = await push(['origin', 'feature']);
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.output).toContain('look at src/tangled.ts:1');
    expect(blocked.output).not.toContain('src/legacy.ts');
  });
});

describe('a dirty work tree: the verdict follows the pushed commit, and the edits stay', () => {
  async function snapshotState(work: HookRepo['work']): Promise<Record<string, string>> {
    return {
      status: await work.git('status', '--porcelain=v1', '--untracked-files=all'),
      staged: await work.git('diff', '--cached'),
      unstaged: await work.git('diff'),
      stash: await work.git('stash', 'list'),
      worktrees: await work.git('worktree', 'list', '--porcelain'),
    };
  }

  it('passes a clean commit although an uncommitted edit would fail', async () => {
    const { work, push, remoteSha } = await repo('hook-dirty-pass');
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/ok.ts', 'export const ok = 1;\n');
    const pushed = await work.commitAll('ok');
    const dirtyMath = `${mathSource({})}// FORBIDDEN, not committed\n`;
    work.write('src/math.ts', dirtyMath);
    work.write('src/untracked.ts', 'export const u = "FORBIDDEN";\n');
    work.write('src/ok.ts', 'export const ok = 2; // staged, FORBIDDEN\n');
    await work.git('add', 'src/ok.ts');
    work.write('src/ok.ts', 'export const ok = 3; // staged then edited again\n');
    const before = await snapshotState(work);

    const result = await push(['origin', 'feature']);
    expect(result.output).toContain('in a snapshot of');
    expect(result.output).toContain('all gates passed');
    expect(result.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBe(pushed);

    expect(readFileSync(path.join(work.dir, 'src/math.ts'), 'utf8')).toBe(dirtyMath);
    expect(readFileSync(path.join(work.dir, 'src/untracked.ts'), 'utf8')).toBe('export const u = "FORBIDDEN";\n');
    expect(readFileSync(path.join(work.dir, 'src/ok.ts'), 'utf8')).toBe('export const ok = 3; // staged then edited again\n');
    expect(await snapshotState(work)).toEqual(before);
    expect(readdirSync(path.join(work.dir, '.gatekeeper', 'snapshots'))).toEqual([]);
    expect(existsSync(path.join(work.dir, 'node_modules', 'husky', 'package.json'))).toBe(true);
  });

  it('removes a snapshot that a killed hook left behind, and leaves none of its own', async () => {
    const { work, push } = await repo('hook-stale-snapshot');
    const head = (await work.git('rev-parse', 'HEAD')).trim();
    // As if a hook with a process id that no longer exists had been killed mid-run.
    await work.git('worktree', 'add', '-q', '--detach', `.gatekeeper/snapshots/${head.slice(0, 12)}-2147483646-abcdef`, head);
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/ok.ts', 'export const ok = 1;\n');
    await work.commitAll('ok');
    work.write('src/math.ts', `${mathSource({})}// dirty\n`);
    expect((await push(['origin', 'feature'])).exitCode).toBe(0);
    expect(readdirSync(path.join(work.dir, '.gatekeeper', 'snapshots'))).toEqual([]);
    expect((await work.git('worktree', 'list')).trim().split('\n')).toHaveLength(1);
  });

  it('blocks a commit with a type error although an uncommitted edit fixes it', async () => {
    const { work, push, remoteSha } = await repo('hook-dirty-fail', TYPES_AND_GUARD);
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/math.ts', mathSource({ typeError: true }));
    await work.commitAll('broken types');
    const fix = mathSource({});
    work.write('src/math.ts', fix);
    const before = await snapshotState(work);

    const result = await push(['origin', 'feature']);
    expect(result.exitCode).not.toBe(0);
    // tsc ran in the snapshot (resolved through the linked node_modules) and found the committed error.
    expect(result.output).toContain('src/math.ts:2:9 TS2322');
    expect(result.output).toContain('not for your uncommitted edits');
    expect(await remoteSha('refs/heads/feature')).toBeUndefined();
    expect(readFileSync(path.join(work.dir, 'src/math.ts'), 'utf8')).toBe(fix);
    expect(await snapshotState(work)).toEqual(before);
  });
});

describe('a config that is not committed', () => {
  it('is taken from the work tree into the snapshot, so the gates still run', async () => {
    const { work, push, remoteSha } = await repo('hook-untracked-config');
    await work.git('rm', '-q', '--cached', '.gatekeeper.json');
    await work.git('commit', '-q', '--no-verify', '-m', 'stop tracking the config');
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/bad.ts', 'export const bad = "FORBIDDEN";\n');
    await work.git('add', 'src/bad.ts');
    await work.git('commit', '-q', '--no-verify', '-m', 'broken');
    const result = await push(['origin', 'feature']);
    expect(result.output).toContain('.gatekeeper.json is not in the pushed commit; using the work tree\'s.');
    expect(result.output).toContain('src/bad.ts: FORBIDDEN found');
    expect(result.exitCode).not.toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBeUndefined();
    expect(existsSync(path.join(work.dir, '.gatekeeper.json'))).toBe(true);
  });
});

describe('bypasses', () => {
  it('GATEKEEPER=0 skips the hook, says so, and records it; GATEKEEPER_SKIP leaves out named gates', async () => {
    const { work, push, remoteSha } = await repo('hook-bypass', { gates: [{ id: 'guard', kind: 'command', command: 'node check.mjs' }, { id: 'echo', kind: 'command', command: 'node -e "1"' }] });
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/bad.ts', 'export const bad = "FORBIDDEN";\n');
    const broken = await work.commitAll('broken');

    const skipped = await push(['origin', 'feature'], { GATEKEEPER_SKIP: 'guard' });
    expect(skipped.output).toContain('GATEKEEPER_SKIP — skipping gate guard for this push');
    expect(skipped.output).toContain('1 passed, 0 failed, 1 skipped');
    expect(skipped.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBe(broken);

    work.write('src/bad2.ts', 'export const bad2 = "FORBIDDEN";\n');
    const again = await work.commitAll('broken again');
    const typo = await push(['origin', 'feature'], { GATEKEEPER_SKIP: 'gaurd' });
    expect(typo.exitCode).not.toBe(0);
    expect(typo.output).toContain('GATEKEEPER_SKIP names "gaurd", but .gatekeeper.json has no gate with that id; the gates are guard, echo');

    const everything = await push(['origin', 'feature'], { GATEKEEPER_SKIP: 'guard,echo' });
    expect(everything.exitCode).not.toBe(0);
    expect(everything.output).toContain('push blocked — no gate ran on feature');

    const off = await push(['origin', 'feature'], { GATEKEEPER: '0' });
    expect(off.output).toContain('GATEKEEPER=0 — the pre-push gates are skipped for this push.');
    expect(off.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBe(again);

    const hookLines = readLedger(work.dir).filter((e) => e.command === 'hook');
    expect(hookLines.map((e) => [e.outcome, e.bypasses])).toEqual([
      ['passed', ['GATEKEEPER_SKIP=guard']],
      ['errored', undefined],
      ['failed', ['GATEKEEPER_SKIP=guard,echo']],
      ['bypassed', ['GATEKEEPER=0']],
    ]);

    // HUSKY=0 is husky's own switch: its stub exits before .husky/pre-push, so Gatekeeper never runs.
    work.write('src/bad3.ts', 'export const bad3 = "FORBIDDEN";\n');
    const third = await work.commitAll('broken a third time');
    const husky = await push(['origin', 'feature'], { HUSKY: '0' });
    expect(husky.exitCode).toBe(0);
    expect(husky.output).not.toContain('gatekeeper');
    expect(await remoteSha('refs/heads/feature')).toBe(third);
    expect(readLedger(work.dir).filter((e) => e.command === 'hook')).toHaveLength(4);
  });
});
