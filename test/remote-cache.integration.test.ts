import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_TOKEN, startBadServer, startCacheServer, type CacheServer } from './helpers/cache-server.js';
import { CLI, GIT_ENV, gate, makeProject, parseJsonReport, TMP, type Project } from './helpers/project.js';
import { tsProjectFiles } from './helpers/ts-project.js';

const KEY = 'team-signing-key';
const TEAM = 'acme';
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

let server: CacheServer;
beforeAll(async () => {
  server = await startCacheServer();
  cleanups.push(() => server.stop());
});

interface RemoteSettings {
  url: string;
  write?: boolean | 'ci';
  read?: boolean;
  timeoutMs?: number;
}

/** A gate that appends a line to $MARKER (outside the tree) each time its tool really runs. */
const markerGate = (id: string, exit = 0): Record<string, unknown> => ({ id, kind: 'command', command: `echo ${id} >> "$MARKER" && exit ${exit}` });

async function sharedRepo(name: string, remote: RemoteSettings, gates: Record<string, unknown>[]): Promise<Project> {
  const config = { failFast: false, remoteCache: { team: TEAM, ...remote }, gates, loop: { guard: false } };
  const project = await makeProject(name, { ...tsProjectFiles(), '.gatekeeper.json': JSON.stringify(config) });
  cleanups.push(() => project.cleanup());
  return project;
}

/** Another machine's checkout: a fresh clone with no local cache of its own. */
async function cloneOf(project: Project, name: string): Promise<string> {
  const dir = path.join(TMP, `${path.basename(project.dir)}-${name}`);
  await execa('git', ['clone', '-q', project.dir, dir], { env: GIT_ENV });
  cleanups.push(() => execa('rm', ['-rf', dir]));
  return dir;
}

let markers = 0;
function newMarker(): string {
  return path.join(TMP, `marker-${process.pid}-${++markers}.txt`);
}

function linesOf(marker: string): string[] {
  return existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : [];
}

function envFor(marker: string, env: Record<string, string>): Record<string, string> {
  return { ...GIT_ENV, CI: 'true', NO_COLOR: '1', GITHUB_ACTIONS: '', MARKER: marker, GATEKEEPER_REMOTE_CACHE_TOKEN: CACHE_TOKEN, GATEKEEPER_REMOTE_CACHE_SIGNATURE_KEY: KEY, ...env };
}

async function run(dir: string, marker: string, env: Record<string, string> = {}): Promise<{ exitCode: number; stderr: string; report: ReturnType<typeof parseJsonReport> }> {
  const result = await execa(process.execPath, [CLI, 'run', '--json'], {
    cwd: dir,
    reject: false,
    stdin: 'ignore',
    env: envFor(marker, env),
  });
  return { exitCode: result.exitCode ?? -1, stderr: String(result.stderr), report: parseJsonReport(String(result.stdout)) };
}

/** The artifacts the server holds for the team (tags left out). */
function artifacts(): string[] {
  const dir = path.join(server.storage, TEAM);
  return existsSync(dir) ? readdirSync(dir).filter((n) => !n.endsWith('.tag')) : [];
}

/** Runs once in dir, expecting exitCode, and returns the path of the one artifact that run uploaded. */
async function uploadedBy(dir: string, marker: string, exitCode: number): Promise<string> {
  const before = new Set(artifacts());
  expect((await run(dir, marker)).exitCode).toBe(exitCode);
  const written = artifacts().filter((n) => !before.has(n));
  expect(written).toHaveLength(1);
  return path.join(server.storage, TEAM, written[0] ?? '');
}

describe('the remote cache (real turborepo-remote-cache server)', () => {
  it('lets a second clone replay the verdicts the first computed, without running a tool', async () => {
    const origin = await sharedRepo('remote-share', { url: server.url, write: 'ci' }, [{ id: 'types', kind: 'typecheck' }, markerGate('probe')]);
    const marker = newMarker();
    const first = await run(origin.dir, marker);
    expect(first.exitCode).toBe(0);
    expect(linesOf(marker)).toEqual(['probe']);
    expect(first.report.gates.map((g) => g.cached)).toEqual([false, false]);

    const second = await run(await cloneOf(origin, 'b'), marker);
    expect(second.exitCode).toBe(0);
    expect(second.report.gates.map((g) => [g.id, g.status, g.cached])).toEqual([['types', 'passed', true], ['probe', 'passed', true]]);
    expect(linesOf(marker)).toEqual(['probe']);
    expect(second.stderr).toBe('');

    // A laptop (no CI variable: with write "ci" it only reads) replays the typecheck CI verified.
    const laptop = await run(await cloneOf(origin, 'c'), marker, { CI: '' });
    expect(gate(laptop.report, 'types')).toMatchObject({ status: 'passed', cached: true });
  });

  it('serves the refinement loop too: an agent in another clone gets the verdict without running the tool', async () => {
    const origin = await sharedRepo('remote-loop', { url: server.url, write: true }, [markerGate('looped')]);
    const marker = newMarker();
    expect((await run(origin.dir, marker)).exitCode).toBe(0);
    const agentClone = await cloneOf(origin, 'agent');
    const loop = await execa(process.execPath, [CLI, 'loop', '--agent', 'node -e 0', '--json'], { cwd: agentClone, reject: false, stdin: 'ignore', env: envFor(marker, {}) });
    expect(loop.exitCode, String(loop.stderr)).toBe(0);
    const json = JSON.parse(String(loop.stdout)) as { outcome: string; attempts: { gates: { id: string; cached: boolean }[] }[] };
    expect(json.outcome).toBe('passed');
    expect(json.attempts[0]?.gates).toEqual([expect.objectContaining({ id: 'looped', cached: true })]);
    expect(linesOf(marker)).toEqual(['looped']);
  });

  it('ignores a tampered artifact (a failure rewritten as a pass) and runs the gate', async () => {
    const origin = await sharedRepo('remote-tamper', { url: server.url, write: true }, [markerGate('flaky', 1)]);
    const marker = newMarker();
    const file = await uploadedBy(origin.dir, marker, 1);
    const body = readFileSync(file, 'utf8');
    expect(body).toContain('"status":"failed"');
    writeFileSync(file, body.replace('"status":"failed"', '"status":"passed"'));

    const clone = await run(await cloneOf(origin, 'b'), marker);
    expect(gate(clone.report, 'flaky')).toMatchObject({ status: 'failed', cached: false });
    expect(clone.exitCode).toBe(1);
    expect(linesOf(marker)).toEqual(['flaky', 'flaky']);
    expect(clone.stderr).toContain('ignored a remote cache entry for gate "flaky"');
  });

  it('ignores entries signed with another key, and entries with no signature at all', async () => {
    const origin = await sharedRepo('remote-key', { url: server.url, write: true }, [markerGate('signed')]);
    const marker = newMarker();
    const file = await uploadedBy(origin.dir, marker, 0);

    const other = await run(await cloneOf(origin, 'b'), marker, { GATEKEEPER_REMOTE_CACHE_SIGNATURE_KEY: 'someone-elses-key' });
    expect(gate(other.report, 'signed')).toMatchObject({ status: 'passed', cached: false });
    expect(other.stderr.match(/ignored a remote cache entry/g)).toHaveLength(1);
    expect(linesOf(marker)).toEqual(['signed', 'signed']);

    // The tag removed from the server's storage: unsigned, so ignored (the server then answers 404).
    const tag = `${file}.tag`;
    expect(existsSync(tag)).toBe(true);
    writeFileSync(tag, Buffer.from('not a tag'));
    const unsigned = await run(await cloneOf(origin, 'c'), marker);
    expect(gate(unsigned.report, 'signed')).toMatchObject({ status: 'passed', cached: false });
    expect(linesOf(marker)).toHaveLength(3);
  });

  it('never writes from a read-only client', async () => {
    const origin = await sharedRepo('remote-readonly', { url: server.url, write: false }, [markerGate('quiet'), markerGate('broken', 1)]);
    const marker = newMarker();
    const before = artifacts().length;
    const first = await run(origin.dir, marker);
    expect(first.exitCode).toBe(1);
    expect(artifacts()).toHaveLength(before);
    const second = await run(await cloneOf(origin, 'b'), marker);
    expect(second.report.gates.map((g) => g.cached)).toEqual([false, false]);
    expect(artifacts()).toHaveLength(before);
    expect(linesOf(marker)).toHaveLength(4);
  });

  it('uploads once from write-only clients: a second one finds the entry (HEAD) and does not send it again', async () => {
    const origin = await sharedRepo('remote-writeonly', { url: server.url, read: false, write: true }, [markerGate('uploaded')]);
    const marker = newMarker();
    const file = await uploadedBy(origin.dir, marker, 0);
    const first = statSync(file).mtimeMs;
    const second = await run(await cloneOf(origin, 'b'), marker);
    // It does not read, so its gate runs; the entry is there already, so nothing is uploaded.
    expect(gate(second.report, 'uploaded')).toMatchObject({ status: 'passed', cached: false });
    expect(linesOf(marker)).toEqual(['uploaded', 'uploaded']);
    expect(statSync(file).mtimeMs).toBe(first);
    expect(second.stderr).toBe('');
  });

  for (const behaviour of ['hang', 'error'] as const) {
    it(`spends its budget once on a server that ${behaviour === 'hang' ? 'never answers' : 'answers 500'}, warns once, and runs every gate here`, async () => {
      const bad = await startBadServer(behaviour);
      cleanups.push(() => bad.stop());
      const project = await sharedRepo(`remote-${behaviour}`, { url: bad.url, write: true, timeoutMs: 800 }, [markerGate('one'), markerGate('two'), markerGate('three', 1)]);
      const marker = newMarker();
      const result = await run(project.dir, marker);
      expect(result.report.gates.map((g) => [g.id, g.status, g.cached])).toEqual([['one', 'passed', false], ['two', 'passed', false], ['three', 'failed', false]]);
      expect(result.exitCode).toBe(1);
      expect(linesOf(marker)).toEqual(['one', 'two', 'three']);
      // One request in all: after the first failure the run stops asking, so the cost is one budget.
      expect(bad.requests).toHaveLength(1);
      expect(bad.requests[0]).toMatch(/^GET \/v8\/artifacts\/[0-9a-f]{64}\?slug=acme$/);
      expect(result.stderr.match(/warning: the remote cache did not work/g)).toHaveLength(1);
      expect(result.stderr).toContain(behaviour === 'hang' ? 'no answer within the time budget' : 'HTTP 500');
    });
  }

  it('goes on with the local cache only, saying why, when the token or the key is not in the environment', async () => {
    const project = await sharedRepo('remote-noenv', { url: server.url, write: true }, [markerGate('probe')]);
    const result = await run(project.dir, newMarker(), { GATEKEEPER_REMOTE_CACHE_SIGNATURE_KEY: '' });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('GATEKEEPER_REMOTE_CACHE_SIGNATURE_KEY is not set');
  });
});
