import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedgerCounted } from '../src/history/ledger.js';
import { isAlive, pidFrom, waitFor } from './helpers/processes.js';
import { CLI, GIT_ENV } from './helpers/project.js';
import { GUARD_ONLY, makeHookRepo, type HookRepo } from './helpers/hook-repo.js';

const repos: HookRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

async function repo(name: string, config: object = GUARD_ONLY): Promise<HookRepo> {
  const made = await makeHookRepo(name, config);
  repos.push(made);
  return made;
}

/**
 * The check of the hook fixtures (FORBIDDEN in src/ fails), plus a meeting point: run in the
 * hook's snapshot, it says it started and waits (at most 60 s) for the loop's agent to say so too.
 */
const MEETING_CHECK = `import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const marks = process.env.GK_MARKS;
if (marks && process.cwd().includes(path.join('.gatekeeper', 'snapshots'))) {
  writeFileSync(path.join(marks, 'push-gate.started'), '');
  for (let i = 0; i < 600 && !existsSync(path.join(marks, 'agent.started')); i++) await new Promise((r) => setTimeout(r, 100));
}
let bad = 0;
for (const name of readdirSync('src')) {
  if (readFileSync('src/' + name, 'utf8').includes('FORBIDDEN')) { console.error('src/' + name + ': FORBIDDEN found'); bad++; }
}
process.exit(bad > 0 ? 1 : 0);
`;

/** The loop's agent: says it started, waits for the push's gate, then fixes the file. */
const AGENT = `import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const marks = process.env.GK_MARKS;
writeFileSync(path.join(marks, 'agent.started'), '');
for (let i = 0; i < 600 && !existsSync(path.join(marks, 'push-gate.started')); i++) await new Promise((r) => setTimeout(r, 100));
writeFileSync('src/wip.ts', 'export const wip = "fine";\\n');
`;

describe('the pre-push hook and the loop at the same time on one repository', () => {
  it('both verdicts are right, the checkpoints and the snapshot are intact, the ledger whole', async () => {
    const { work, push, remoteSha } = await repo('hook-and-loop');
    const marks = path.join(work.dir, '.gatekeeper');
    work.write('check.mjs', MEETING_CHECK);
    work.write('agent.mjs', AGENT);
    work.write('src/ok.ts', 'export const ok = 1;\n');
    const pushed = await work.commitAll('ok, and a check that meets the loop');
    // The loop's task: an uncommitted file the gates reject, which its agent fixes.
    work.write('src/wip.ts', 'export const wip = "FORBIDDEN";\n');

    const env = { ...GIT_ENV, CI: 'true', NO_COLOR: '1', GK_MARKS: marks };
    const loop = execa(process.execPath, [CLI, 'loop', '--agent', 'node agent.mjs', '--json'], { cwd: work.dir, reject: false, env });
    await waitFor(() => existsSync(path.join(marks, 'agent.started')), 180_000, "the loop's agent to start");
    const [pushResult, loopResult] = await Promise.all([push(['origin', 'main'], { GK_MARKS: marks }), loop]);

    // The push judged the committed tree in a snapshot (the loop's edit is uncommitted) and met the agent there.
    expect(pushResult.output).toContain('in a snapshot of');
    expect(existsSync(path.join(marks, 'push-gate.started'))).toBe(true);
    expect(pushResult.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/main')).toBe(pushed);
    // The loop fixed its file and passed.
    const outcome = JSON.parse(String(loopResult.stdout)) as { outcome: string };
    expect(outcome.outcome).toBe('passed');
    expect(loopResult.exitCode).toBe(0);
    expect(work.read('src/wip.ts')).toContain('fine');

    // Checkpoints of the loop are there and readable; the snapshot is gone; nothing is locked.
    const checkpoints = (await work.git('for-each-ref', '--format=%(refname)', 'refs/gatekeeper/checkpoints/')).trim().split('\n');
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    for (const ref of checkpoints) expect((await work.git('cat-file', '-t', ref)).trim()).toBe('commit');
    expect(readdirSync(path.join(marks, 'snapshots'))).toEqual([]);
    expect((await work.git('worktree', 'list')).trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(work.dir, '.git', 'index.lock'))).toBe(false);
    const ledger = readLedgerCounted(work.dir);
    expect(ledger.skippedLines).toBe(0);
    expect(ledger.entries.map((e) => [e.command, e.outcome]).sort()).toEqual([
      ['hook', 'passed'],
      ['loop', 'passed'],
    ]);
  });

  it('a hook killed with SIGKILL mid-run leaves nothing that breaks the next push', async () => {
    // Hangs only when the test asks (GK_PID_FILE set), after saying where it is.
    const hang = { gates: [{ id: 'slow', kind: 'command', command: `node -e "if (process.env.GK_PID_FILE) { require('fs').writeFileSync(process.env.GK_PID_FILE, String(process.pid)); setTimeout(() => {}, 60019); }"` }] };
    const { work, push, remoteSha } = await repo('hook-sigkill', hang);
    await work.git('checkout', '-q', '-b', 'feature');
    work.write('src/ok.ts', 'export const ok = 1;\n');
    const pushed = await work.commitAll('ok');
    work.write('src/dirty.ts', 'export const dirty = 1;\n');
    const pidFile = path.join(work.dir, '..', `${path.basename(work.dir)}-kill.pid`);

    const first = push(['origin', 'feature'], { GK_PID_FILE: pidFile });
    const gatePid = await pidFrom(pidFile, 180_000);
    // Kill Gatekeeper itself (the gate's nearest ancestor running the hook), as the OOM killer would.
    const gatekeeper = ancestorRunning(gatePid, 'hook');
    process.kill(gatekeeper, 'SIGKILL');
    const killed = await first;
    expect(killed.exitCode).not.toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBeUndefined();
    // The gate's process group outlives a SIGKILLed Gatekeeper (nobody is left to end it): end it here.
    if (isAlive(gatePid)) process.kill(-processGroupOf(gatePid), 'SIGKILL');
    const snapshots = path.join(work.dir, '.gatekeeper', 'snapshots');
    expect(readdirSync(snapshots)).toHaveLength(1);

    // The next push removes what the killed one left (a locked worktree, its node_modules link) and goes through.
    const next = await push(['origin', 'feature']);
    expect(next.exitCode).toBe(0);
    expect(await remoteSha('refs/heads/feature')).toBe(pushed);
    expect(readdirSync(snapshots)).toEqual([]);
    expect((await work.git('worktree', 'list')).trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(work.dir, '.git', 'index.lock'))).toBe(false);
    expect(work.read('src/dirty.ts')).toBe('export const dirty = 1;\n');
  });
});

/** "<pid> (<comm>) <state> <ppid> <pgrp> …" */
function statFields(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
}

function processGroupOf(pid: number): number {
  return Number(statFields(pid)[2]);
}

/** The nearest ancestor of `pid` whose command line holds Gatekeeper's CLI and `word`. */
function ancestorRunning(pid: number, word: string): number {
  for (let current = pid; current > 1; ) {
    const parent = Number(statFields(current)[1]);
    const args = readFileSync(`/proc/${parent}/cmdline`, 'utf8').split('\0');
    if (args.some((a) => a.endsWith('main.js')) && args.includes(word)) return parent;
    current = parent;
  }
  throw new Error(`no ancestor of ${pid} runs gatekeeper ${word}`);
}
