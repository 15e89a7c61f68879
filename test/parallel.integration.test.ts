import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gate, makeProject, parseJsonReport, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function parallelProject(name: string, gates: Record<string, unknown>[], failFast = true): Promise<Project> {
  const project = await makeProject(name, { '.gitignore': 'out/\n.gatekeeper/\n', 'out/.keep': '', '.gatekeeper.json': JSON.stringify({ parallel: true, failFast, gates }) });
  projects.push(project);
  return project;
}

/** A command gate that records when it started and ended (ms), in the git-ignored out/. */
function timed(id: string, seconds: number, kind = 'command'): Record<string, unknown> {
  const now = `node -e "process.stdout.write(String(Date.now()))"`;
  return { id, kind, command: `${now} > out/${id}.start && sleep ${seconds} && ${now} > out/${id}.end`, cache: false };
}

function times(project: Project, id: string): { start: number; end: number } {
  const read = (what: string): number => Number(readFileSync(path.join(project.dir, 'out', `${id}.${what}`), 'utf8'));
  return { start: read('start'), end: read('end') };
}

/**
 * Alive and not a zombie. A killed grandchild is reparented to PID 1; in containers whose init
 * does not reap, it stays a zombie (dead, but `kill(pid, 0)` still succeeds) until the box ends.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('parallel lanes', () => {
  it('runs gates side by side, and an exclusive gate (build by default) alone', async () => {
    const project = await parallelProject('lanes', [timed('a', 1), timed('b', 1), timed('pack', 0.5, 'build'), timed('c', 0.2)]);
    const result = await project.gatekeeper(['run', '--json']);
    expect(result.exitCode).toBe(0);
    expect(parseJsonReport(result.stdout).gates.map((g) => [g.id, g.status])).toEqual([
      ['a', 'passed'],
      ['b', 'passed'],
      ['pack', 'passed'],
      ['c', 'passed'],
    ]);
    const [a, b, pack, c] = ['a', 'b', 'pack', 'c'].map((id) => times(project, id));
    if (!a || !b || !pack || !c) throw new Error('missing timings');
    // a and b overlap; pack starts after both ended; c starts after pack ended.
    expect(b.start).toBeLessThan(a.end);
    expect(pack.start).toBeGreaterThanOrEqual(Math.max(a.end, b.end));
    expect(c.start).toBeGreaterThanOrEqual(pack.end);
  });

  it('with fail-fast, the first failure cancels the running gates and kills their children', async () => {
    const project = await parallelProject('lanes-failfast', [
      { id: 'slow', kind: 'command', command: 'sleep 300 & echo $! > out/sleep.pid; wait' },
      { id: 'broken', kind: 'command', command: 'for i in $(seq 100); do [ -s out/sleep.pid ] && break; sleep 0.1; done; exit 1' },
      { id: 'later', kind: 'command', command: 'echo later' },
    ]);
    const started = Date.now();
    const result = await project.gatekeeper(['run', '--json']);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(result.exitCode).toBe(1);
    const report = parseJsonReport(result.stdout);
    expect(gate(report, 'broken').status).toBe('failed');
    expect(gate(report, 'slow').status).toBe('skipped');
    expect(gate(report, 'slow').summary).toContain('cancelled');
    expect(gate(report, 'later').status).toBe('skipped');

    const pid = Number(project.read('out/sleep.pid').trim());
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('shows concurrent gates in the terminal task list', async () => {
    const project = await parallelProject('lanes-terminal', [timed('first', 0.3), timed('second', 0.3)], false);
    const result = await project.gatekeeper(['run']);
    expect(result.exitCode).toBe(0);
    // Both tasks start before either finishes: the list runs them concurrently, as the gates ran.
    const lines = result.stdout.split('\n');
    const started = ['first', 'second'].map((id) => lines.findIndex((l) => l.startsWith(`❯ ${id}`)));
    const firstDone = lines.findIndex((l) => l.startsWith('✔ '));
    expect(started.every((i) => i >= 0 && i < firstDone)).toBe(true);
    expect(result.stdout).toMatch(/✔ first/);
    expect(result.stdout).toMatch(/✔ second/);
    expect(result.stdout).toContain('2 passed, 0 failed');
  });
});
