import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { GIT_ENV } from './helpers/project.js';
import { makeHookRepo, type HookRepo } from './helpers/hook-repo.js';
import { mathSource } from './helpers/ts-project.js';

const repos: HookRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

describe('Ctrl-C during a push', () => {
  it('stops the gates, blocks the push and removes the snapshot', async () => {
    const hang = { gates: [{ id: 'slow', kind: 'command', command: 'node -e "setTimeout(() => {}, 60017)"' }] };
    const repo = await makeHookRepo('hook-ctrl-c', hang);
    repos.push(repo);
    const { work, remoteSha } = repo;
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/ok.ts', 'export const ok = 1;\n');
    await work.commitAll('ok');
    const dirty = `${mathSource({})}// dirty\n`;
    work.write('src/math.ts', dirty);

    // A terminal's Ctrl-C signals the whole foreground process group: git, husky's shells, Gatekeeper.
    const push = execa('git', ['push', 'origin', 'feature'], { cwd: work.dir, reject: false, all: true, detached: true, env: { ...GIT_ENV, CI: 'true', NO_COLOR: '1' } });
    const snapshots = path.join(work.dir, '.gatekeeper', 'snapshots');
    expect(await until(() => existsSync(snapshots) && readdirSync(snapshots).length === 1, 60_000)).toBe(true);
    expect(await until(() => false, 1500)).toBe(false); // let the slow gate start
    process.kill(-(push.pid ?? 0), 'SIGINT');
    const result = await push;
    expect(result.exitCode).not.toBe(0);

    // Gatekeeper outlives git by a moment to clean up: the snapshot goes, the user's edit stays.
    expect(await until(() => readdirSync(snapshots).length === 0, 15_000)).toBe(true);
    expect(await until(() => false, 500)).toBe(false);
    expect((await work.git('worktree', 'list')).trim().split('\n')).toHaveLength(1);
    expect(work.read('src/math.ts')).toBe(dirty);
    expect(await remoteSha('refs/heads/feature')).toBeUndefined();
    // The gate's own process group was killed too.
    expect(String((await execa('ps', ['-eo', 'args'])).stdout)).not.toContain('60017');
  });
});
