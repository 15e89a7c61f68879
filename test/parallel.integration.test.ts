import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from './helpers/processes.js';
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
 * A gate that passes only if `other` starts while it runs: it marks its own start, then waits
 * (at most 60 s, so a sequential run fails instead of hanging) for the other's mark.
 */
function meets(id: string, other: string): Record<string, unknown> {
  const now = `node -e "process.stdout.write(String(Date.now()))"`;
  const wait = `for i in $(seq 600); do [ -s out/${other}.start ] && break; sleep 0.1; done; [ -s out/${other}.start ]`;
  return { id, kind: 'command', command: `${now} > out/${id}.start && ${wait} && ${now} > out/${id}.end`, cache: false };
}

/** Lanes are one per core: side by side needs two. */
const twoCores = os.availableParallelism() >= 2;

describe('parallel lanes', () => {
  it.skipIf(!twoCores)('runs gates side by side, and an exclusive gate (build by default) alone (needs two cores)', async () => {
    const project = await parallelProject('lanes', [meets('a', 'b'), meets('b', 'a'), timed('pack', 0.5, 'build'), timed('c', 0.2)]);
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
    // a and b overlap (each saw the other start); pack starts after both ended; c after pack.
    expect(b.start).toBeLessThan(a.end);
    expect(a.start).toBeLessThan(b.end);
    expect(pack.start).toBeGreaterThanOrEqual(Math.max(a.end, b.end));
    expect(c.start).toBeGreaterThanOrEqual(pack.end);
  });

  it.skipIf(!twoCores)('with fail-fast, the first failure cancels the running gates and kills their children (needs two cores)', async () => {
    const project = await parallelProject('lanes-failfast', [
      { id: 'slow', kind: 'command', command: 'sleep 300 & echo $! > out/sleep.pid; wait' },
      { id: 'broken', kind: 'command', command: 'for i in $(seq 100); do [ -s out/sleep.pid ] && break; sleep 0.1; done; exit 1' },
      { id: 'later', kind: 'command', command: 'echo later' },
    ]);
    const result = await project.gatekeeper(['run', '--json']);
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

  it.skipIf(!twoCores)('shows concurrent gates in the terminal task list (needs two cores)', async () => {
    const project = await parallelProject('lanes-terminal', [meets('first', 'second'), meets('second', 'first')], false);
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
