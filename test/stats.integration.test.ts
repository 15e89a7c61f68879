import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, type Project } from './helpers/project.js';
import type { LedgerStats } from '../src/history/stats.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

const CONFIG = JSON.stringify({
  failFast: false,
  gates: [
    { id: 'guard', kind: 'guard' },
    { id: 'always', kind: 'command', command: 'node -e ""' },
    // Fails while the file `broken` exists, so the test can make it fail on demand.
    { id: 'flaky', kind: 'command', command: 'node -e "process.exit(require(\'fs\').existsSync(\'broken\') ? 1 : 0)"' },
  ],
});

/**
 * HAND-WRITTEN loop lines: the loop command is another issue's work, so these stand in for what
 * it appends (command "loop", `attempts` = gate runs, outcome passed | spiral | tampered ...).
 */
function handWrittenLoopLine(outcome: string, attempts: number, guard: 'passed' | 'failed'): string {
  return JSON.stringify({
    time: `2026-01-0${attempts}T10:00:00.000Z`,
    command: 'loop',
    outcome,
    durationMs: 1000,
    attempts,
    fingerprints: [],
    gates: [
      { id: 'guard', kind: 'guard', status: guard, durationMs: 5, cached: false },
      { id: 'flaky', kind: 'command', status: outcome === 'passed' ? 'passed' : 'failed', durationMs: 5, cached: false },
    ],
  });
}

describe('gatekeeper stats', () => {
  it('says there is no history yet, and exits 0, when the ledger is missing', async () => {
    const project = await makeProject('stats-empty', { '.gatekeeper.json': CONFIG, '.gitignore': '.gatekeeper/\n' });
    projects.push(project);
    const text = await project.gatekeeper(['stats']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('No history yet: .gatekeeper/history.jsonl is missing or empty');
    const json = await project.gatekeeper(['stats', '--json']);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ entries: 0, skippedLines: 0, runs: { run: 0, hook: 0, loop: 0, agent: 0 }, loops: { firstPassYield: null } });

    const missing = await project.gatekeeper(['stats', '--cwd', path.join(project.dir, 'nowhere')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no such folder');
  });

  it('summarises real runs and hand-written loop lines', async () => {
    const project = await makeProject('stats', { '.gatekeeper.json': CONFIG, '.gitignore': '.gatekeeper/\n', 'src/a.ts': 'export const a = 1;\n' });
    projects.push(project);

    expect((await project.gatekeeper(['run'])).exitCode).toBe(0);
    project.write('broken', '');
    expect((await project.gatekeeper(['run'])).exitCode).toBe(1);
    expect((await project.gatekeeper(['run', '--skip', 'flaky'])).exitCode).toBe(0);
    project.remove('broken');
    project.write('src/a.ts', '// @ts-ignore\nexport const a: string = 1;\n');
    expect((await project.gatekeeper(['run'])).exitCode).toBe(1);

    const ledger = path.join(project.dir, '.gatekeeper', 'history.jsonl');
    appendFileSync(ledger, `${handWrittenLoopLine('passed', 1, 'passed')}\n${handWrittenLoopLine('passed', 3, 'passed')}\n${handWrittenLoopLine('spiral', 2, 'passed')}\n${handWrittenLoopLine('tampered', 4, 'failed')}\n`);

    const result = await project.gatekeeper(['stats', '--json']);
    expect(result.exitCode).toBe(0);
    const stats = JSON.parse(result.stdout) as LedgerStats;
    expect(stats.entries).toBe(8);
    expect(stats.runs).toEqual({ run: 4, hook: 0, loop: 4, agent: 0 });
    expect(stats.loops).toEqual({ total: 4, passed: 2, firstPassYield: 0.25, meanAttemptsToGreen: 2 });
    expect(stats.spirals).toBe(1);
    // One real guard failure (the @ts-ignore run) and one tampered loop whose guard failed too.
    expect(stats.tampering).toEqual({ total: 3, tamperedLoops: 1, guardFailures: 2 });
    expect(stats.bypasses).toMatchObject({ total: 1, byKind: { '--skip': 1 } });
    expect(stats.gates).toMatchObject([
      { id: 'guard', kind: 'guard', ran: 8, failed: 2, errored: 0, failureRate: 0.25 },
      { id: 'always', kind: 'command', ran: 4, failed: 0, errored: 0, failureRate: 0 },
      { id: 'flaky', kind: 'command', ran: 7, failed: 3, errored: 0, failureRate: 3 / 7 },
    ]);

    const text = await project.gatekeeper(['stats']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('8 entries in .gatekeeper/history.jsonl');
    expect(text.stdout).toMatch(/^runs +run 4 · hook 0 · loop 4 · agent 0 sessions \(0 stops\)$/m);
    expect(text.stdout).toMatch(/^first-pass yield +25% of 4 loops green on the first gate run$/m);
    expect(text.stdout).toMatch(/^attempts to green +2\.0 on average over 2 passing loops$/m);
    expect(text.stdout).toMatch(/^spirals +1$/m);
    expect(text.stdout).toMatch(/^tampering +3 \(1 tampered loop, 2 guard failures\)$/m);
    expect(text.stdout).toMatch(/^bypasses +1 \(--skip 1\)$/m);
    expect(text.stdout).toMatch(/^flaky\s+command\s+7\s+3\s+0\s+43%\s+[\d.]+ m?s\s+[\d.]+ m?s$/m);
  });

  it('refuses a bad --since, --days or --html with one clear paragraph, exit 2, and no page left behind', async () => {
    const project = await makeProject('stats-bad', { '.gatekeeper.json': CONFIG, '.gitignore': '.gatekeeper/\n', 'afile': '' });
    projects.push(project);
    const since = await project.gatekeeper(['stats', '--since', '2026-13-01']);
    expect(since.exitCode).toBe(2);
    expect(since.stderr).toBe('gatekeeper: --since 2026-13-01: not a date. Give the first day to report as YYYY-MM-DD (UTC), e.g. --since 2026-01-31.');
    const days = await project.gatekeeper(['stats', '--json', '--days', 'ten']);
    expect(days.exitCode).toBe(2);
    expect(days.stdout).toBe('');
    expect(days.stderr).toContain('--days ten: not a whole number of days');
    // The parent of the page is a file: nothing can be written there.
    const html = await project.gatekeeper(['stats', '--html', path.join(project.dir, 'afile', 'page.html')]);
    expect(html.exitCode).toBe(2);
    expect(html.stderr).toMatch(/^gatekeeper: --html .*afile\/page\.html: could not write the page \((ENOTDIR|EEXIST)\)\. Name a file in a folder you can write to/);
    expect(html.stderr).not.toContain('    at ');
    expect(readdirSync(project.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
