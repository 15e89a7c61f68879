import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../src/history/ledger.js';
import { bypassKind, computeStats } from '../src/history/stats.js';
import { formatStats } from '../src/history/stats-text.js';

describe('bypassKind', () => {
  it('groups bypasses by what was used, not by which gates', () => {
    expect(bypassKind('--skip lint')).toBe('--skip');
    expect(bypassKind('GATEKEEPER_SKIP=lint,test')).toBe('GATEKEEPER_SKIP');
    expect(bypassKind('GATEKEEPER=0')).toBe('GATEKEEPER=0');
    expect(bypassKind('--no-verify')).toBe('--no-verify');
  });
});

describe('computeStats', () => {
  it('counts a loop without a recorded attempt count as not green on its first run', () => {
    const loop = (outcome: string, attempts?: number): LedgerEntry => ({ time: '2026-01-01T00:00:00Z', command: 'loop', outcome, durationMs: 1, gates: [], ...(attempts === undefined ? {} : { attempts }) });
    const stats = computeStats([loop('passed'), loop('passed', 1), loop('exhausted', 5), loop('agent-failed', 2)]);
    expect(stats.loops).toEqual({ total: 4, passed: 2, firstPassYield: 0.25, meanAttemptsToGreen: 1 });
    expect(stats.gates).toEqual([]);
    expect(formatStats(stats)).toMatch(/^first-pass yield +25% of 4 loops/m);
  });
});
