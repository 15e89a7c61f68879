import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, REPO, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function project(name: string, files: Record<string, string>): Promise<Project> {
  const made = await makeProject(name, { 'package.json': '{ "name": "cli-fail-closed", "private": true }\n', ...files });
  projects.push(made);
  return made;
}

/** One paragraph for a person: no stack frame, no second error. */
function expectOneParagraph(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trim().split('\n')).toHaveLength(1);
}

describe('the README\'s fail-closed rows, through the real CLI', () => {
  it('an invalid config: exit 2, one paragraph naming the file and the field, no gate run', async () => {
    const p = await project('cli-bad-config', { '.gatekeeper.json': '{ "gates": [ { "id": "t", "kind": "typecheck", "timeout": "soon" } ] }\n' });
    const result = await p.gatekeeper(['run']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('.gatekeeper.json');
    expect(result.stderr).toContain('gates[0].timeout');
    expectOneParagraph(result.stderr);
    expect(result.stdout).not.toContain('passed');
  });

  it('a config that is not JSON: exit 2, with the line and column', async () => {
    const p = await project('cli-not-json', { '.gatekeeper.json': '{ "gates": [ \n' });
    const result = await p.gatekeeper(['run']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/not valid JSON at line \d+, column \d+/);
    expectOneParagraph(result.stderr);
  });

  it('no .gatekeeper.json: exit 2, saying how to make one', async () => {
    const p = await project('cli-no-config', {});
    const result = await p.gatekeeper(['run']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('No .gatekeeper.json found');
    expect(result.stderr).toContain('init');
    expectOneParagraph(result.stderr);
  });

  it('a file where the loop keeps its logs: exit 2 before any agent call, one paragraph naming the file', async () => {
    const p = await project('cli-state-file', { '.gatekeeper.json': JSON.stringify({ gates: [{ id: 'c', kind: 'command', command: 'test -f ok' }] }) });
    p.write('.gatekeeper', 'not a folder\n');
    const result = await p.gatekeeper(['loop', '--agent', 'touch called']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${path.join(p.dir, '.gatekeeper')} (or a folder inside it) is a file, not a folder`);
    expectOneParagraph(result.stderr);
    expect(existsSync(path.join(p.dir, 'called'))).toBe(false);
    expect(p.read('.gatekeeper')).toBe('not a folder\n');
  });

  it('an internal error: exit 70, the verdict called unknown, the stack only under GATEKEEPER_DEBUG', async () => {
    // No hook into the code: a folder where the loop writes the agent's feedback file, an error no
    // code path expects (a file where the loop's own folder should be is checked first, above).
    const p = await project('cli-internal', { '.gatekeeper.json': JSON.stringify({ gates: [{ id: 'fails', kind: 'command', command: 'false' }] }) });
    mkdirSync(path.join(p.dir, '.gatekeeper', 'feedback.md'), { recursive: true });
    const result = await p.gatekeeper(['loop', '--agent', 'true']);
    expect(result.exitCode).toBe(70);
    expect(result.stderr).toContain('gatekeeper: internal error: EISDIR');
    expect(result.stderr).toContain("The gates' verdict is unknown, so this counts as a failure.");
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const debug = await p.gatekeeper(['loop', '--agent', 'true'], { env: { GATEKEEPER_DEBUG: '1' } });
    expect(debug.exitCode).toBe(70);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('the hook script itself (hooks/pre-push) fails closed', () => {
  it('blocks (exit 1) when node is not on PATH, naming the PATH it searched', async () => {
    const p = await project('hook-no-node', {});
    // A PATH with the shell tools the script uses, but no node.
    const bin = path.join(p.dir, 'bin-without-node');
    mkdirSync(bin);
    symlinkSync('/usr/bin/dirname', path.join(bin, 'dirname'));
    const result = await execa('/bin/sh', [path.join(REPO, 'hooks', 'pre-push'), 'origin', 'url'], { cwd: p.dir, reject: false, input: '', env: { PATH: bin }, extendEnv: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`node is not on PATH (${bin})`);
    expect(result.stderr).toContain('push blocked');
    expect(result.stderr).toContain('git push --no-verify');
  });
});
