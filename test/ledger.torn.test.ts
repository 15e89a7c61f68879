import { afterAll, describe, expect, it } from 'vitest';
import { readLedgerCounted } from '../src/history/ledger.js';
import { makeProject, type Project } from './helpers/project.js';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

const CONFIG = `${JSON.stringify({ gates: [{ id: 'ok', kind: 'command', command: 'node -e "process.exit(0)"' }] })}\n`;
const GOOD = `${JSON.stringify({ time: '2026-01-01T00:00:00.000Z', command: 'run', outcome: 'passed', durationMs: 5, gates: [] })}\n`;
/** What a run killed in the middle of its append leaves: half a line, no newline. */
const TORN = '{"time":"2026-01-01T00:01:00.000Z","command":"run","outc';

describe('a ledger whose last line was cut mid-write', () => {
  it('the next run ends the torn line, keeps its own entry whole, says so once, and stats skips it', async () => {
    const p = await makeProject('ledger-torn', { '.gitignore': '.gatekeeper/\n', '.gatekeeper.json': CONFIG });
    projects.push(p);
    p.write('.gatekeeper/history.jsonl', GOOD + TORN);

    const run = await p.gatekeeper(['run']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr.match(/was cut short/g)).toHaveLength(1);
    const after = readLedgerCounted(p.dir);
    expect(after.skippedLines).toBe(1);
    expect(after.entries.map((e) => [e.command, e.outcome])).toEqual([
      ['run', 'passed'],
      ['run', 'passed'],
    ]);
    expect(p.read('.gatekeeper/history.jsonl').startsWith(`${GOOD}${TORN}\n{`)).toBe(true);

    // A second run finds a whole last line: no warning, one more entry.
    const again = await p.gatekeeper(['run']);
    expect(again.stderr).not.toContain('cut short');
    expect(readLedgerCounted(p.dir)).toEqual(expect.objectContaining({ skippedLines: 1 }));
    expect(readLedgerCounted(p.dir).entries).toHaveLength(3);

    const stats = await p.gatekeeper(['stats', '--json']);
    expect(stats.exitCode).toBe(0);
    expect(JSON.parse(stats.stdout)).toEqual(expect.objectContaining({ entries: 3 }));
  });
});
