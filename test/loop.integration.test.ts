import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { isAlive, pidFrom, waitFor } from './helpers/processes.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, GIT_ENV, makeProject, type JsonGate, type Project } from './helpers/project.js';
import { TSCONFIG } from './helpers/ts-project.js';
import { namedPositions } from '../bench/digest-agent.mjs';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

interface LoopJson {
  outcome: string;
  reason: string;
  attempts: { n: number; gates: JsonGate[]; fingerprint: string | null; agentExitCode: number | null; agentTimedOut: boolean; checkpoint: string }[];
}

interface AgentCall {
  argv: string[];
  stdin: string;
  env: { feedback?: string; attempt?: string; max?: string };
}

/** Every agent records its call (argv, stdin, environment) in the git-ignored agent-log/ and changes nothing else. */
const RECORD = `import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
export function record() {
  const stdin = readFileSync(0, 'utf8');
  mkdirSync('agent-log', { recursive: true });
  const env = { feedback: process.env.GATEKEEPER_FEEDBACK, attempt: process.env.GATEKEEPER_ATTEMPT, max: process.env.GATEKEEPER_MAX_ATTEMPTS };
  writeFileSync('agent-log/call-' + env.attempt + '.json', JSON.stringify({ argv: process.argv.slice(2), stdin, env }));
  return env;
}
`;

const AGENTS: Record<string, string> = {
  'agents/record.mjs': RECORD,
  'agents/nothing.mjs': "import { record } from './record.mjs';\nrecord();\n",
  'agents/fix-all.mjs': "import { writeFileSync } from 'node:fs';\nimport { record } from './record.mjs';\nrecord();\nwriteFileSync('src/values.ts', \"export const a: number = 1;\\nexport const b: string = 'b';\\nexport const c: boolean = true;\\n\");\n",
  // One fix per call; on its first call it also tries to weaken the config, which the loop must ignore.
  'agents/fix-one.mjs': `import { readFileSync, writeFileSync } from 'node:fs';
import { record } from './record.mjs';
const { attempt } = record();
if (attempt === '2') writeFileSync('.gatekeeper.json', JSON.stringify({ gates: [{ id: 'types', kind: 'command', command: 'true' }] }));
const fixes = [["'a';", '1;'], ['= 2;', "= 'b';"], ["'c';", 'true;']];
let text = readFileSync('src/values.ts', 'utf8');
const fix = fixes.find(([from]) => text.includes(from));
if (fix) writeFileSync('src/values.ts', text.replace(fix[0], fix[1]));
`,
  'agents/alternate.mjs': `import { readFileSync, writeFileSync } from 'node:fs';
import { record } from './record.mjs';
record();
const a = "export const x: number = 'a';\\n";
const b = 'export const y: string = 2;\\n';
writeFileSync('src/values.ts', readFileSync('src/values.ts', 'utf8') === a ? b : a);
`,
  'agents/comment.mjs': "import { appendFileSync } from 'node:fs';\nimport { record } from './record.mjs';\nconst { attempt } = record();\nappendFileSync('src/values.ts', '// tried again ' + attempt + '\\n');\n",
  // Silences the type error instead of fixing it, once; afterwards it has nothing more to try.
  'agents/cheat.mjs': "import { readFileSync, writeFileSync } from 'node:fs';\nimport { record } from './record.mjs';\nrecord();\nconst text = readFileSync('src/values.ts', 'utf8');\nif (!text.includes('@ts-ignore')) writeFileSync('src/values.ts', '// @ts-ignore\\n' + text);\n",
  'agents/vandal.mjs': "import { rmSync, writeFileSync } from 'node:fs';\nimport { record } from './record.mjs';\nrecord();\nrmSync('src', { recursive: true, force: true });\nwriteFileSync('added-by-agent.txt', 'mine');\n",
  // Starts a grandchild that would outlive a careless kill, then never ends.
  'agents/hang.mjs': `import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { record } from './record.mjs';
const { attempt } = record();
const sleeper = spawn('sleep', ['300'], { stdio: 'ignore' });
writeFileSync('agent-log/sleep-' + attempt + '.pid', String(sleeper.pid));
setInterval(() => undefined, 1000);
`,
};

/**
 * A stand-in for tsc, a hundred times cheaper, for the tests about the loop rather than the
 * compiler: it prints tsc's own line format, which the command gate reads as diagnostics.
 */
const CHECKER = `import { readFileSync } from 'node:fs';
let bad = 0;
readFileSync('src/values.ts', 'utf8').split('\\n').forEach((line, i) => {
  const m = /^export const (\\w+): (number|string|boolean) = (.*);/.exec(line);
  if (!m) return;
  const actual = m[3].startsWith("'") ? 'string' : /^\\d/.test(m[3]) ? 'number' : 'boolean';
  if (actual === m[2]) return;
  bad++;
  console.log('src/values.ts(' + (i + 1) + ',14): error TS2322: Type ' + "'" + actual + "'" + ' is not assignable to type ' + "'" + m[2] + "'.");
});
process.exit(bad > 0 ? 2 : 0);
`;

const THREE_ERRORS = "export const a: number = 'a';\nexport const b: string = 2;\nexport const c: boolean = 'c';\n";

const TSC_GATE = { id: 'types', kind: 'typecheck' };
const CHEAP_GATE = { id: 'types', kind: 'command', command: 'node check.mjs' };

async function loopProject(name: string, source: string, extra: Record<string, string> = {}, loop: Record<string, unknown> = {}, gate: Record<string, string> = TSC_GATE): Promise<Project> {
  const project = await makeProject(`loop-${name}`, {
    'check.mjs': CHECKER,
    '.gitignore': 'node_modules\n.gatekeeper/\nagent-log/\n',
    'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module' }),
    'tsconfig.json': TSCONFIG,
    '.gatekeeper.json': JSON.stringify({ gates: [gate], loop: { guard: false, ...loop } }),
    'src/values.ts': source,
    ...AGENTS,
    ...extra,
  });
  projects.push(project);
  return project;
}

function parseLoop(stdout: string): LoopJson {
  return JSON.parse(stdout) as LoopJson;
}

function call(project: Project, attempt: number): AgentCall {
  return JSON.parse(project.read(`agent-log/call-${attempt}.json`)) as AgentCall;
}

function runIdOf(result: LoopJson): string {
  return result.attempts[0]?.checkpoint.replace(/-a01$/, '') ?? '';
}

function lastLedgerLine(project: Project): Record<string, unknown> {
  const lines = project.read('.gatekeeper/history.jsonl').trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, unknown>;
}

/** Gone (or a zombie: ended, waiting to be reaped) within two seconds of being killed. */
async function isGone(pid: number): Promise<boolean> {
  return waitFor(() => !isAlive(pid), 2000).then(
    () => true,
    () => false,
  );
}

describe('gatekeeper loop with scripted agents', () => {
  it('runs the agent on the task first and stops at the first green gate run', async () => {
    const project = await loopProject('task', THREE_ERRORS);
    const result = await project.gatekeeper(['loop', '--agent', 'node agents/fix-all.mjs {feedback_file} {feedback}', '--task', "Make the types check; don't touch tests.", '--json']);
    expect(result.exitCode).toBe(0);
    const loop = parseLoop(result.stdout);
    expect(loop.outcome).toBe('passed');
    expect(loop.attempts).toHaveLength(1);
    expect(loop.attempts[0]).toMatchObject({ n: 1, fingerprint: null, agentExitCode: 0, checkpoint: `${runIdOf(loop)}-a01` });
    expect(loop.attempts[0]?.gates.map((g) => [g.id, g.status])).toEqual([['types', 'passed']]);

    const first = call(project, 1);
    expect(first.stdin).toContain("Make the types check; don't touch tests.");
    expect(first.stdin).toContain('these gates must pass: types (typecheck)');
    expect(first.env).toEqual({ feedback: path.join(project.dir, '.gatekeeper', 'feedback.md'), attempt: '1', max: '5' });
    expect(first.argv).toEqual([first.env.feedback, first.stdin]);
    expect(lastLedgerLine(project)).toMatchObject({ command: 'loop', outcome: 'passed', attempts: 1, fingerprints: ['passed'] });
  });

  it('converges in k attempts with an agent that fixes one error per call, ignoring its edit of the config', async () => {
    const project = await loopProject('one-by-one', THREE_ERRORS);
    const result = await project.gatekeeper(['loop', '--agent', 'node agents/fix-one.mjs', '--json']);
    const loop = parseLoop(result.stdout);
    expect(loop.outcome).toBe('passed');
    expect(result.exitCode).toBe(0);
    expect(loop.attempts.map((a) => a.agentExitCode)).toEqual([null, 0, 0, 0]);
    expect(loop.attempts.map((a) => a.gates[0]?.diagnostics.length)).toEqual([3, 2, 1, 0]);
    const prints = loop.attempts.map((a) => a.fingerprint);
    expect(new Set(prints.slice(0, 3)).size).toBe(3);
    expect(prints[3]).toBeNull();

    const runs = path.join(project.dir, '.gatekeeper', 'runs', runIdOf(loop));
    const second = readFileSync(path.join(runs, 'attempt-2', 'feedback.md'), 'utf8');
    expect(second).toContain('Since attempt 1: 1 fixed, 0 new, 2 still failing.');
    expect(second).toContain("fixed: types: src/values.ts:1:14 TS2322 Type 'string' is not assignable to type 'number'.");
    // The memory: what attempt 2's agent call changed, kept as a diff, and the failures that survived it.
    expect(second).toContain("src/values.ts:2:14 TS2322 Type 'number' is not assignable to type 'string'.  [still failing; survived attempt 2's change to src/values.ts:1]");
    expect(second).toContain(`Attempt 2 changed .gatekeeper.json:1, src/values.ts:1 (full diff: .gatekeeper/runs/${runIdOf(loop)}/attempt-2/changes.diff).`);
    expect(second).toContain('2 failures survived that change (2 in files it touched)');
    expect(second).toContain('> 2 | export const b: string = 2;');
    const diff = readFileSync(path.join(runs, 'attempt-2', 'changes.diff'), 'utf8');
    expect(diff).toContain("-export const a: number = 'a';\n+export const a: number = 1;");
    expect(readFileSync(path.join(runs, 'attempt-2', 'failing-files.txt'), 'utf8')).toContain('  src/values.ts — 2 × TS2322 (lines 2–3)');
    // What the agent got on stdin is exactly the digest on disk.
    expect(call(project, 3).stdin).toBe(second);
    expect(call(project, 2).stdin).toBe(readFileSync(path.join(runs, 'attempt-1', 'feedback.md'), 'utf8'));
    const checkpoints = (await project.gatekeeper(['checkpoints', '--json'])).stdout;
    expect((JSON.parse(checkpoints) as { id: string }[]).map((c) => c.id.slice(runIdOf(loop).length + 1))).toEqual(['a01', 'a02', 'a03', 'a04', 'end']);
    // The ledger line is what `gatekeeper stats` counts.
    const stats = JSON.parse((await project.gatekeeper(['stats', '--json'])).stdout) as { loops: unknown };
    expect(stats.loops).toEqual({ total: 1, passed: 1, firstPassYield: 0, meanAttemptsToGreen: 4 });
  });

  it('stops with spiral when the agent changes nothing, with a digest within its budget', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `export const v${i}: number = 's${i}';`).join('\n');
    const project = await loopProject('nothing', many, {}, {}, CHEAP_GATE);
    const result = await project.gatekeeper(['loop', '--agent', 'node agents/nothing.mjs', '--feedback-budget', '1500']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/✖ loop spiral after 2 attempts: the agent changed nothing at all in attempt 2/);
    expect(result.stdout).toContain('the last feedback digest: .gatekeeper/feedback.md');
    const runId = /gatekeeper loop (\S+):/.exec(result.stdout)?.[1] ?? '';

    const digest = call(project, 2).stdin;
    expect(digest.length).toBeLessThanOrEqual(1500);
    // Forty errors of one code and message in one file are one entry naming all forty lines.
    expect(digest).toContain('  src/values.ts — 40 × TS2322 (lines 1–40)\n');
    expect(namedPositions(digest)).toEqual(Array.from({ length: 40 }, (_, i) => `src/values.ts:${i + 1}`).sort());
    expect(digest).toContain(`Full logs: .gatekeeper/runs/${runId}/attempt-1/`);
    const fullLog = readFileSync(path.join(project.dir, '.gatekeeper', 'runs', runId, 'attempt-1', 'types.log'), 'utf8');
    expect(fullLog.match(/error TS2322/g)).toHaveLength(40);
    expect(lastLedgerLine(project)).toMatchObject({ command: 'loop', outcome: 'spiral', attempts: 2 });
  });

  it('stops with spiral when the agent oscillates between two broken states, and the digest says it goes in circles', async () => {
    const project = await loopProject('oscillate', "export const x: number = 'a';\n", {}, {}, CHEAP_GATE);
    const result = await project.gatekeeper(['loop', '--agent', 'node agents/alternate.mjs', '--max-attempts', '6', '--json']);
    expect(result.exitCode).toBe(3);
    const loop = parseLoop(result.stdout);
    expect(loop.outcome).toBe('spiral');
    expect(loop.reason).toMatch(/^oscillating: attempt 3 is back to the failures of attempt 1/);
    const [a, b, c] = loop.attempts.map((x) => x.fingerprint);
    expect(loop.attempts).toHaveLength(3);
    expect(a).not.toBe(b);
    expect(c).toBe(a);
    expect(project.read('.gatekeeper/feedback.md')).toContain('Going in circles: these are exactly the failures of attempt 1.');
  });

  it('stops with spiral when the same failures come back more often than loop.spiralRepeats allows', async () => {
    const project = await loopProject('repeat', THREE_ERRORS, {}, { spiralRepeats: 2 }, CHEAP_GATE);
    const result = await project.gatekeeper(['loop', '--agent', 'node agents/comment.mjs', '--json']);
    expect(result.exitCode).toBe(3);
    const loop = parseLoop(result.stdout);
    expect(loop.attempts).toHaveLength(3);
    expect(loop.reason).toBe(`the same failures (fingerprint ${loop.attempts[0]?.fingerprint ?? ''}) on 3 consecutive attempts (1 to 3)`);
    expect(project.read('src/values.ts')).toContain('// tried again 3');
  });

  it('ends tampered when the agent silences the error and the loop\'s guard gate still fails at the end', async () => {
    const project = await loopProject('cheat', "export const a: number = 'a';\n", {}, { guard: true });
    const result = await project.gatekeeper(['loop', '--agent', 'node agents/cheat.mjs', '--json']);
    const loop = parseLoop(result.stdout);
    expect(loop.outcome).toBe('tampered');
    expect(result.exitCode).toBe(4);
    expect(loop.attempts.at(-1)?.gates.map((g) => [g.id, g.status])).toEqual([['types', 'passed'], ['guard', 'failed']]);
    expect(loop.reason).toMatch(/^the guard gate still fails on the last attempt/);
    expect(project.read('.gatekeeper/feedback.md')).toMatch(/\nguard \(guard, failed\): [\s\S]*\n## guard\n[\s\S]*src\/values\.ts:1/);
  });

  it('never calls the agent when the gates already pass and there is no task', async () => {
    const project = await loopProject('green', 'export const a: number = 1;\n', {}, {}, CHEAP_GATE);
    const result = await project.gatekeeper(['loop', '--agent', 'node agents/fix-all.mjs', '--json']);
    expect(result.exitCode).toBe(0);
    expect(parseLoop(result.stdout).attempts).toEqual([expect.objectContaining({ n: 1, fingerprint: null, agentExitCode: null })]);
    expect(existsSync(path.join(project.dir, 'agent-log'))).toBe(false);
  });

  it('loses nothing when the agent deletes src/: restore brings every file back byte for byte and removes what it added', async () => {
    const project = await loopProject('vandal', THREE_ERRORS, { 'src/data.bin': Buffer.from([0, 255, 1, 254, 10, 13]).toString('latin1') });
    project.write('src/values.ts', `${THREE_ERRORS}// an uncommitted edit\n`);
    project.write('src/untracked.ts', 'export const u = 1;\n');
    const files = (dir: string): Record<string, string> =>
      Object.fromEntries(
        readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((f) => !/^(\.git|\.gatekeeper|agent-log)(\/|$)/.test(f) && statSync(path.join(dir, f)).isFile())
          .map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]),
      );
    const before = files(project.dir);
    const status = await project.git('status', '--porcelain');

    const result = await project.gatekeeper(['loop', '--agent', 'node agents/vandal.mjs', '--max-attempts', '2', '--json']);
    const loop = parseLoop(result.stdout);
    expect(loop.outcome).toBe('exhausted');
    expect(result.exitCode).toBe(1);
    expect(existsSync(path.join(project.dir, 'src'))).toBe(false);

    const restore = await project.gatekeeper(['restore', loop.attempts[0]?.checkpoint ?? '']);
    expect(restore.stderr).toBe('');
    expect(restore.exitCode).toBe(0);
    expect(files(project.dir)).toEqual(before);
    expect(existsSync(path.join(project.dir, 'added-by-agent.txt'))).toBe(false);
    expect(await project.git('status', '--porcelain')).toBe(status);

    project.write('src/values.ts', 'work done after the loop\n');
    const refused = await project.gatekeeper(['restore', loop.attempts[1]?.checkpoint ?? '']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes that differ from the latest checkpoint');
    expect(project.read('src/values.ts')).toBe('work done after the loop\n');
    const forced = await project.gatekeeper(['restore', loop.attempts[1]?.checkpoint ?? '', '--force']);
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toMatch(/the tree as it was before is saved as checkpoint \S+-before-restore/);
    expect(project.read('src/values.ts')).toBe(`${THREE_ERRORS}// an uncommitted edit\n`);
  });

  it('ends with agent-failed when the agent (named in the config) crashes twice in a row', async () => {
    const project = await loopProject('crash', THREE_ERRORS, {}, { agent: 'node -e "process.exit(7)"' }, CHEAP_GATE);
    const result = await project.gatekeeper(['loop', '--json']);
    expect(result.exitCode).toBe(5);
    const loop = parseLoop(result.stdout);
    expect(loop.outcome).toBe('agent-failed');
    expect(loop.attempts.map((a) => a.agentExitCode)).toEqual([null, 7, 7]);
    expect(loop.reason).toBe('the agent failed twice in a row: attempt 2 exited with code 7, attempt 3 exited with code 7');
  });

  it('kills an agent that hangs past --agent-timeout together with its children', async () => {
    const project = await loopProject('hang', THREE_ERRORS, {}, {}, CHEAP_GATE);
    // 5 s, not 1: a loaded machine must still get the agent to write its sleeper's pid before the kill.
    const result = await project.gatekeeper(['loop', '--agent', 'node agents/hang.mjs', '--agent-timeout', '5', '--json']);
    expect(result.exitCode).toBe(5);
    const loop = parseLoop(result.stdout);
    expect(loop.outcome).toBe('agent-failed');
    expect(loop.attempts.map((a) => a.agentTimedOut)).toEqual([false, true, true]);
    expect(loop.reason).toContain('attempt 3 timed out after 5 s');
    for (const n of [2, 3]) {
      const pid = Number(project.read(`agent-log/sleep-${n}.pid`));
      expect(pid).toBeGreaterThan(0);
      expect(await isGone(pid)).toBe(true);
    }
  });

  it('on Ctrl-C kills the agent and its children, exits 130 and keeps the checkpoints', async () => {
    const project = await loopProject('sigint', THREE_ERRORS, {}, {}, CHEAP_GATE);
    const child = execa(process.execPath, [CLI, 'loop', '--agent', 'node agents/hang.mjs', '--json'], { cwd: project.dir, reject: false, env: { ...GIT_ENV, CI: 'true' } });
    await pidFrom(path.join(project.dir, 'agent-log', 'sleep-2.pid'), 180_000);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(await isGone(Number(project.read('agent-log/sleep-2.pid')))).toBe(true);
    const refs = await project.git('for-each-ref', '--format=%(refname)', 'refs/gatekeeper/checkpoints/');
    expect(refs.split('\n').map((r) => r.replace(/^.*-/, ''))).toEqual(['a01', 'a02', 'end']);
    expect(lastLedgerLine(project)).toMatchObject({ command: 'loop', outcome: 'interrupted' });
  });

  it('answers usage mistakes with exit 2 and one clear sentence', async () => {
    const project = await loopProject('usage', THREE_ERRORS, {}, {}, CHEAP_GATE);
    // Whole results are compared, so that a failure shows what the command printed.
    expect(await project.gatekeeper(['loop'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/needs an agent command: pass --agent "<command>" or set "loop": \{ "agent": "<command>" \} in .*\.gatekeeper\.json/),
    });
    expect(await project.gatekeeper(['loop', '--agent', 'true', '--task', 'x', '--task-file', 'task.md'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('--task and --task-file both name the task'),
    });
    expect(await project.gatekeeper(['loop', '--agent', 'true', '--max-attempts', '0'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('expected a whole number of at least 1'),
    });
    expect(await project.gatekeeper(['loop', '--agent', 'true', '--task-file', 'nope.md'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/--task-file nope\.md: .* could not be read \(ENOENT\)/),
    });
    expect(existsSync(path.join(project.dir, 'agent-log'))).toBe(false);
    const outside = await makeProject('loop-nogit', { '.gatekeeper.json': JSON.stringify({ gates: [{ id: 'c', kind: 'command', command: 'true' }] }) }, { git: false });
    projects.push(outside);
    // test/.tmp is inside Gatekeeper's own repository: stop git from finding it.
    const noGit = await outside.gatekeeper(['loop', '--agent', 'true'], { env: { GIT_CEILING_DIRECTORIES: path.dirname(outside.dir) } });
    expect(noGit).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('gatekeeper loop needs a git repository') });
  });
});
