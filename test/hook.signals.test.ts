import { readdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { GIT_ENV } from './helpers/project.js';
import { makeHookRepo, type HookRepo } from './helpers/hook-repo.js';
import { expectGone, pidFrom, waitFor } from './helpers/processes.js';
import { mathSource } from './helpers/ts-project.js';

const repos: HookRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

describe('Ctrl-C during a push', () => {
  it('stops the gates, blocks the push and removes the snapshot', async () => {
    // The gate says it has started by writing its pid where the test looks (the path comes in the environment).
    const hang = { gates: [{ id: 'slow', kind: 'command', command: `node -e "require('fs').writeFileSync(process.env.GK_PID_FILE, String(process.pid)); setTimeout(() => {}, 60017)"` }] };
    const repo = await makeHookRepo('hook-ctrl-c', hang);
    repos.push(repo);
    const { work, remoteSha } = repo;
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/ok.ts', 'export const ok = 1;\n');
    await work.commitAll('ok');
    const dirty = `${mathSource({})}// dirty\n`;
    work.write('src/math.ts', dirty);
    const pidFile = path.join(work.dir, '..', `${path.basename(work.dir)}-gate.pid`);

    // A terminal's Ctrl-C signals the whole foreground process group: git, husky's shells, Gatekeeper.
    const push = execa('git', ['push', 'origin', 'feature'], { cwd: work.dir, reject: false, all: true, detached: true, env: { ...GIT_ENV, CI: 'true', NO_COLOR: '1', GK_PID_FILE: pidFile } });
    const gatePid = await pidFrom(pidFile, 120_000);
    const snapshots = path.join(work.dir, '.gatekeeper', 'snapshots');
    expect(readdirSync(snapshots)).toHaveLength(1);
    process.kill(-(push.pid ?? 0), 'SIGINT');
    const result = await push;
    expect(result.exitCode).not.toBe(0);

    // Gatekeeper outlives git by a moment to clean up: the snapshot goes, the user's edit stays.
    await waitFor(() => readdirSync(snapshots).length === 0, 30_000, 'the snapshot to be removed');
    await expectGone(gatePid);
    expect((await work.git('worktree', 'list')).trim().split('\n')).toHaveLength(1);
    expect(work.read('src/math.ts')).toBe(dirty);
    expect(await remoteSha('refs/heads/feature')).toBeUndefined();
    expect(String((await execa('ps', ['-eo', 'args'])).stdout)).not.toContain('60017');
  });
});
