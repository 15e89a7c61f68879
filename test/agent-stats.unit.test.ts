import { describe, expect, it } from 'vitest';
import { computeAgentStats } from '../src/history/agent-stats.js';
import type { LedgerEntry } from '../src/history/ledger.js';
import { formatStats } from '../src/history/stats-text.js';
import { computeStats } from '../src/history/stats.js';

function stop(session: string, attempt: number, outcome: string, host = 'claude'): LedgerEntry {
  return { time: `2026-12-02T01:00:0${attempt}Z`, command: 'agent', outcome, durationMs: 1, gates: [], host, session, attempt };
}

describe('agent prompts in gatekeeper stats', () => {
  const entries = [
    stop('a', 1, 'passed'),
    stop('a', 1, 'blocked'),
    stop('a', 2, 'blocked'),
    stop('a', 3, 'passed'),
    stop('b', 1, 'blocked'),
    stop('b', 2, 'spiral'),
    stop('b', 1, 'blocked', 'cursor'),
    stop('c', 1, 'error'),
    { time: '2026-12-02T01:00:00Z', command: 'run' as const, outcome: 'passed', durationMs: 1, gates: [] },
  ];

  it('cuts each session into prompts at attempt 1 and counts how each ended', () => {
    expect(computeAgentStats(entries)).toEqual({
      prompts: 5,
      passedFirstStop: 1,
      passedAfterBlocks: { '2': 1 },
      notVerified: { spiral: 1, error: 1 },
      open: 1,
      firstPassYield: 0.2,
    });
  });

  it('shows them in the text report, and not at all without agent lines', () => {
    const text = formatStats(computeStats(entries));
    expect(text).toContain('agent prompts');
    expect(text).toContain('1 passed at the first stop (20%), 1 after 2 blocks, 1 still blocked');
    expect(text).toMatch(/not verified\s+2 \(error 1, spiral 1\)/);
    expect(formatStats(computeStats(entries.slice(-1)))).not.toContain('agent prompts');
  });
});
