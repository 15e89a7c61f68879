import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../src/core/errors.js';
import type { GateResult } from '../src/core/result.js';
import { agentSessions } from '../src/history/agent-sessions.js';
import { firstPass } from '../src/history/first-pass.js';
import { median, percentile } from '../src/history/gate-stats.js';
import { gateSummaries, type LedgerEntry } from '../src/history/ledger.js';
import { outcomesOverTime } from '../src/history/outcomes.js';
import { datedEntries, resolvePeriod } from '../src/history/period.js';
import { inCi } from '../src/history/record-run.js';
import { repeatedFailures } from '../src/history/repeated-failures.js';
import { computeStats } from '../src/history/stats.js';
import { bucketOf, bucketsBetween } from '../src/history/timeline.js';
import { niceMax } from '../src/history/page/axis.js';

const line = (time: string, fields: Partial<LedgerEntry>): LedgerEntry => ({ time, command: 'run', outcome: 'passed', durationMs: 1, gates: [], ...fields });
const dated = (entries: LedgerEntry[]) => datedEntries(entries).dated;

describe('period', () => {
  it('reads --since as a UTC day and --days as a count, and says plainly what is wrong', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(resolvePeriod({ days: '7', now }, [])).toEqual({ from: '2026-03-04', to: '2026-03-10', days: 7, bucket: 'day' });
    expect(resolvePeriod({ since: '2026-01-01', days: '90', now }, [])).toEqual({ from: '2026-01-01', to: '2026-03-31', days: 90, bucket: 'week' });
    expect(resolvePeriod({ since: '2026-03-01', now }, ['2026-03-12'])).toMatchObject({ from: '2026-03-01', to: '2026-03-12' });
    expect(resolvePeriod({ now }, ['2026-02-03', '2026-01-05'])).toMatchObject({ from: '2026-01-05', to: '2026-02-03', days: 30, bucket: 'day' });
    expect(() => resolvePeriod({ since: '2026-13-01' }, [])).toThrow(UserFacingError);
    expect(() => resolvePeriod({ since: '2026-02-30' }, [])).toThrow(/--since 2026-02-30: not a date\. Give the first day to report as YYYY-MM-DD/);
    expect(() => resolvePeriod({ days: '0' }, [])).toThrow(/--days 0: not a whole number of days/);
    expect(() => resolvePeriod({ days: '1.5' }, [])).toThrow(UserFacingError);
  });

  it('names weeks by their Monday and lists empty buckets too', () => {
    expect(bucketOf('2026-03-08', 'week')).toBe('2026-03-02');
    expect(bucketOf('2026-03-09', 'week')).toBe('2026-03-09');
    expect(bucketsBetween('2026-03-08', '2026-03-23', 'week')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
    expect(bucketsBetween('2026-02-27', '2026-03-02', 'day')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('counts an entry without a readable time as a skipped line', () => {
    const stats = computeStats([line('2026-03-01T00:00:00Z', {}), line('yesterday', {}), { command: 'run' } as unknown as LedgerEntry], { skippedLines: 2 });
    expect(stats.entries).toBe(1);
    expect(stats.skippedLines).toBe(4);
  });
});

describe('durations', () => {
  it('takes nearest-rank percentiles: an observed duration', () => {
    const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000];
    expect(percentile(sorted, 0.9)).toBe(90);
    expect(percentile([5], 0.9)).toBe(5);
    expect(median(sorted)).toBe(55);
    expect(median([1, 2, 9])).toBe(2);
  });

  it('tops a count axis at a number whose quarters are whole', () => {
    expect(niceMax(3)).toBe(4);
    expect(niceMax(6)).toBe(8);
    expect(niceMax(1344)).toBe(1600);
    for (const max of [7, 13, 99, 101, 555, 9999]) {
      const top = niceMax(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(Number.isInteger(top / 4)).toBe(true);
    }
  });
});

describe('agent sessions and first-pass yield', () => {
  const entries = [
    line('2026-03-01T10:00:00Z', { command: 'agent', host: 'claude', session: 'a', attempt: 1, outcome: 'agent-failed' }),
    line('2026-03-01T10:01:00Z', { command: 'agent', host: 'codex', session: 'b', attempt: 1, outcome: 'passed' }),
    line('2026-03-02T10:02:00Z', { command: 'agent', host: 'claude', session: 'a', attempt: 2, outcome: 'passed' }),
    line('2026-03-02T10:03:00Z', { command: 'agent', outcome: 'not-verified' }),
    line('2026-03-01T11:00:00Z', { command: 'hook', outcome: 'passed' }),
    line('2026-03-01T11:00:00Z', { command: 'hook', outcome: 'failed' }),
    line('2026-03-01T11:00:00Z', { command: 'hook', outcome: 'bypassed', bypasses: ['GATEKEEPER=0'] }),
    line('2026-03-02T11:00:00Z', { command: 'run', outcome: 'failed', ci: true }),
    line('2026-03-02T11:00:00Z', { command: 'run', outcome: 'failed' }),
    line('2026-03-02T11:00:00Z', { command: 'loop', outcome: 'passed', attempts: 1 }),
    line('2026-03-02T11:00:00Z', { command: 'loop', outcome: 'passed', attempts: 3 }),
  ];

  it('groups stops by host and session; a stop without a session is a session of its own', () => {
    const sessions = agentSessions(dated(entries));
    expect(sessions.map((s) => [s.host, s.day, s.attempts, s.firstOutcome, s.finalOutcome])).toEqual([
      ['claude', '2026-03-01', 2, 'agent-failed', 'passed'],
      ['codex', '2026-03-01', 1, 'passed', 'passed'],
      ['unknown', '2026-03-02', 1, 'not-verified', 'not-verified'],
    ]);
  });

  it('judges pushes, CI runs, loops and sessions apart; bypassed pushes and local runs are not judged', () => {
    const d = dated(entries);
    const fp = firstPass(d, agentSessions(d), { buckets: ['2026-03-01', '2026-03-02'], size: 'day' });
    expect(fp.period).toEqual({
      hook: { total: 2, firstPass: 1, yield: 0.5 },
      ci: { total: 1, firstPass: 0, yield: 0 },
      loop: { total: 2, firstPass: 1, yield: 0.5 },
      agent: { total: 3, firstPass: 1, yield: 1 / 3 },
    });
    expect(fp.timeline.map((r) => [r.bucket, r.agent.total, r.hook.total, r.ci.total])).toEqual([
      ['2026-03-01', 2, 2, 0],
      ['2026-03-02', 1, 0, 1],
    ]);
  });

  it('stacks known outcomes first, in a fixed order, then any others', () => {
    const d = dated([...entries, line('2026-03-02T11:00:00Z', { command: 'loop', outcome: 'weird' }), line('2026-03-02T11:00:00Z', { command: 'loop', outcome: 'spiral' })]);
    const outcomes = outcomesOverTime(d, agentSessions(d), { buckets: ['2026-03-01', '2026-03-02'], size: 'day' });
    expect(outcomes.outcomes).toEqual(['passed', 'spiral', 'not-verified', 'weird']);
    expect(outcomes.totals).toEqual({ passed: 4, spiral: 1, 'not-verified': 1, weird: 1 });
  });
});

describe('repeated failures', () => {
  it('adds up codes per gate, and counts a fingerprint once per loop for "lines"', () => {
    const entries = [
      line('2026-03-01T00:00:00Z', { command: 'loop', outcome: 'exhausted', fingerprints: ['aa', 'aa', 'bb', 'passed'], gates: [{ id: 'lint', kind: 'lint', status: 'failed', durationMs: 1, cached: false, codes: { eqeqeq: 2, 'no-var': 1 } }] }),
      line('2026-03-03T00:00:00Z', { command: 'loop', outcome: 'passed', fingerprints: ['aa', 'passed'], gates: [{ id: 'lint', kind: 'lint', status: 'failed', durationMs: 1, cached: false, codes: { eqeqeq: 3 } }] }),
    ];
    const repeated = repeatedFailures(dated(entries));
    expect(repeated.codes).toEqual([
      { gate: 'lint', code: 'eqeqeq', count: 5, runs: 2 },
      { gate: 'lint', code: 'no-var', count: 1, runs: 1 },
    ]);
    // "bb" appeared once: not a repeat.
    expect(repeated.fingerprints).toEqual([{ fingerprint: 'aa', count: 3, lines: 2, lastSeen: '2026-03-03' }]);
  });
});

describe('ledger lines', () => {
  const result = (status: GateResult['status'], codes: string[]): GateResult => ({
    id: 'lint',
    kind: 'lint',
    status,
    summary: '',
    output: '',
    durationMs: 5,
    cached: false,
    diagnostics: codes.map((code, i) => ({ code, message: 'm', severity: i === 0 ? 'error' : 'warning' })),
  });

  it('records the codes that made a gate block, and none for a passing gate', () => {
    expect(gateSummaries([result('failed', ['eqeqeq', 'no-var'])])[0]?.codes).toEqual({ eqeqeq: 1 });
    expect(gateSummaries([result('passed', ['eqeqeq'])])[0]).not.toHaveProperty('codes');
    const many = { ...result('failed', []), diagnostics: Array.from({ length: 30 }, (_, i) => ({ code: `r${i}`, message: 'm', severity: 'error' as const })) };
    expect(Object.keys(gateSummaries([many])[0]?.codes ?? {})).toHaveLength(20);
  });

  it('marks a line as CI when CI is set to anything but false or 0', () => {
    expect([inCi({ CI: 'true' }), inCi({ CI: '1' }), inCi({ CI: 'woodpecker' }), inCi({ CI: 'false' }), inCi({ CI: '0' }), inCi({ CI: '' }), inCi({})]).toEqual([true, true, true, false, false, false, false]);
  });
});
