import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { handleHook } from '../src/agents/handle-hook.js';
import { claude } from '../src/agents/claude.js';
import { blockedStop, claudePlayer, play } from './helpers/agent-hosts.js';
import { agentLines, BAD, CHEAP, GOOD, hostProject as installedProject, OTHER_BAD, TSC } from './helpers/agent-fixture.js';
import { makeProject, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function hostProject(name: string, gates: Record<string, unknown>[], loop: Record<string, unknown> = {}): Promise<Project> {
  const project = await installedProject(name, 'claude', gates, loop);
  projects.push(project);
  return project;
}

describe('Claude Code: the stop hook as Claude Code runs it', () => {
  it('blocks a stop with a type error (file:line and TS code in the reason), says the error survived a change that missed it, lets the fix through, and records all three', async () => {
    const project = await hostProject('claude-fix', [TSC]);
    const first = await blockedStop(claudePlayer, project);
    expect(first.message?.length).toBeLessThanOrEqual(8000);
    // A change to line 2 that leaves line 1's error: the next reason says that error survived it.
    project.write('src/values.ts', BAD.replace('"b"', '2'));
    const second = await play(claudePlayer, project, 'stop', { active: true });
    expect(second.verdict).toBe('block');
    expect(second.message).toContain("[still failing; survived attempt 2's change to src/values.ts:2]");
    const diffPath = /Attempt 2 changed src\/values\.ts:2 \(full diff: (\S+\/attempt-2\/changes\.diff)\)/.exec(second.message ?? '')?.[1];
    expect(readFileSync(path.join(project.dir, diffPath ?? 'missing'), 'utf8')).toContain('+export const b: string = 2;');
    project.write('src/values.ts', GOOD);
    const third = await play(claudePlayer, project, 'stop', { active: true });
    expect(third.verdict).toBe('allow');
    const lines = agentLines(project);
    expect(lines.map((l) => [l['outcome'], l['attempt'], l['host'], l['session'], l['prompt']])).toEqual([
      ['blocked', 1, 'claude', 'session-1', 1],
      ['blocked', 2, 'claude', 'session-1', 1],
      ['passed', 3, 'claude', 'session-1', 1],
    ]);
  });

  it('with "holdTheLine", an old type error does not block the stop; a new one does, named alone', async () => {
    const project = await hostProject('claude-hold', [TSC]);
    project.write('.gatekeeper.json', JSON.stringify({ holdTheLine: true, gates: [TSC] }));
    project.write('src/old.ts', BAD.replace(/export const (\w)/g, 'export const old_$1'));
    await project.commitAll('an old type error');
    await play(claudePlayer, project, 'prompt');
    project.write('src/values.ts', `${GOOD}export const c = 3;\n`);
    const clean = await play(claudePlayer, project, 'stop');
    expect(clean.verdict, clean.message).toBe('allow');

    await play(claudePlayer, project, 'prompt');
    project.write('src/values.ts', BAD);
    const blocked = await play(claudePlayer, project, 'stop');
    expect(blocked.verdict).toBe('block');
    expect(blocked.message).toContain('src/values.ts:1:14 TS2322');
    expect(blocked.message).not.toContain('src/old.ts');
    expect(agentLines(project).map((l) => l['outcome'])).toEqual(['passed', 'blocked']);
  });

  it('does not let an @ts-ignore through, and ends the turn as tampered when the agent insists', async () => {
    const project = await hostProject('claude-cheat', [TSC]);
    await play(claudePlayer, project, 'prompt');
    project.write('src/values.ts', BAD);
    expect((await play(claudePlayer, project, 'stop')).verdict).toBe('block');
    project.write('src/values.ts', `// @ts-ignore\n${BAD}`);
    const cheated = await play(claudePlayer, project, 'stop', { active: true });
    expect(cheated.verdict).toBe('block');
    expect(cheated.message).toMatch(/ts-ignore/);
    const again = await play(claudePlayer, project, 'stop', { active: true });
    expect(again.verdict).toBe('end');
    expect(again.message).toContain('NOT verified');
    expect(again.message).toContain('tampered');
    expect(again.message).toContain('guard');
    expect(agentLines(project).at(-1)?.['outcome']).toBe('tampered');
  });

  it('ends the turn as a spiral when a stop comes with nothing changed, even without a prompt record', async () => {
    const project = await hostProject('claude-spiral', [CHEAP], { guard: false });
    project.write('src/values.ts', BAD);
    expect((await play(claudePlayer, project, 'stop')).verdict).toBe('block');
    const second = await play(claudePlayer, project, 'stop', { active: true });
    expect(second.verdict).toBe('end');
    expect(second.message).toContain('NOT verified');
    expect(second.message).toContain('spiral');
    expect(agentLines(project).map((l) => l['outcome'])).toEqual(['blocked', 'spiral']);
  });

  it('ends the turn when the budget is spent (loop.maxAttempts), saying the work is not verified', async () => {
    const project = await hostProject('claude-budget', [CHEAP], { guard: false, maxAttempts: 2 });
    await play(claudePlayer, project, 'prompt');
    project.write('src/values.ts', BAD);
    expect((await play(claudePlayer, project, 'stop')).verdict).toBe('block');
    project.write('src/values.ts', OTHER_BAD);
    const second = await play(claudePlayer, project, 'stop', { active: true });
    expect(second.verdict).toBe('end');
    expect(second.message).toMatch(/NOT verified: exhausted/);
    // A new prompt starts a new count: its first stop is attempt 1 again.
    await play(claudePlayer, project, 'prompt');
    const fresh = await play(claudePlayer, project, 'stop');
    expect(fresh.verdict).toBe('block');
    expect(agentLines(project).at(-1)?.['attempt']).toBe(1);
  });

  it('ends the turn "not verified" on a config error, never a silent pass', async () => {
    const project = await hostProject('claude-config', [CHEAP]);
    project.write('.gatekeeper.json', '{ "gates": [ { "id": "x", "kind": "no-such-kind" } ] }');
    const stop = await play(claudePlayer, project, 'stop');
    expect(stop.verdict).toBe('end');
    expect(stop.message).toContain('NOT verified');
    expect(stop.message).toContain('.gatekeeper.json');
    expect(agentLines(project).map((l) => l['outcome'])).toEqual(['error']);
  });

  it('answers "not verified" before the host\'s timeout when a gate hangs', async () => {
    const project = await hostProject('claude-hang', [{ id: 'slow', kind: 'command', command: 'sleep 120' }], { guard: false });
    const file = path.join(project.dir, '.claude/settings.json');
    // The host's timeout and the one the hook is told, both 10 s: as install writes them, only smaller.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"timeout": 600/g, '"timeout": 10').replace(/--timeout 600/g, '--timeout 10'));
    const stop = await play(claudePlayer, project, 'stop');
    expect(stop.timedOut).toBe(false);
    expect(stop.verdict).toBe('end');
    expect(stop.message).toContain('did not finish');
    expect(agentLines(project).map((l) => l['outcome'])).toEqual(['timeout']);
  });

  it('feeds back file-level findings after an edit (complexity, the guard on that file), without blocking', async () => {
    const project = await hostProject('claude-edit', [{ id: 'complexity', kind: 'complexity', include: ['src/**/*.ts'], maxParams: 1 }]);
    project.write('src/two.ts', 'export function f(a: number, b: number): number {\n  return a + b;\n}\n');
    const edit = await play(claudePlayer, project, 'edit', { file: path.join(project.dir, 'src/two.ts') });
    expect(edit.verdict).toBe('allow');
    expect(edit.context).toContain('src/two.ts');
    const clean = await play(claudePlayer, project, 'edit', { file: path.join(project.dir, 'src/values.ts') });
    expect(clean.context).toBeUndefined();
    // The guard's line checks, on the edited file only: a new suppression is named at once.
    project.write('src/values.ts', `// @ts-ignore\n${GOOD}`);
    const suppressed = await play(claudePlayer, project, 'edit', { file: path.join(project.dir, 'src/values.ts') });
    expect(suppressed.verdict).toBe('allow');
    expect(suppressed.context).toMatch(/src\/values\.ts:1:1 ts-suppression .*@ts-ignore/);
    expect(suppressed.context).not.toContain('src/two.ts');
  });
});

describe('Claude Code: install and uninstall', () => {
  const EXISTING = `{
    "permissions": { "allow": ["Bash(npm test)"] },
    "hooks": {
        "Stop": [ { "hooks": [ { "type": "command", "command": "echo mine" } ] } ]
    }
}
`;

  it('merges into a settings file with other hooks, is idempotent, and uninstall restores it byte for byte', async () => {
    const project = await makeProject('agents-claude-install', { '.claude/settings.json': EXISTING, '.gitignore': '.gatekeeper/\n' });
    projects.push(project);
    expect((await project.gatekeeper(['install', '--agent', 'claude'])).exitCode).toBe(0);
    const once = project.read('.claude/settings.json');
    const parsed = JSON.parse(once) as { permissions: unknown; hooks: Record<string, unknown[]> };
    expect(parsed.permissions).toEqual({ allow: ['Bash(npm test)'] });
    expect(parsed.hooks['Stop']).toHaveLength(2);
    expect(once).toContain('            "echo mine"'.trim());
    expect((await project.gatekeeper(['install', '--agent', 'claude'])).exitCode).toBe(0);
    expect(project.read('.claude/settings.json')).toBe(once);
    expect((await project.gatekeeper(['uninstall', '--agent', 'claude'])).exitCode).toBe(0);
    expect(project.read('.claude/settings.json')).toBe(EXISTING);
  });

  it('takes back only its own entries when the file changed since install', async () => {
    const project = await makeProject('agents-claude-edited', { '.claude/settings.json': EXISTING, '.gitignore': '.gatekeeper/\n' });
    projects.push(project);
    await project.gatekeeper(['install', '--agent', 'claude']);
    project.write('.claude/settings.json', project.read('.claude/settings.json').replace('"Bash(npm test)"', '"Bash(npm test)", "Bash(ls)"'));
    await project.gatekeeper(['uninstall', '--agent', 'claude']);
    const after = JSON.parse(project.read('.claude/settings.json')) as Record<string, unknown>;
    expect(after).toEqual({ permissions: { allow: ['Bash(npm test)', 'Bash(ls)'] }, hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo mine' }] }] } });
  });

  it('creates the file when there is none, and uninstall removes it and its folder', async () => {
    const project = await makeProject('agents-claude-new', { '.gitignore': '.gatekeeper/\n' });
    projects.push(project);
    await project.gatekeeper(['install', '--agent', 'claude']);
    expect(project.read('.claude/settings.json')).toContain('agent-hook stop --host claude');
    await project.gatekeeper(['uninstall', '--agent', 'claude']);
    expect(() => project.read('.claude/settings.json')).toThrow();
    expect(() => readFileSync(path.join(project.dir, '.claude'))).toThrow();
  });
});

describe('a stop hook with garbage on stdin', () => {
  it('never lets the stop through (property)', async () => {
    const outside = path.join(os.tmpdir(), 'gatekeeper-no-repo');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.constant(''), fc.constant('{}'), fc.constant('{"session_id":""}')), async (stdin) => {
        const answer = await handleHook({ host: claude, kind: 'stop', stdin, cwd: outside, timeoutSeconds: 30 });
        const reading = claudePlayer.read('stop', answer.stdout, 0, answer.stderr ?? '');
        expect(reading.verdict).toBe('end');
        expect(answer.stderr).toContain('NOT verified');
      }),
      { numRuns: 60 },
    );
  });
});
