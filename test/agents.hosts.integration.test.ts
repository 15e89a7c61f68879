import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agentLines, BAD, CHEAP, hostProject, TSC } from './helpers/agent-fixture.js';
import { blockThenFix, codexPlayer, copilotPlayer, cursorPlayer, geminiPlayer, play, type HostPlayer } from './helpers/agent-hosts.js';
import { makeProject, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

interface HostCase {
  player: HostPlayer;
  /** How the host ends a turn Gatekeeper cannot verify: `end` with the message, or (no such field) it lets the stop go and the message is in its hook log. */
  unverified: 'end' | 'allow';
  /** Whether the host takes feedback after an edit. */
  editContext: boolean;
  /** The host's config as a user might already have it, with hooks of their own. */
  existing: string;
}

const CASES: HostCase[] = [
  {
    player: codexPlayer,
    unverified: 'end',
    editContext: true,
    existing: '{\n  "hooks": {\n    "SessionStart": [{ "matcher": "startup", "hooks": [{ "type": "command", "command": "echo hi", "timeout": 5 }] }]\n  }\n}\n',
  },
  {
    player: copilotPlayer,
    unverified: 'allow',
    editContext: true,
    existing: '{\n\t"version": 1,\n\t"hooks": {\n\t\t"sessionStart": [ { "type": "command", "bash": "echo hi" } ]\n\t}\n}\n',
  },
  {
    player: geminiPlayer,
    unverified: 'end',
    editContext: true,
    existing: '{\n  // my settings\n  "theme": "GitHub",\n  "hooks": {\n    "AfterAgent": [ { "hooks": [ { "type": "command", "command": "echo mine" } ] } ]\n  }\n}\n',
  },
  {
    player: cursorPlayer,
    unverified: 'allow',
    editContext: false,
    existing: '{\n    "version": 1,\n    "hooks": {\n        "afterFileEdit": [ { "command": "./format.sh" } ]\n    }\n}\n',
  },
];

async function project(name: string, host: string, gates: Record<string, unknown>[], loop: Record<string, unknown> = {}): Promise<Project> {
  const made = await hostProject(name, host, gates, loop);
  projects.push(made);
  return made;
}

describe.each(CASES)('$player.name: its hooks, played by its documented protocol', ({ player, unverified, editContext, existing }) => {
  const host = player.name;

  it('blocks a stop with a real tsc error (file:line and TS code in the message), lets the fix through, and records both', async () => {
    const p = await project(`${host}-fix`, host, [TSC]);
    await blockThenFix(player, p);
    expect(agentLines(p).map((l) => [l['host'], l['outcome'], l['attempt']])).toEqual([
      [host, 'blocked', 1],
      [host, 'passed', 2],
    ]);
  });

  it('ends a spiral with "not verified" in the host\'s own way', async () => {
    const p = await project(`${host}-spiral`, host, [CHEAP], { guard: false });
    await play(player, p, 'prompt');
    p.write('src/values.ts', BAD);
    expect((await play(player, p, 'stop')).verdict).toBe('block');
    const second = await play(player, p, 'stop', { active: true });
    expect(second.verdict).toBe(unverified);
    expect(`${second.message ?? ''}${second.stderr}`).toContain('NOT verified: spiral');
    expect(agentLines(p).at(-1)?.['outcome']).toBe('spiral');
  });

  it('answers garbage on stdin without ever blocking on it or claiming the work verified', async () => {
    const p = await project(`${host}-garbage`, host, [CHEAP]);
    const { execa } = await import('execa');
    const command = player.entry(JSON.parse(p.read(player.configFile).replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>, player.events.stop).command;
    const result = await execa('sh', ['-c', command], { cwd: p.dir, input: 'not json', reject: false });
    expect(result.exitCode).toBe(0);
    expect(player.read('stop', String(result.stdout), 0, String(result.stderr)).verdict).toBe(unverified);
    expect(String(result.stderr)).toContain('NOT verified');
  });

  it(editContext ? 'feeds a file-level finding back after an edit' : 'says nothing after an edit (the host takes nothing)', async () => {
    const p = await project(`${host}-edit`, host, [{ id: 'complexity', kind: 'complexity', include: ['src/**/*.ts'], maxParams: 1 }]);
    p.write('src/two.ts', 'export function f(a: number, b: number): number {\n  return a + b;\n}\n');
    const edit = await play(player, p, 'edit', { file: path.join(p.dir, 'src/two.ts') });
    expect(edit.verdict).toBe('allow');
    if (editContext) expect(edit.context).toContain('src/two.ts');
    else expect(edit.raw).toEqual({});
  });

  it('merges into an existing config, is idempotent, and uninstall restores it byte for byte', async () => {
    const p = await makeProject(`agents-${host}-install`, { [player.configFile]: existing, '.gitignore': '.gatekeeper/\n' });
    projects.push(p);
    expect((await p.gatekeeper(['install', '--agent', host])).exitCode).toBe(0);
    const once = p.read(player.configFile);
    expect(once).toContain(`agent-hook stop --host ${host}`);
    for (const mine of ['echo hi', 'echo mine', './format.sh']) if (existing.includes(mine)) expect(once).toContain(mine);
    if (existing.includes('// my settings')) expect(once).toContain('// my settings');
    expect((await p.gatekeeper(['install', '--agent', host])).exitCode).toBe(0);
    expect(p.read(player.configFile)).toBe(once);
    expect((await p.gatekeeper(['uninstall', '--agent', host])).exitCode).toBe(0);
    expect(p.read(player.configFile)).toBe(existing);
  });
});

describe('Codex: only the keys its output schema allows', () => {
  it('answers the prompt and the stops with continue/decision/reason/stopReason/suppressOutput/systemMessage only', async () => {
    const allowed = new Set(['continue', 'decision', 'reason', 'stopReason', 'suppressOutput', 'systemMessage']);
    const p = await project('codex-keys', 'codex', [CHEAP], { guard: false });
    const answers = [await play(codexPlayer, p, 'prompt')];
    p.write('src/values.ts', BAD);
    answers.push(await play(codexPlayer, p, 'stop'), await play(codexPlayer, p, 'stop', { active: true }));
    expect(answers.map((a) => a.verdict)).toEqual(['allow', 'block', 'end']);
    for (const answer of answers) expect(Object.keys(answer.raw).filter((k) => !allowed.has(k))).toEqual([]);
  });
});

describe('Cursor: a stop the user aborted is not judged', () => {
  it('lets an aborted turn end without a follow-up', async () => {
    const p = await project('cursor-aborted', 'cursor', [CHEAP]);
    p.write('src/values.ts', BAD);
    const { execa } = await import('execa');
    const command = cursorPlayer.entry(JSON.parse(p.read(cursorPlayer.configFile)) as Record<string, unknown>, 'stop').command;
    const input = JSON.stringify({ ...cursorPlayer.stdin('stop', { session: 's', cwd: p.dir }), status: 'aborted' });
    const result = await execa('sh', ['-c', command], { cwd: p.dir, input, reject: false });
    expect(cursorPlayer.read('stop', String(result.stdout), result.exitCode ?? -1, '').verdict).toBe('allow');
  });
});
