import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, gate, GIT_ENV, makeProject, parseJsonReport, type Project } from './helpers/project.js';
import { expectGone, pidFrom } from './helpers/processes.js';
import { tsProjectFiles } from './helpers/ts-project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function commandProject(name: string, gates: unknown[]): Promise<Project> {
  const project = await makeProject(name, { '.gatekeeper.json': JSON.stringify({ failFast: false, gates }), '.gitignore': '.gatekeeper/\n*.pid\n' });
  projects.push(project);
  return project;
}

describe('faults', () => {
  it('kills a hanging gate with its whole process group at its timeout and reports it errored', async () => {
    const project = await commandProject('hang', [{ id: 'hang', kind: 'command', command: 'sleep 300 & echo $! > child.pid; wait', timeout: 1 }]);
    const result = await project.gatekeeper(['run', '--json']);
    expect(result.exitCode).toBe(1);
    const hang = gate(parseJsonReport(result.stdout), 'hang');
    expect(hang.status).toBe('errored');
    expect(hang.summary).toContain('timed out after 1 s');
    await expectGone(await pidFrom(path.join(project.dir, 'child.pid')));
  });

  it('ends what a passing gate left running in the background', async () => {
    const project = await commandProject('leftover', [{ id: 'bg', kind: 'command', command: '(sleep 300 & echo $! > child.pid) ; exit 0' }]);
    const result = await project.gatekeeper(['run', '--json']);
    expect(gate(parseJsonReport(result.stdout), 'bg').status).toBe('passed');
    await expectGone(await pidFrom(path.join(project.dir, 'child.pid')));
  });

  it('keeps memory bounded when a gate prints hundreds of megabytes, and the verdict is still right', async () => {
    const project = await commandProject('flood', [
      { id: 'flood-pass', kind: 'command', command: 'head -c 300000000 /dev/zero | tr "\\0" "x"; exit 0' },
      { id: 'flood-fail', kind: 'command', command: 'echo FIRST-LINE; head -c 300000000 /dev/zero | tr "\\0" "y"; echo; echo LAST-LINE; exit 4' },
    ]);
    // The heap flag does not bound Buffers, so measure what the process really held: its peak
    // resident set, written by a preloaded probe as the process exits.
    const rssFile = path.join(project.dir, 'peak-rss-kb');
    writeFileSync(path.join(project.dir, 'rss-probe.cjs'), `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
    const result = await execa(process.execPath, ['--require', './rss-probe.cjs', CLI, 'run', '--reporter', 'json', '--reporter', 'junit=junit.xml'], { cwd: project.dir, reject: false, env: { ...GIT_ENV, CI: 'true' } });
    const report = parseJsonReport(String(result.stdout));
    expect(gate(report, 'flood-pass').status).toBe('passed');
    expect(gate(report, 'flood-fail').status).toBe('failed');
    expect(result.exitCode).toBe(1);
    // 600 MB went through; a process that kept it would be far past 200 MB.
    const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    expect(peakMb).toBeGreaterThan(10);
    expect(peakMb).toBeLessThan(200);
    // Head and tail kept, the cut said (JUnit carries a blocking gate's output).
    const output = /<system-out>([\s\S]*?)<\/system-out>/.exec(readFileSync(path.join(project.dir, 'junit.xml'), 'utf8'))?.[1] ?? '';
    expect(output.startsWith('FIRST-LINE')).toBe(true);
    expect(output.trimEnd().endsWith('LAST-LINE')).toBe(true);
    expect(output).toMatch(/\[\.\.\. \d+ characters of output not kept \(cap \d+\) \.\.\.\]/);
    expect(output.length).toBeLessThan(70 * 1024);
  }, 180_000);

  it.each([
    ['dies with 130 on Ctrl-C and leaves no child process behind', 'SIGINT', 130],
    ['dies with 143 on SIGTERM and leaves no child process behind', 'SIGTERM', 143],
  ] as const)('%s', async (_title, signal, code) => {
    const project = await commandProject(signal.toLowerCase(), [{ id: 'slow', kind: 'command', command: 'sleep 300 & echo $! > child.pid; wait' }]);
    const child = execa(process.execPath, [CLI, 'run'], { cwd: project.dir, reject: false, env: { ...GIT_ENV, CI: 'true' } });
    const sleeper = await pidFrom(path.join(project.dir, 'child.pid'));
    child.kill(signal);
    const result = await child;
    expect(result.exitCode).toBe(code);
    await expectGone(sleeper);
  });

  it('gives both of two simultaneous runs on one repository the right verdict', async () => {
    const project = await makeProject('twice', tsProjectFiles({ typeError: true }));
    projects.push(project);
    const [a, b] = await Promise.all([project.gatekeeper(['run', '--json', '--only', 'types,lint']), project.gatekeeper(['run', '--json', '--only', 'types,lint'])]);
    for (const run of [a, b]) {
      const report = parseJsonReport(run.stdout);
      expect(gate(report, 'types').status).toBe('failed');
      expect(gate(report, 'lint').status).toBe('passed');
    }
    const history = project.read('.gatekeeper/history.jsonl').trim().split('\n');
    expect(history).toHaveLength(2);
    history.forEach((line) => expect(() => JSON.parse(line) as unknown).not.toThrow());
  });

  it('goes on without its history when .gatekeeper/ cannot be written, and warns once', async () => {
    const project = await commandProject('unwritable', [{ id: 'ok', kind: 'command', command: 'true' }]);
    writeFileSync(path.join(project.dir, '.gatekeeper'), 'a file where a folder should be');
    const result = await project.gatekeeper(['run', '--json']);
    expect(result.exitCode).toBe(0);
    expect(parseJsonReport(result.stdout).ok).toBe(true);
    // Once per concern: the history, and the result cache (which lives in .gatekeeper/cache without node_modules).
    expect(result.stderr.match(/warning: could not write .*history is not kept/g)).toHaveLength(1);
    expect(result.stderr.match(/warning: could not write the result cache/g)).toHaveLength(1);
  });
});

describe('missing tools', () => {
  it('makes typecheck, lint and test errored with the npm command that installs each', async () => {
    // Outside Gatekeeper's checkout, so that nothing resolves typescript, eslint or vitest.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gatekeeper-notools-'));
    try {
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
      writeFileSync(path.join(dir, 'package.json'), '{"name":"bare","private":true}');
      writeFileSync(
        path.join(dir, '.gatekeeper.json'),
        JSON.stringify({ failFast: false, gates: [{ id: 'types', kind: 'typecheck' }, { id: 'lint', kind: 'lint' }, { id: 'tests', kind: 'test' }] }),
      );
      const result = await execa(process.execPath, [CLI, 'run', '--json'], { cwd: dir, reject: false, env: { ...GIT_ENV, CI: 'true' } });
      expect(result.exitCode).toBe(1);
      const report = parseJsonReport(String(result.stdout));
      for (const [id, tool] of [['types', 'typescript'], ['lint', 'eslint'], ['tests', 'vitest']] as const) {
        expect(gate(report, id).status).toBe('errored');
        expect(gate(report, id).summary).toContain(`npm install --save-dev ${tool}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
